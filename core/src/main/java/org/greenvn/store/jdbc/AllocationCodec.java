package org.greenvn.store.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.DeallocationCause;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;

/**
 * An allocation as compact bytes: the {@code body} column, and what the routing index keeps per
 * active allocation. Numbers are their digits as a long, times are seconds and nanoseconds, so a
 * typical allocation takes about 100 bytes and decodes exactly to an equal value.
 *
 * <p>The first byte is the format; a reader refuses formats it does not know rather than guess.
 * The version follows at a fixed offset so {@link #version(byte[])} reads it without decoding.
 */
final class AllocationCodec {

  private static final byte FORMAT = 1;

  private AllocationCodec() {}

  static byte[] encode(Allocation a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(a.version());
      writeString(out, a.tenantSid());
      writeId(out, a.greenvnId());
      writeString(out, a.connectionId());
      out.writeLong(RouteKeys.digits(a.greenvn()));
      writeNumbers(out, a.aPartyNumbers());
      writeNumbers(out, a.bPartyNumbers());
      writePins(out, a.aPartyPins());
      writePins(out, a.bPartyPins());
      out.writeByte(a.usage() == Usage.ONEWAY ? 0 : 1);
      out.writeBoolean(a.strict());
      Preferences p = a.preferences();
      writeOptional(out, p.greenvn());
      writeOptional(out, p.region());
      writeOptional(out, p.pinCode());
      writeOptional(out, p.type());
      writeOptional(out, a.flowId());
      writeVarLong(out, a.deallocationDuration().getSeconds());
      writeVarLong(out, a.deallocationDuration().getNano());
      out.writeByte(a.state() == AllocationState.ACTIVE ? 0 : 1);
      writeInstant(out, a.createdAt());
      writeInstant(out, a.updatedAt());
      writeInstant(out, a.expiresAt());
      out.writeBoolean(a.deallocatedAt().isPresent());
      if (a.deallocatedAt().isPresent()) {
        writeInstant(out, a.deallocatedAt().get());
      }
      out.writeByte(
          a.deallocationCause().map(c -> c == DeallocationCause.DELETED ? 1 : 2).orElse(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** The version of an encoded allocation, read without decoding it. */
  static long version(byte[] encoded) {
    checkFormat(encoded);
    return ByteBuffer.wrap(encoded, 1, 8).getLong();
  }

  /** What the routing index needs of an encoded allocation, read without building it. */
  record Routes(Object idKey, long version, long greenvn, long[] keys, boolean hasPins) {}

  /** The id key, version, virtual number and route keys of an encoded allocation. */
  static Routes routes(byte[] encoded) {
    checkFormat(encoded);
    ByteBuffer in = ByteBuffer.wrap(encoded, 1, encoded.length - 1);
    long version = in.getLong();
    skipString(in); // tenant
    Object idKey = in.get() == 1 ? IdKeys.ofUuid(in.getLong(), in.getLong()) : readString(in);
    skipString(in); // connection id
    long greenvn = in.getLong();
    int aNumbers = readLength(in);
    long[] numbersA = new long[aNumbers];
    for (int i = 0; i < aNumbers; i++) {
      numbersA[i] = in.getLong();
    }
    int bNumbers = readLength(in);
    long[] keys = new long[aNumbers + bNumbers];
    System.arraycopy(numbersA, 0, keys, 0, aNumbers);
    for (int i = 0; i < bNumbers; i++) {
      keys[aNumbers + i] = in.getLong();
    }
    int aPins = readLength(in);
    int[] pins = new int[aPins];
    for (int i = 0; i < aPins; i++) {
      pins[i] = in.getInt();
    }
    int bPins = readLength(in);
    long[] all = new long[keys.length + aPins + bPins];
    System.arraycopy(keys, 0, all, 0, keys.length);
    for (int i = 0; i < aPins; i++) {
      all[keys.length + i] = -(long) pins[i];
    }
    for (int i = 0; i < bPins; i++) {
      all[keys.length + aPins + i] = -(long) in.getInt();
    }
    return new Routes(idKey, version, greenvn, RouteKeys.sortedUnique(all), aPins + bPins > 0);
  }

  private static void skipString(ByteBuffer in) {
    int length = readLength(in);
    in.position(in.position() + length);
  }

  static Allocation decode(byte[] encoded) {
    checkFormat(encoded);
    ByteBuffer in = ByteBuffer.wrap(encoded, 1, encoded.length - 1);
    long version = in.getLong();
    String tenantSid = readString(in);
    String greenvnId = readId(in);
    String connectionId = readString(in);
    PhoneNumber greenvn = RouteKeys.number(in.getLong());
    List<PhoneNumber> a = readNumbers(in);
    List<PhoneNumber> b = readNumbers(in);
    List<Pin> aPins = readPins(in);
    List<Pin> bPins = readPins(in);
    Usage usage = in.get() == 0 ? Usage.ONEWAY : Usage.TWOWAY;
    boolean strict = in.get() != 0;
    Optional<String> prefGreenvn = readOptional(in);
    Optional<String> prefRegion = readOptional(in);
    Optional<String> prefPinCode = readOptional(in);
    Optional<String> prefType = readOptional(in);
    Preferences preferences =
        prefGreenvn.isEmpty() && prefRegion.isEmpty() && prefPinCode.isEmpty() && prefType.isEmpty()
            ? Preferences.none()
            : Preferences.builder()
                .greenvn(prefGreenvn.orElse(null))
                .region(prefRegion.orElse(null))
                .pinCode(prefPinCode.orElse(null))
                .type(prefType.orElse(null))
                .build();
    Optional<String> flowId = readOptional(in);
    Duration duration = Duration.ofSeconds(readVarLong(in), readVarLong(in));
    AllocationState state = in.get() == 0 ? AllocationState.ACTIVE : AllocationState.VAULT;
    Instant createdAt = readInstant(in);
    Instant updatedAt = readInstant(in);
    Instant expiresAt = readInstant(in);
    Optional<Instant> deallocatedAt =
        in.get() != 0 ? Optional.of(readInstant(in)) : Optional.empty();
    byte cause = in.get();
    Optional<DeallocationCause> deallocationCause =
        cause == 0
            ? Optional.empty()
            : Optional.of(cause == 1 ? DeallocationCause.DELETED : DeallocationCause.EXPIRED);
    return new Allocation(
        tenantSid, greenvnId, connectionId, greenvn, a, b, aPins, bPins, usage, strict,
        preferences, flowId, duration, state, createdAt, updatedAt, expiresAt, deallocatedAt,
        deallocationCause, version);
  }

  private static void checkFormat(byte[] encoded) {
    if (encoded.length < 9 || encoded[0] != FORMAT) {
      throw new IllegalStateException(
          "Stored allocation has an unknown format: "
              + (encoded.length == 0 ? "empty" : Byte.toString(encoded[0])));
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeLength(out, utf8.length);
    out.write(utf8);
  }

  private static String readString(ByteBuffer in) {
    int length = readLength(in);
    String s =
        new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  /** A length in one byte below 255, else 255 and four bytes. */
  private static void writeLength(DataOutputStream out, int length) throws IOException {
    if (length < 255) {
      out.writeByte(length);
    } else {
      out.writeByte(255);
      out.writeInt(length);
    }
  }

  private static int readLength(ByteBuffer in) {
    int first = in.get() & 0xFF;
    return first < 255 ? first : in.getInt();
  }

  private static void writeOptional(DataOutputStream out, Optional<String> s) throws IOException {
    out.writeBoolean(s.isPresent());
    if (s.isPresent()) {
      writeString(out, s.get());
    }
  }

  private static Optional<String> readOptional(ByteBuffer in) {
    return in.get() != 0 ? Optional.of(readString(in)) : Optional.empty();
  }

  private static void writeNumbers(DataOutputStream out, List<PhoneNumber> numbers)
      throws IOException {
    writeLength(out, numbers.size());
    for (PhoneNumber number : numbers) {
      out.writeLong(RouteKeys.digits(number));
    }
  }

  private static List<PhoneNumber> readNumbers(ByteBuffer in) {
    int count = readLength(in);
    if (count == 0) {
      return List.of();
    }
    List<PhoneNumber> numbers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      numbers.add(RouteKeys.number(in.getLong()));
    }
    return numbers;
  }

  private static void writePins(DataOutputStream out, List<Pin> pins) throws IOException {
    writeLength(out, pins.size());
    for (Pin pin : pins) {
      out.writeInt(pin.value());
    }
  }

  private static List<Pin> readPins(ByteBuffer in) {
    int count = readLength(in);
    if (count == 0) {
      return List.of();
    }
    List<Pin> pins = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      pins.add(new Pin(in.getInt()));
    }
    return pins;
  }

  private static void writeInstant(DataOutputStream out, Instant at) throws IOException {
    writeVarLong(out, at.getEpochSecond());
    writeVarLong(out, at.getNano());
  }

  private static Instant readInstant(ByteBuffer in) {
    return Instant.ofEpochSecond(readVarLong(in), readVarLong(in));
  }

  /** Seven bits a byte, zig-zagged so small negative values stay small too. */
  private static void writeVarLong(DataOutputStream out, long value) throws IOException {
    long v = (value << 1) ^ (value >> 63);
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarLong(ByteBuffer in) {
    long v = 0;
    int shift = 0;
    byte b;
    do {
      b = in.get();
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return (v >>> 1) ^ -(v & 1);
  }

  /**
   * An id: the engine's are UUIDs in canonical text, kept as their 16 bytes; any other id as its
   * text.
   */
  private static void writeId(DataOutputStream out, String id) throws IOException {
    UUID uuid = IdKeys.canonicalUuid(id);
    if (uuid != null) {
      out.writeByte(1);
      out.writeLong(uuid.getMostSignificantBits());
      out.writeLong(uuid.getLeastSignificantBits());
    } else {
      out.writeByte(0);
      writeString(out, id);
    }
  }

  private static String readId(ByteBuffer in) {
    return in.get() == 1 ? new UUID(in.getLong(), in.getLong()).toString() : readString(in);
  }
}
