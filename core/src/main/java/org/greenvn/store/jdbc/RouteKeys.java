package org.greenvn.store.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.Pin;
import org.greenvn.phone.PhoneNumber;

/**
 * The route keys of an allocation as the {@code greenvn_route} table and the routing index hold
 * them: an E.164 number is its digits (at most 15, so a long), and a PIN is stored negated so it
 * can never equal a number. Also the time columns: nanoseconds since the epoch.
 */
final class RouteKeys {

  private RouteKeys() {}

  static long digits(PhoneNumber number) {
    String e164 = number.e164();
    return Long.parseLong(e164, 1, e164.length(), 10);
  }

  static PhoneNumber number(long digits) {
    return new PhoneNumber("+" + digits);
  }

  static long pin(Pin pin) {
    return -(long) pin.value();
  }

  static boolean isPin(long routeKey) {
    return routeKey < 0;
  }

  /** The allocation's keys on its virtual number, numbers then PINs, each once, ascending. */
  static long[] of(Allocation a) {
    TreeSet<Long> keys = new TreeSet<>();
    for (PhoneNumber number : a.allNumbers()) {
      keys.add(digits(number));
    }
    for (Pin pin : a.allPins()) {
      keys.add(pin(pin));
    }
    List<Long> sorted = new ArrayList<>(keys);
    long[] out = new long[sorted.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = sorted.get(i);
    }
    return out;
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
