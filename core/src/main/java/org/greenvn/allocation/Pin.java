package org.greenvn.allocation;

import java.util.Optional;

/**
 * A PIN that lets an unregistered caller join a party: a positive integer of at most nine digits,
 * entered as its decimal digits.
 *
 * <p>{@link #toString()} never shows the value, so a PIN cannot reach a log by accident; use
 * {@link #digits()} where the value is really needed.
 *
 * @param value the PIN
 */
public record Pin(int value) {

  /** The largest PIN: nine digits. */
  public static final int MAX = 999_999_999;

  /** Checks the range. */
  public Pin {
    if (value < 1 || value > MAX) {
      throw new IllegalArgumentException("A PIN is a positive integer of at most nine digits");
    }
  }

  /** A PIN from its value. */
  public static Pin of(long value) {
    if (value < 1 || value > MAX) {
      throw new IllegalArgumentException("A PIN is a positive integer of at most nine digits");
    }
    return new Pin((int) value);
  }

  /**
   * The PIN a caller keyed: its digits exactly, so {@code 01234} is not the PIN {@code 1234}.
   *
   * @return the PIN, or empty when the digits cannot be one
   */
  public static Optional<Pin> ofDigits(String digits) {
    if (digits == null || digits.isEmpty() || digits.length() > 9 || digits.charAt(0) == '0') {
      return Optional.empty();
    }
    int value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
      value = value * 10 + (c - '0');
    }
    return Optional.of(new Pin(value));
  }

  /** The digits a caller keys for this PIN. */
  public String digits() {
    return Integer.toString(value);
  }

  @Override
  public String toString() {
    return "Pin[****]";
  }
}
