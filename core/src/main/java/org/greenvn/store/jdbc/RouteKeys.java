package org.greenvn.store.jdbc;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.Pin;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.store.RouteKey;

/**
 * The route keys of an allocation as the {@code greenvn_route} table and the routing index hold
 * them: an E.164 number is its digits (at most 15, so a long), and a PIN is stored negated so it
 * can never equal a number. Also the time columns: nanoseconds since the epoch.
 */
final class RouteKeys {

  private RouteKeys() {}

  static long digits(PhoneNumber number) {
    return RouteKey.digits(number);
  }

  static PhoneNumber number(long digits) {
    return new PhoneNumber("+" + digits);
  }

  static long pin(Pin pin) {
    return RouteKey.pinKey(pin);
  }

  static boolean isPin(long routeKey) {
    return routeKey < 0;
  }

  /** The allocation's keys on its virtual number (numbers and PINs), each once, ascending. */
  static long[] of(Allocation a) {
    List<PhoneNumber> numbers = a.allNumbers();
    List<Pin> pins = a.allPins();
    long[] keys = new long[numbers.size() + pins.size()];
    int i = 0;
    for (PhoneNumber number : numbers) {
      keys[i++] = digits(number);
    }
    for (Pin pin : pins) {
      keys[i++] = pin(pin);
    }
    return sortedUnique(keys);
  }

  /** {@code keys} sorted, each once (sorts in place). */
  static long[] sortedUnique(long[] keys) {
    Arrays.sort(keys);
    int unique = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        keys[unique++] = keys[i];
      }
    }
    return unique == keys.length ? keys : Arrays.copyOf(keys, unique);
  }

  /**
   * Nanoseconds since the epoch: exact for every Instant from 1677 to 2262, which covers every
   * creation, expiry and release time an engine makes.
   */
  static long nanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }
}
