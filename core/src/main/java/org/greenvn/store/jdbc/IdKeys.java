package org.greenvn.store.jdbc;

import java.util.UUID;

/**
 * Allocation ids as compact map keys: the engine's ids are random UUIDs in canonical text (80
 * bytes of heap as a String), which become two longs (32 bytes); any other id stays its text.
 */
final class IdKeys {

  /** A UUID id as two longs. */
  private record UuidKey(long msb, long lsb) {}

  private IdKeys() {}

  /** The key of {@code id}: equal keys exactly for equal ids. */
  static Object of(String id) {
    UUID uuid = canonicalUuid(id);
    return uuid == null
        ? id
        : new UuidKey(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
  }

  /** The key of the id whose UUID is {@code msb}, {@code lsb}: that of its canonical text. */
  static Object ofUuid(long msb, long lsb) {
    return new UuidKey(msb, lsb);
  }

  /** The UUID {@code id} is the canonical text of (36 characters, lower case), or null. */
  static UUID canonicalUuid(String id) {
    if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-'
        || id.charAt(18) != '-' || id.charAt(23) != '-') {
      return null;
    }
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!hex && c != '-') {
        return null;
      }
    }
    UUID uuid = UUID.fromString(id);
    return uuid.toString().equals(id) ? uuid : null;
  }
}
