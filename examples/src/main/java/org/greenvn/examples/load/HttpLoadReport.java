package org.greenvn.examples.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of an HTTP load run: successes per second in the measured window, latency
 * percentiles, responses by status, errors by kind, the client's own CPU time, and the ids of the
 * allocations it created. {@link #toText()} is for people, {@link #toJson()} one line for scripts.
 */
public final class HttpLoadReport {

  private final String target;
  private final String settings;
  private final String client;
  private final HttpRequestKind kind;
  private final int connections;
  private final long windowNanos;
  private final long sent;
  private final long responses;
  private final long ok;
  private final long warmupResponses;
  private final long p50;
  private final long p90;
  private final long p99;
  private final long max;
  private final Map<Integer, Long> statuses;
  private final Map<String, Long> errors;
  private final Map<String, String> errorSamples;
  private final long clientCpuNanos;
  private final List<String> createdIds;

  HttpLoadReport(
      HttpLoadOptions options,
      String target,
      String client,
      long windowNanos,
      long clientCpuNanos,
      HttpRunTally tally) {
    this.target = target;
    this.settings = options.toString();
    this.client = client;
    this.kind = options.kind();
    this.connections = options.connections();
    this.windowNanos = windowNanos;
    this.sent = tally.sentCount();
    this.responses = tally.measuredResponses();
    this.ok = tally.measuredOk();
    this.warmupResponses = tally.warmupResponses();
    LatencyRecorder latency = tally.latency();
    this.p50 = latency.percentile(50);
    this.p90 = latency.percentile(90);
    this.p99 = latency.percentile(99);
    this.max = latency.max();
    this.statuses = new TreeMap<>(tally.statuses());
    this.errors = new TreeMap<>(tally.errors());
    this.errorSamples = new TreeMap<>(tally.errorSamples());
    this.clientCpuNanos = clientCpuNanos;
    this.createdIds = List.copyOf(tally.createdIds());
  }

  /** What each request did. */
  public HttpRequestKind kind() {
    return kind;
  }

  /** Successful responses (200, and an id for a create) to requests sent after the warm-up. */
  public long ok() {
    return ok;
  }

  /** Responses of any status to requests sent after the warm-up. */
  public long responses() {
    return responses;
  }

  /** Requests sent, warm-up included. */
  public long sent() {
    return sent;
  }

  /** Successes per second over the measured window (after the warm-up to the last response). */
  public double okPerSecond() {
    return windowNanos <= 0 ? 0 : ok * 1e9 / windowNanos;
  }

  /** The measured window in nanoseconds. */
  public long windowNanos() {
    return windowNanos;
  }

  /** Latency of measured responses at {@code percentile} 50, 90, 99 or 100, in nanoseconds. */
  public long latencyNanos(int percentile) {
    return switch (percentile) {
      case 50 -> p50;
      case 90 -> p90;
      case 99 -> p99;
      case 100 -> max;
      default -> throw new IllegalArgumentException("percentile 50, 90, 99 or 100: " + percentile);
    };
  }

  /** Responses by status code, warm-up included. */
  public Map<Integer, Long> statuses() {
    return statuses;
  }

  /** Failures without a response (and 200 creates without an id), by kind. */
  public Map<String, Long> errors() {
    return errors;
  }

  /** All failures of {@link #errors()}. */
  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The client process's CPU time over the measured window and the drain, in nanoseconds; -1
   * where the JVM does not say.
   */
  public long clientCpuNanos() {
    return clientCpuNanos;
  }

  /** The client's CPU time per second of the window: the cores it used; -1 if unknown. */
  public double clientCores() {
    return clientCpuNanos < 0 || windowNanos <= 0 ? -1 : (double) clientCpuNanos / windowNanos;
  }

  /** The ids of every allocation the run created (warm-up included), in response order. */
  public List<String> createdIds() {
    return createdIds;
  }

  /** A few lines for people. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append("http-load ").append(target).append('\n');
    text.append("  ").append(settings).append('\n');
    text.append("  client: ").append(client).append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "  window %.2f s; sent %d (warm-up responses %d); measured responses %d, ok %d,"
                + " %.1f ok/s; errors %d%n",
            windowNanos / 1e9, sent, warmupResponses, responses, ok, okPerSecond(),
            errorCount()));
    text.append(
        String.format(
            Locale.ROOT,
            "  latency p50 %s, p90 %s, p99 %s, max %s%n",
            millis(p50), millis(p90), millis(p99), millis(max)));
    text.append("  statuses ").append(statuses).append('\n');
    if (clientCpuNanos >= 0) {
      text.append(
          String.format(
              Locale.ROOT,
              "  client CPU %.2f s = %.2f cores over the window%n",
              clientCpuNanos / 1e9, clientCores()));
    }
    if (kind == HttpRequestKind.CREATE) {
      text.append("  allocations created ").append(createdIds.size()).append('\n');
    }
    errors.forEach(
        (errorKind, count) ->
            text.append("  error ").append(errorKind).append(" x").append(count).append(": ")
                .append(errorSamples.get(errorKind)).append('\n'));
    return text.toString();
  }

  /** One line of JSON with every figure. */
  public String toJson() {
    StringBuilder json = new StringBuilder();
    json.append("{\"target\":\"").append(LoadReport.escape(target)).append('"');
    json.append(",\"kind\":\"").append(kind.label()).append('"');
    json.append(",\"settings\":\"").append(LoadReport.escape(settings)).append('"');
    json.append(",\"client\":\"").append(LoadReport.escape(client)).append('"');
    json.append(",\"connections\":").append(connections);
    json.append(String.format(Locale.ROOT, ",\"window_s\":%.3f", windowNanos / 1e9));
    json.append(",\"sent\":").append(sent);
    json.append(",\"warmup_responses\":").append(warmupResponses);
    json.append(",\"responses\":").append(responses);
    json.append(",\"ok\":").append(ok);
    json.append(String.format(Locale.ROOT, ",\"ok_per_s\":%.1f", okPerSecond()));
    json.append(",\"latency_us\":{\"p50\":").append(p50 / 1000)
        .append(",\"p90\":").append(p90 / 1000)
        .append(",\"p99\":").append(p99 / 1000)
        .append(",\"max\":").append(max / 1000).append('}');
    json.append(",\"statuses\":{");
    String separator = "";
    for (Map.Entry<Integer, Long> status : statuses.entrySet()) {
      json.append(separator).append('"').append(status.getKey()).append("\":")
          .append(status.getValue());
      separator = ",";
    }
    json.append("},\"errors\":").append(errorCount()).append(",\"errors_by_kind\":{");
    separator = "";
    for (Map.Entry<String, Long> error : errors.entrySet()) {
      json.append(separator).append('"').append(LoadReport.escape(error.getKey())).append("\":")
          .append(error.getValue());
      separator = ",";
    }
    json.append("},\"error_samples\":{");
    separator = "";
    for (Map.Entry<String, String> sample : errorSamples.entrySet()) {
      json.append(separator).append('"').append(LoadReport.escape(sample.getKey())).append("\":\"")
          .append(LoadReport.escape(sample.getValue())).append('"');
      separator = ",";
    }
    json.append('}');
    json.append(String.format(Locale.ROOT, ",\"client_cpu_s\":%.3f", clientCpuNanos / 1e9));
    json.append(String.format(Locale.ROOT, ",\"client_cores\":%.3f", clientCores()));
    json.append(",\"created\":").append(createdIds.size());
    json.append('}');
    return json.toString();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
