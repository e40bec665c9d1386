package org.greenvn.examples.load;

import java.time.Duration;
import java.util.Locale;

/** Parses the bench's duration flags: {@code 500ms}, {@code 20s}, {@code 2m}, or bare seconds. */
final class Durations {

  private Durations() {}

  static Duration parse(String option, String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return nonNegative(option, text, Duration.ofMillis(Long.parseLong(cut(value, 2))));
      }
      if (value.endsWith("s")) {
        return nonNegative(option, text, Duration.ofMillis(seconds(cut(value, 1))));
      }
      if (value.endsWith("m")) {
        return nonNegative(option, text, Duration.ofMillis(60 * seconds(cut(value, 1))));
      }
      return nonNegative(option, text, Duration.ofMillis(seconds(value)));
    } catch (NumberFormatException e) {
      throw new LoadOptionException(
          option + ": '" + text + "' is not a duration (e.g. 500ms, 20s, 2m)");
    }
  }

  private static String cut(String value, int suffix) {
    return value.substring(0, value.length() - suffix);
  }

  private static long seconds(String number) {
    return Math.round(Double.parseDouble(number) * 1000);
  }

  private static Duration nonNegative(String option, String text, Duration duration) {
    if (duration.isNegative()) {
      throw new LoadOptionException(option + ": '" + text + "' must not be negative");
    }
    return duration;
  }

  static String format(Duration duration) {
    long ms = duration.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
