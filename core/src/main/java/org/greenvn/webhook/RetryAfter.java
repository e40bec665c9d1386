package org.greenvn.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {

  /** Longer than any horizon: a number too big to read still means "not for a long time". */
  private static final Duration VERY_LONG = Duration.ofDays(3650);

  private RetryAfter() {}

  /**
   * The wait the header asks for, counted from {@code now}: zero for a date in the past, empty
   * for a value that is neither form (then the backoff alone decides).
   */
  static Optional<Duration> parse(String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        long seconds = Long.parseLong(text);
        return Optional.of(
            seconds > VERY_LONG.toSeconds() ? VERY_LONG : Duration.ofSeconds(seconds));
      } catch (NumberFormatException e) {
        return Optional.of(VERY_LONG);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
