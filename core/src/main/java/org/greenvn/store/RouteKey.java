package org.greenvn.store;

import org.greenvn.allocation.Pin;
import org.greenvn.phone.PhoneNumber;

/**
 * A number or a PIN on one virtual number, as two longs: the key of a store's routing index.
 * For {@link org.greenvn.allocation.AllocationStore} implementations.
 *
 * <p>E.164 numbers fit in a long (at most 15 digits), and a PIN is kept negated so it can never
 * equal a number. Equality is two comparisons and the hash is mixed, because the numbers of a
 * pool and of its callers are sequential: a plain {@code 31 * a + b} of their texts collides by
 * the thousand.
 */
public final class RouteKey {

  private final long greenvn;
  private final long key;

  private RouteKey(long greenvn, long key) {
    this.greenvn = greenvn;
    this.key = key;
  }

  /** The key of {@code number} on {@code greenvn}. */
  public static RouteKey of(PhoneNumber greenvn, PhoneNumber number) {
    return new RouteKey(digits(greenvn), digits(number));
  }

  /** The key of {@code pin} on {@code greenvn}. */
  public static RouteKey of(PhoneNumber greenvn, Pin pin) {
    return new RouteKey(digits(greenvn), pinKey(pin));
  }

  /** The key of a route already in long form: {@link #digits} and {@link #pinKey} values. */
  public static RouteKey of(long greenvnDigits, long numberOrPinKey) {
    return new RouteKey(greenvnDigits, numberOrPinKey);
  }

  /** A number's digits without the '+', as a long. */
  public static long digits(PhoneNumber number) {
    // A PhoneNumber is always a plus and 8 to 15 ASCII digits, so a plain loop reads it; it is
    // on every routing look-up, where Long.parseLong's checks cost as much as the map read.
    String e164 = number.e164();
    long value = 0;
    for (int i = 1; i < e164.length(); i++) {
      value = value * 10 + (e164.charAt(i) - '0');
    }
    return value;
  }

  /** A PIN as a route key: negated, below every number. */
  public static long pinKey(Pin pin) {
    return -(long) pin.value();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteKey k && k.greenvn == greenvn && k.key == key;
  }

  @Override
  public int hashCode() {
    long h = greenvn * 0x9E3779B97F4A7C15L + key;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    return (int) (h ^ (h >>> 32));
  }
}
