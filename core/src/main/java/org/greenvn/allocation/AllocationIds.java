package org.greenvn.allocation;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New allocation ids: version 7 UUIDs (RFC 9562), a 48-bit Unix time in milliseconds followed by
 * 74 random bits.
 *
 * <p>Time first, because a durable store keys its allocation table by this id: random (version
 * 4) ids put every create on a random page of that index, so a group commit of N creates wrote N
 * scattered pages; time-ordered ids append, and the group's rows share the last pages. The 74
 * random bits, from {@link SecureRandom} as version 4's, keep an id unguessable from its
 * neighbours.
 */
final class AllocationIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long VERSION_7 = 0x7000L;
  private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

  private AllocationIds() {}

  /** A new id made at {@code epochMillis}. */
  static String next(long epochMillis) {
    if (epochMillis < 0 || epochMillis >= 1L << 48) {
      throw new IllegalArgumentException("time out of a UUIDv7's range: " + epochMillis);
    }
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long randA = ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL); // 12 bits
    long randB = 0;
    for (int i = 2; i < 10; i++) {
      randB = (randB << 8) | (random[i] & 0xffL);
    }
    long mostSignificant = (epochMillis << 16) | VERSION_7 | randA;
    long leastSignificant = VARIANT_RFC | (randB >>> 2); // 62 bits
    return new UUID(mostSignificant, leastSignificant).toString();
  }
}
