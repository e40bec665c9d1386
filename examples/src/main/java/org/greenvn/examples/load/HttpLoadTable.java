package org.greenvn.examples.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The table of {@code bench/http-load.sh}: reads its results file (one line per run: round,
 * label, the target's CPU cores, then {@link HttpLoadReport#toJson()}), and prints each run beside
 * the floor of the same round and kind, with the ratio, then the median of each label over the
 * rounds. A label {@code create}, {@code base-create} or {@code floor-create} is compared with
 * {@code floor-create} of its round; {@code get}, {@code base-get} with {@code floor-get}.
 */
public final class HttpLoadTable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One run of the results file. */
  record Row(
      int round,
      String label,
      double serverCores,
      double okPerSecond,
      long p50Micros,
      long p99Micros,
      long errors,
      double clientCores,
      int connections,
      Map<String, Long> statuses) {

    /** The label of the floor this run is compared with. */
    String floorLabel() {
      return label.endsWith("get") ? "floor-get" : "floor-create";
    }
  }

  private HttpLoadTable() {}

  /** Prints the table of the results file named by the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: HttpLoadTable RESULTS_FILE");
      System.exit(2);
      return;
    }
    List<Row> rows =
        parse(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
    System.out.print(format(rows));
  }

  /**
   * The rows of a results file's lines; blank lines are skipped.
   *
   * @throws IllegalArgumentException for a line that is not {@code round label cores {json}}
   */
  static List<Row> parse(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split(" ", 4);
      if (parts.length < 4 || !parts[3].startsWith("{")) {
        throw new IllegalArgumentException("not 'round label cores {json}': " + line);
      }
      JsonNode json;
      try {
        json = JSON.readTree(parts[3]);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("bad JSON summary: " + e.getOriginalMessage(), e);
      }
      Map<String, Long> statuses = new LinkedHashMap<>();
      json.path("statuses").fields()
          .forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asLong()));
      try {
        rows.add(
            new Row(
                Integer.parseInt(parts[0]),
                parts[1],
                parts[2].isEmpty() ? -1 : Double.parseDouble(parts[2]),
                required(json, "ok_per_s").asDouble(),
                required(json, "latency_us").path("p50").asLong(),
                required(json, "latency_us").path("p99").asLong(),
                required(json, "errors").asLong(),
                json.path("client_cores").asDouble(-1),
                json.path("connections").asInt(),
                statuses));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad round or cores: " + line, e);
      }
    }
    return rows;
  }

  private static JsonNode required(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the JSON summary has no " + field);
    }
    return value;
  }

  /** The floor run a row is compared with: same round, the floor of its kind. */
  static Optional<Row> floorOf(Row row, List<Row> rows) {
    return rows.stream()
        .filter(r -> r.round() == row.round() && r.label().equals(row.floorLabel()))
        .findFirst();
  }

  /** {@code row}'s successes per second over its floor's; empty without a floor or at 0. */
  static Optional<Double> ratio(Row row, List<Row> rows) {
    return floorOf(row, rows)
        .filter(f -> f.okPerSecond() > 0)
        .map(f -> row.okPerSecond() / f.okPerSecond());
  }

  /** The median of {@code values} (the mean of the middle two for an even count); NaN if none. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The table: every run, then the medians by label. */
  static String format(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| round | run | ok/s | floor ok/s | ratio | p50 ms | p99 ms | errors | non-200"
        + " | client cores | target cores |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Row row : rows) {
      Optional<Row> floor = floorOf(row, rows);
      boolean isFloor = row.label().startsWith("floor-");
      long non200 =
          row.statuses().entrySet().stream()
              .filter(e -> !e.getKey().equals("200"))
              .mapToLong(Map.Entry::getValue)
              .sum();
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.0f | %s | %s | %.1f | %.1f | %d | %d | %.2f | %.2f |%n",
              row.round(), row.label(), row.okPerSecond(),
              isFloor || floor.isEmpty() ? "" : String.format(Locale.ROOT, "%.0f",
                  floor.get().okPerSecond()),
              isFloor ? "" : ratio(row, rows).map(r -> String.format(Locale.ROOT, "%.3f", r))
                  .orElse("-"),
              row.p50Micros() / 1000.0, row.p99Micros() / 1000.0, row.errors(), non200,
              row.clientCores(), row.serverCores()));
    }
    Map<String, List<Row>> byLabel = new LinkedHashMap<>();
    rows.forEach(r -> byLabel.computeIfAbsent(r.label(), l -> new ArrayList<>()).add(r));
    out.append("\nMedians over ").append(rounds(rows)).append(" round(s):\n\n");
    out.append("| run | ok/s | ratio to its floor | p50 ms | p99 ms |\n");
    out.append("| --- | --- | --- | --- | --- |\n");
    for (Map.Entry<String, List<Row>> entry : byLabel.entrySet()) {
      List<Row> runs = entry.getValue();
      List<Double> ratios = new ArrayList<>();
      runs.forEach(r -> ratio(r, rows).ifPresent(ratios::add));
      boolean isFloor = entry.getKey().startsWith("floor-");
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %s | %.1f | %.1f |%n",
              entry.getKey(),
              median(runs.stream().map(Row::okPerSecond).toList()),
              isFloor || ratios.isEmpty() ? "" : String.format(Locale.ROOT, "%.3f",
                  median(ratios)),
              median(runs.stream().map(r -> r.p50Micros() / 1000.0).toList()),
              median(runs.stream().map(r -> r.p99Micros() / 1000.0).toList())));
    }
    return out.toString();
  }

  private static long rounds(List<Row> rows) {
    return rows.stream().mapToInt(Row::round).distinct().count();
  }
}
