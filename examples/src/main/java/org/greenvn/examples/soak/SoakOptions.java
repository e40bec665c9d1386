package org.greenvn.examples.soak;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long and how hard the soak runs. Every bound is finite: the load phases stop at their
 * duration or their operation count, the drain at its timeout.
 *
 * @param duration the main phase (after the warm-up)
 * @param warmup the warm-up phase, after which the heap and thread baseline is taken
 * @param httpWorkers concurrent HTTP clients
 * @param callWorkers concurrent simulated Asterisk channels
 * @param maxOperationsPerWorker a count bound on each worker, per phase
 * @param maxLiveLongLived long-lived allocations kept at most (beyond it, creates are short-lived)
 * @param drainTimeout the longest wait for expiries and webhooks after the load
 * @param threadSettle the longest wait for idle pool threads to end before the thread count
 * @param heapSlackMiB heap (after GC) the end may hold above the baseline, in MiB
 * @param seed the seed of every worker's choices
 */
record SoakOptions(
    Duration duration,
    Duration warmup,
    int httpWorkers,
    int callWorkers,
    long maxOperationsPerWorker,
    int maxLiveLongLived,
    Duration drainTimeout,
    Duration threadSettle,
    int heapSlackMiB,
    long seed) {

  /** An integer flag not given. */
  private static final int U = Integer.MIN_VALUE;
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

  /** Checks the bounds. */
  SoakOptions {
    positive("duration", duration);
    positive("warmup", warmup);
    positive("drain-timeout", drainTimeout);
    if (threadSettle.isNegative()) {
      throw new IllegalArgumentException("thread-settle must not be negative");
    }
    if (httpWorkers < 1 || httpWorkers > 64 || callWorkers < 1 || callWorkers > 256) {
      throw new IllegalArgumentException("workers: 1 to 64 HTTP, 1 to 256 call workers");
    }
    if (maxOperationsPerWorker < 1 || maxLiveLongLived < 1 || heapSlackMiB < 1) {
      throw new IllegalArgumentException("operation, allocation and heap bounds must be >= 1");
    }
  }

  /** The long form's defaults: 10 minutes after a 20 s warm-up. */
  static SoakOptions defaults() {
    return new SoakOptions(
        Duration.ofMinutes(10), Duration.ofSeconds(20), 4, 8, 10_000_000, 300,
        Duration.ofSeconds(90), Duration.ofSeconds(75), 24, 20261130L);
  }

  /** The CI form: 12 s of load after a 2 s warm-up, under a minute in all. */
  static SoakOptions ci() {
    return new SoakOptions(
        Duration.ofSeconds(12), Duration.ofSeconds(2), 2, 4, 5_000, 60,
        Duration.ofSeconds(45), Duration.ofSeconds(5), 24, 20261130L);
  }

  /**
   * Parses {@code --duration 10m --warmup 20s --http-workers 4 --call-workers 8
   * --drain-timeout 90s --thread-settle 75s --heap-slack-mib 24 --seed 1 --ci}, each optional;
   * {@code --ci} starts from the CI form's values instead of the long form's.
   *
   * @throws IllegalArgumentException for an unknown flag or a bad value
   */
  static SoakOptions parse(String... args) {
    SoakOptions o = defaults();
    for (String arg : args) {
      if (arg.equals("--ci")) {
        o = ci();
      }
    }
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--ci")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value (try --help)");
      }
      String value = args[++i];
      o = switch (flag) {
        case "--duration" -> o.with(duration(flag, value), null, U, U, null, null, U, null);
        case "--warmup" -> o.with(null, duration(flag, value), U, U, null, null, U, null);
        case "--http-workers" -> o.with(null, null, integer(flag, value), U, null, null, U,
            null);
        case "--call-workers" -> o.with(null, null, U, integer(flag, value), null, null, U,
            null);
        case "--drain-timeout" -> o.with(null, null, U, U, duration(flag, value), null, U,
            null);
        case "--thread-settle" -> o.with(null, null, U, U, null, duration(flag, value), U,
            null);
        case "--heap-slack-mib" -> o.with(null, null, U, U, null, null,
            integer(flag, value), null);
        case "--seed" -> o.with(null, null, U, U, null, null, U, integer(flag, value) * 1L);
        default -> throw new IllegalArgumentException("unknown flag " + flag + " (try --help)");
      };
    }
    return o;
  }

  private SoakOptions with(
      Duration newDuration, Duration newWarmup, int newHttp, int newCall, Duration newDrain,
      Duration newSettle, int newSlack, Long newSeed) {
    return new SoakOptions(
        newDuration != null ? newDuration : duration,
        newWarmup != null ? newWarmup : warmup,
        newHttp != U ? newHttp : httpWorkers,
        newCall != U ? newCall : callWorkers,
        maxOperationsPerWorker,
        maxLiveLongLived,
        newDrain != null ? newDrain : drainTimeout,
        newSettle != null ? newSettle : threadSettle,
        newSlack != U ? newSlack : heapSlackMiB,
        newSeed != null ? newSeed : seed);
  }

  static String usage() {
    return String.join("\n",
        "usage: Soak [--ci] [--duration 10m] [--warmup 20s] [--http-workers 4]",
        "            [--call-workers 8] [--drain-timeout 90s] [--thread-settle 75s]",
        "            [--heap-slack-mib 24] [--seed N]",
        "  Runs the standalone server on loopback (SQLite in a temporary directory) and drives",
        "  allocation changes, FastAGI calls, short expiries and webhooks together, then checks.",
        "  --ci starts from the short form (12s after a 2s warm-up). Durations: 500ms, 20s, 10m,",
        "  1h. Exit status: 0 passed, 1 violations found, 2 bad flags.",
        "");
  }

  private static Duration duration(String flag, String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(flag + " '" + value + "': use e.g. 500ms, 20s, 10m, 1h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " '" + value + "' is not an integer");
    }
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
