package org.greenvn.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tally of a run, its report, and the bench table built from reports. */
class HttpLoadAggregationTest {

  @Test
  void onlyResponsesToMeasuredRequestsCountTowardRatesAndLatency() {
    HttpRunTally tally = new HttpRunTally(true);
    tally.sent();
    tally.sent();
    tally.sent();
    tally.sent();
    assertThat(tally.response(false, 200, 9_000_000, "warm")).isTrue();
    assertThat(tally.response(true, 200, 1_000_000, "a")).isTrue();
    assertThat(tally.response(true, 200, 3_000_000, null)).isFalse();
    assertThat(tally.response(true, 429, 2_000_000, null)).isFalse();
    tally.error("timeout", "first");
    tally.error("timeout", "second");

    HttpLoadReport report =
        new HttpLoadReport(
            HttpLoadOptions.builder().build(), "http://127.0.0.1:8080/x", "test", 2_000_000_000L,
            500_000_000L, tally);
    assertThat(report.sent()).isEqualTo(4);
    assertThat(report.responses()).isEqualTo(3);
    assertThat(report.ok()).isEqualTo(1);
    assertThat(report.okPerSecond()).isCloseTo(0.5, within(1e-9));
    assertThat(report.latencyNanos(50)).isEqualTo(2_000_000);
    assertThat(report.latencyNanos(100)).isEqualTo(3_000_000);
    assertThat(report.createdIds()).containsExactly("warm", "a");
    assertThat(report.errors()).containsEntry("timeout", 2L).containsEntry("no-id", 1L);
    assertThat(report.errorCount()).isEqualTo(3);
    assertThat(report.statuses()).containsEntry(200, 3L).containsEntry(429, 1L);
    assertThat(report.clientCores()).isCloseTo(0.25, within(1e-9));
    assertThat(report.toJson())
        .contains("\"ok\":1", "\"errors_by_kind\":{\"no-id\":1,\"timeout\":2}", "\"created\":2")
        .contains("\"error_samples\":{\"no-id\":", "\"timeout\":\"first\"");
  }

  @Test
  void aFloorSuccessNeedsNoId() {
    HttpRunTally tally = new HttpRunTally(false);
    assertThat(tally.response(true, 200, 1, null)).isTrue();
    assertThat(tally.createdIds()).isEmpty();
    assertThat(tally.errorCount()).isZero();
  }

  private static String line(int round, String label, double ok, long p50) {
    return round + " " + label + " 0.80 {\"ok_per_s\":" + ok + ",\"latency_us\":{\"p50\":" + p50
        + ",\"p99\":" + (p50 * 3) + "},\"errors\":0,\"client_cores\":0.2,\"connections\":64,"
        + "\"statuses\":{\"200\":10,\"500\":1}}";
  }

  @Test
  void theTableSetsEachRunBesideTheFloorOfItsRoundAndKind() {
    List<HttpLoadTable.Row> rows =
        HttpLoadTable.parse(
            List.of(
                line(1, "floor-create", 10_000, 2000),
                line(1, "create", 3_000, 20_000),
                line(1, "floor-get", 20_000, 1000),
                line(1, "get", 15_000, 3000),
                "",
                line(2, "floor-create", 5_000, 2000),
                line(2, "create", 2_000, 30_000),
                line(3, "floor-create", 8_000, 2000),
                line(3, "create", 2_000, 40_000)));
    assertThat(rows).hasSize(8);
    HttpLoadTable.Row create1 = rows.get(1);
    assertThat(HttpLoadTable.ratio(create1, rows)).hasValueSatisfying(
        r -> assertThat(r).isCloseTo(0.3, within(1e-9)));
    assertThat(HttpLoadTable.ratio(rows.get(3), rows)).hasValueSatisfying(
        r -> assertThat(r).isCloseTo(0.75, within(1e-9)));
    String table = HttpLoadTable.format(rows);
    assertThat(table)
        .contains("| 1 | create | 3000 | 10000 | 0.300 | 20.0 | 60.0 | 0 | 1 | 0.20 | 0.80 |")
        .contains("| 2 | create | 2000 | 5000 | 0.400 |")
        .contains("Medians over 3 round(s)")
        // creates 3000, 2000, 2000 -> 2000; ratios 0.3, 0.4, 0.25 -> 0.3; p50 20, 30, 40 -> 30
        .contains("| create | 2000 | 0.300 | 30.0 | 90.0 |");
  }

  @Test
  void mediansOfEvenAndOddCounts() {
    assertThat(HttpLoadTable.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(HttpLoadTable.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    assertThat(HttpLoadTable.median(List.of())).isNaN();
  }

  @Test
  void aMalformedResultLineIsRefused() {
    assertThatThrownBy(() -> HttpLoadTable.parse(List.of("1 create 0.5 not-json")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpLoadTable.parse(List.of("1 create 0.5 {\"errors\":0}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ok_per_s");
  }
}
