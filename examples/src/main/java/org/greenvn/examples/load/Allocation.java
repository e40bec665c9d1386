package org.greenvn.examples.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One allocation the target engine holds, as the load needs it: the VN Asterisk reports as
 * dialled, a caller the allocation knows, a caller it does not know, and the PIN that admits the
 * unknown caller. Whoever sets up the target creates the allocations and passes them here.
 *
 * <p>Written as one line of {@code key=value} tokens: {@code vn=+914048212136 known=919876543210
 * unknown=+447700900123 pin=1234}. {@link #toString()} never shows the PIN.
 *
 * <p>The unknown caller may end in {@code X}s ({@code unknown=+447700XXXXXX}): each call then
 * comes from a new number, the {@code X}s replaced by the call's number (modulo 10 to the count
 * of {@code X}s). A right PIN adds the caller to the allocation, so a fixed unknown caller is
 * unknown only until its first {@code pin-right} call; and wrong PINs lock a fixed caller out.
 *
 * @param vn the virtual number (sent as {@code agi_dnid} and {@code agi_extension})
 * @param knownCaller a caller the allocation bridges without a prompt
 * @param unknownCaller a caller the allocation prompts for a PIN
 * @param pin the PIN that admits the unknown caller (digits)
 */
public record Allocation(String vn, String knownCaller, String unknownCaller, String pin) {

  /** The numbers of {@code ../shared/fastagi-transcripts}, used when no spec is given. */
  public static final Allocation TRANSCRIPT_DEFAULT =
      new Allocation("+914048212136", "919876543210", "+447700900123", "1234");

  /** Validates: numbers are {@code +} and digits, the PIN is 1 to 16 digits. */
  public Allocation {
    vn = number("vn", vn);
    knownCaller = number("known", knownCaller);
    unknownCaller = unknownNumber(unknownCaller);
    Objects.requireNonNull(pin, "pin");
    if (!pin.matches("[0-9]{1,16}")) {
      throw new LoadOptionException("allocation pin must be 1 to 16 digits");
    }
  }

  /**
   * Parses one spec line of {@code key=value} tokens (keys {@code vn}, {@code known},
   * {@code unknown}, {@code pin}; {@code vn} and {@code known} required).
   *
   * @throws LoadOptionException naming the key that is missing or malformed
   */
  public static Allocation parse(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String token : line.trim().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw new LoadOptionException("allocation token '" + token + "' is not key=value");
      }
      String key = token.substring(0, eq);
      if (!key.matches("vn|known|unknown|pin")) {
        throw new LoadOptionException(
            "allocation key '" + key + "' unknown; keys: vn, known, unknown, pin");
      }
      if (fields.put(key, token.substring(eq + 1)) != null) {
        throw new LoadOptionException("allocation key '" + key + "' given twice");
      }
    }
    for (String required : new String[] {"vn", "known"}) {
      if (!fields.containsKey(required)) {
        throw new LoadOptionException("allocation needs " + required + "=<number>");
      }
    }
    return new Allocation(
        fields.get("vn"),
        fields.get("known"),
        fields.getOrDefault("unknown", TRANSCRIPT_DEFAULT.unknownCaller()),
        fields.getOrDefault("pin", TRANSCRIPT_DEFAULT.pin()));
  }

  /** Whether each call comes from a new unknown caller ({@code X}s in {@code unknown}). */
  public boolean freshUnknownCallers() {
    return unknownCaller.endsWith("X");
  }

  /**
   * The unknown caller of call number {@code callNumber}: the spec's number with its trailing
   * {@code X}s replaced by the call number's last digits, or the number itself without {@code X}s.
   */
  public String unknownCallerOfCall(long callNumber) {
    String fixed = unknownCaller.replaceAll("X+$", "");
    int width = unknownCaller.length() - fixed.length();
    if (width == 0) {
      return unknownCaller;
    }
    String digits = Long.toString(Math.floorMod(callNumber, pow10(width)));
    return fixed + "0".repeat(width - digits.length()) + digits;
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < Math.min(exponent, 18); i++) {
      value *= 10;
    }
    return value;
  }

  /** A PIN of the same length that is not the right one (each digit moved by one). */
  String wrongPin() {
    StringBuilder wrong = new StringBuilder(pin.length());
    for (char digit : pin.toCharArray()) {
      wrong.append((char) ('0' + (digit - '0' + 1) % 10));
    }
    return wrong.toString();
  }

  /** A phone number whose last digits may be {@code X}s; 3 to 20 characters after the '+'. */
  private static String unknownNumber(String value) {
    if (value == null || !value.matches("\\+?[0-9]{1,20}X{0,18}") || value.length() > 21) {
      throw new LoadOptionException(
          "allocation unknown '" + value + "' is not a phone number (+ and 3 to 20 digits, the"
              + " last ones possibly X)");
    }
    number("unknown", value.replace('X', '0'));
    return value;
  }

  private static String number(String key, String value) {
    if (value == null || !value.matches("\\+?[0-9]{3,20}")) {
      throw new LoadOptionException(
          "allocation " + key + " '" + value + "' is not a phone number (+ and 3 to 20 digits)");
    }
    return value;
  }

  @Override
  public String toString() {
    return "Allocation[vn=" + vn + ", known=" + knownCaller + ", unknown=" + unknownCaller
        + ", pin=****]";
  }
}
