package org.greenvn.examples.load;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of a load run: rates, setup latency percentiles, round trips per call by scenario,
 * errors and peaks. {@link #toText()} is for people, {@link #toJson()} a single line for scripts.
 */
public final class LoadReport {

  private final String target;
  private final String settings;
  private final String clientThreads;
  private final long elapsedNanos;
  private final long setupWindowNanos;
  private final long setups;
  private final long p50;
  private final long p90;
  private final long p99;
  private final long max;
  private final int peakConcurrent;
  private final int peakHeld;
  private final Map<ScenarioKind, ScenarioStats> scenarios;
  private final Map<String, Long> errors;
  private final Map<String, String> errorSamples;

  LoadReport(
      LoadOptions options,
      String clientThreads,
      long elapsedNanos,
      long setupWindowNanos,
      RunTally tally,
      int peakConcurrent,
      int peakHeld) {
    this.target = options.requestUrl();
    this.settings =
        String.format(
            Locale.ROOT,
            "concurrency=%d max-sessions=%d duration=%s ramp=%s hold=%s connect-timeout=%s mix=%s"
                + " dead-channel=%s mode=%s",
            options.concurrency(),
            options.maxSessions(),
            Durations.format(options.duration()),
            Durations.format(options.ramp()),
            Durations.format(options.hold()),
            Durations.format(options.connectTimeout()),
            options.mix(),
            options.deadChannelReplies().name().toLowerCase(Locale.ROOT),
            options.dialplanDriven() ? "dialplan" : "script");
    this.clientThreads = clientThreads;
    this.elapsedNanos = elapsedNanos;
    this.setupWindowNanos = setupWindowNanos;
    LatencyRecorder latency = tally.setupLatency();
    this.setups = latency.count();
    this.p50 = latency.percentile(50);
    this.p90 = latency.percentile(90);
    this.p99 = latency.percentile(99);
    this.max = latency.max();
    this.peakConcurrent = peakConcurrent;
    this.peakHeld = peakHeld;
    this.scenarios = Map.copyOf(tally.scenarios());
    this.errors = Map.copyOf(tally.errors());
    this.errorSamples = Map.copyOf(tally.errorSamples());
  }

  /** Calls started. */
  public long started() {
    return scenarios.values().stream().mapToLong(ScenarioStats::started).sum();
  }

  /** Calls the server ended cleanly. */
  public long completed() {
    return scenarios.values().stream().mapToLong(ScenarioStats::completed).sum();
  }

  /** Calls that failed, all kinds together. */
  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Failed calls by kind ({@code timeout}, {@code io}, {@code connect}, ...). */
  public Map<String, Long> errors() {
    return errors;
  }

  /** Calls whose setup completed (first Dial reached, or script ended cleanly). */
  public long setups() {
    return setups;
  }

  /** Setups per second over the window from the start to the last setup. */
  public double setupsPerSecond() {
    return setupWindowNanos <= 0 ? 0 : setups * 1e9 / setupWindowNanos;
  }

  /** Wall time of the whole run, nanoseconds. */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /** Setup latency at the given percentile (50, 90, 99) or max (100), nanoseconds. */
  public long setupLatencyNanos(int percentile) {
    switch (percentile) {
      case 50:
        return p50;
      case 90:
        return p90;
      case 99:
        return p99;
      case 100:
        return max;
      default:
        throw new IllegalArgumentException("percentile " + percentile + ": use 50, 90, 99, 100");
    }
  }

  /** Most calls open at the same moment. */
  public int peakConcurrent() {
    return peakConcurrent;
  }

  /** Most calls inside a Dial hold at the same moment. */
  public int peakHeld() {
    return peakHeld;
  }

  /** Per-scenario figures, for the scenarios that ran. */
  public Map<ScenarioKind, ScenarioStats> scenarios() {
    return scenarios;
  }

  /** A multi-line report for people. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append("agi-load ").append(target).append('\n');
    text.append("  ").append(settings).append('\n');
    text.append("  client: ").append(clientThreads).append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "  elapsed %.2f s; calls started %d, completed %d, errors %d %s%n",
            elapsedNanos / 1e9,
            started(),
            completed(),
            errorCount(),
            errors.isEmpty() ? "" : errors));
    new TreeMap<>(errorSamples)
        .forEach((kind, detail) -> text.append("    first ").append(kind).append(": ")
            .append(detail).append('\n'));
    text.append(
        String.format(
            Locale.ROOT,
            "  setups %d, %.0f setups/s; setup latency p50 %s, p90 %s, p99 %s, max %s%n",
            setups,
            setupsPerSecond(),
            millis(p50),
            millis(p90),
            millis(p99),
            millis(max)));
    text.append(
        String.format(
            Locale.ROOT, "  peak concurrent calls %d, peak held in Dial %d%n", peakConcurrent,
            peakHeld));
    text.append("  scenario        started  completed  rt/call (min..max)  511s  errors\n");
    for (ScenarioStats s : scenarios.values().stream()
        .sorted((a, b) -> a.scenario().compareTo(b.scenario())).toArray(ScenarioStats[]::new)) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %-14s %8d %10d %8.2f (%d..%d) %6d %7d%n",
              s.scenario().cliName(),
              s.started(),
              s.completed(),
              s.roundTripsPerCall(),
              s.minRoundTrips(),
              s.maxRoundTrips(),
              s.deadReplies(),
              s.errors()));
    }
    return text.toString();
  }

  /** The summary as one line of JSON (latencies in microseconds). */
  public String toJson() {
    StringBuilder json = new StringBuilder("{");
    json.append("\"target\":\"").append(target).append("\",");
    json.append("\"settings\":\"").append(settings).append("\",");
    json.append("\"client\":\"").append(clientThreads).append("\",");
    json.append("\"java\":\"").append(Runtime.version()).append("\",");
    json.append(String.format(Locale.ROOT, "\"elapsed_s\":%.3f,", elapsedNanos / 1e9));
    json.append("\"started\":").append(started()).append(',');
    json.append("\"completed\":").append(completed()).append(',');
    json.append("\"errors\":").append(errorCount()).append(',');
    json.append("\"errors_by_kind\":{");
    String separator = "";
    for (Map.Entry<String, Long> error : new TreeMap<>(errors).entrySet()) {
      json.append(separator).append('"').append(error.getKey()).append("\":")
          .append(error.getValue());
      separator = ",";
    }
    json.append("},");
    json.append("\"error_samples\":{");
    separator = "";
    for (Map.Entry<String, String> sample : new TreeMap<>(errorSamples).entrySet()) {
      json.append(separator).append('"').append(sample.getKey()).append("\":\"")
          .append(escape(sample.getValue())).append('"');
      separator = ",";
    }
    json.append("},");
    json.append("\"setups\":").append(setups).append(',');
    json.append(String.format(Locale.ROOT, "\"setups_per_s\":%.1f,", setupsPerSecond()));
    json.append("\"setup_us\":{\"p50\":").append(p50 / 1000).append(",\"p90\":")
        .append(p90 / 1000).append(",\"p99\":").append(p99 / 1000).append(",\"max\":")
        .append(max / 1000).append("},");
    json.append("\"peak_concurrent\":").append(peakConcurrent).append(',');
    json.append("\"peak_held\":").append(peakHeld).append(',');
    json.append("\"scenarios\":{");
    separator = "";
    for (ScenarioKind kind : ScenarioKind.values()) {
      ScenarioStats s = scenarios.get(kind);
      if (s == null) {
        continue;
      }
      json.append(separator).append('"').append(kind.cliName()).append("\":{")
          .append("\"started\":").append(s.started())
          .append(",\"completed\":").append(s.completed())
          .append(String.format(Locale.ROOT, ",\"rt_per_call\":%.2f", s.roundTripsPerCall()))
          .append(",\"rt_min\":").append(s.minRoundTrips())
          .append(",\"rt_max\":").append(s.maxRoundTrips())
          .append(",\"dead_replies\":").append(s.deadReplies())
          .append(",\"errors\":").append(s.errors()).append('}');
      separator = ",";
    }
    json.append("}}");
    return json.toString();
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        escaped.append('\\').append(c);
      } else if (c < 0x20) {
        escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
