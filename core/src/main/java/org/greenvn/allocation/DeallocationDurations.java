package org.greenvn.allocation;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads the deallocation policy's duration: a positive whole number with an optional unit,
 * {@code s} (seconds, also the default), {@code m} (minutes), {@code h} (hours) or {@code d}
 * (days): {@code 20s}, {@code 600s}, {@code 15m}, {@code 2h}, {@code 7d}, {@code 3600}.
 */
public final class DeallocationDurations {

  /** The longest duration accepted: ten years. */
  public static final Duration MAX = Duration.ofDays(3650);

  private DeallocationDurations() {}

  /** The duration, or empty when the text is not one or is out of range. */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    if (s.isEmpty() || s.length() > 12) {
      return Optional.empty();
    }
    char last = s.charAt(s.length() - 1);
    long unitSeconds;
    String digits = s.substring(0, s.length() - 1);
    switch (Character.toLowerCase(last)) {
      case 's' -> unitSeconds = 1;
      case 'm' -> unitSeconds = 60;
      case 'h' -> unitSeconds = 3600;
      case 'd' -> unitSeconds = 86_400;
      default -> {
        unitSeconds = 1;
        digits = s;
      }
    }
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    long amount = Long.parseLong(digits);
    if (amount <= 0 || amount > MAX.toSeconds() / unitSeconds) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds(amount * unitSeconds));
  }
}
