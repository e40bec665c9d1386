package org.greenvn.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load tool against the floor servers (Asterisk-Java's DefaultAgiServer) on ephemeral
 * loopback ports: a few hundred calls each, bounded by count; the time bound is generous and
 * only a safety net.
 */
class AgiLoadFloorTest {

  private static final ScenarioMix ALL_SIX =
      ScenarioMix.parse("bridged,busy,no-answer,pin-right,pin-wrong,caller-hangup");

  private static LoadOptions.Builder against(FloorServer floor) {
    return LoadOptions.builder()
        .port(floor.port())
        .concurrency(8)
        .duration(Duration.ofSeconds(60))
        .readTimeout(Duration.ofSeconds(10));
  }

  @Test
  void eightCommandFloorCompletesEveryCallInEightRoundTrips() throws Exception {
    try (FloorServer floor =
        FloorServer.start(FloorScript.BRIDGED_8, ThreadModel.pool(2, 64), 0)) {
      LoadReport report = AgiLoad.run(against(floor).maxSessions(300).mix(ALL_SIX).build());

      assertThat(report.started()).isEqualTo(300);
      assertThat(report.completed()).isEqualTo(300);
      assertThat(report.errors()).isEmpty();
      assertThat(report.setups()).isEqualTo(300);
      assertThat(report.peakConcurrent()).isBetween(1, 8);
      assertThat(report.scenarios()).hasSize(6);
      // ANSWER, SET VARIABLE, EXEC Dial, four GET VARIABLE, and the server's AJ_AGISTATUS.
      report.scenarios().values().forEach(stats -> {
        assertThat(stats.started()).as(stats.scenario().cliName()).isEqualTo(50);
        assertThat(stats.completed()).isEqualTo(50);
        assertThat(stats.roundTrips()).isEqualTo(50 * 8);
        assertThat(stats.minRoundTrips()).isEqualTo(8);
        assertThat(stats.maxRoundTrips()).isEqualTo(8);
        // Realistic Asterisk: GET VARIABLE and SET VARIABLE work on a dead channel.
        assertThat(stats.deadReplies()).isZero();
      });
      assertThat(report.toJson())
          .startsWith("{\"target\":\"agi://127.0.0.1:" + floor.port() + "/greenvn\"")
          .contains("\"started\":300,\"completed\":300,\"errors\":0,")
          .contains("\"caller-hangup\":{\"started\":50,\"completed\":50,\"rt_per_call\":8.00")
          .doesNotContain("\n");
    }
  }

  @Test
  void bridgedFloorSendsTheAdaptersFourCommandsAndClosesTheSocket() throws Exception {
    try (FloorServer floor =
        FloorServer.start(FloorScript.BRIDGED, ThreadModel.pool(2, 64), 0)) {
      LoadReport report = AgiLoad.run(against(floor).maxSessions(300).mix(ALL_SIX).build());

      assertThat(report.completed()).isEqualTo(300);
      assertThat(report.errors()).isEmpty();
      // SET CALLERID, EXEC Dial, GET FULL VARIABLE, HANGUP; the socket closed, so no
      // AJ_AGISTATUS.
      report.scenarios().values().forEach(stats -> {
        assertThat(stats.completed()).as(stats.scenario().cliName()).isEqualTo(50);
        assertThat(stats.minRoundTrips()).isEqualTo(4);
        assertThat(stats.maxRoundTrips()).isEqualTo(4);
      });
      // After the caller's hang-up in Dial, only the HANGUP command is refused (511).
      assertThat(report.scenarios().get(ScenarioKind.CALLER_HANGUP).deadReplies()).isEqualTo(50);
      assertThat(report.scenarios().get(ScenarioKind.BRIDGED).deadReplies()).isZero();
    }
  }

  @Test
  void strictHangupEndsTheEightCommandScriptAtTheFirst511() throws Exception {
    try (FloorServer floor =
        FloorServer.start(FloorScript.BRIDGED_8, ThreadModel.pool(2, 64), 0)) {
      LoadReport report =
          AgiLoad.run(
              against(floor)
                  .maxSessions(40)
                  .mix(ScenarioMix.only(ScenarioKind.CALLER_HANGUP))
                  .deadChannelReplies(DeadChannelReplies.STRICT)
                  .build());

      ScenarioStats hangups = report.scenarios().get(ScenarioKind.CALLER_HANGUP);
      assertThat(hangups.completed()).isEqualTo(40);
      // ANSWER, SET VARIABLE, Dial (-1 + HANGUP), GET VARIABLE DIALSTATUS -> 511 ends the
      // script, then the server's AJ_AGISTATUS -> 511.
      assertThat(hangups.minRoundTrips()).isEqualTo(5);
      assertThat(hangups.maxRoundTrips()).isEqualTo(5);
      assertThat(hangups.deadReplies()).isEqualTo(40 * 2);
      assertThat(report.errors()).isEmpty();
    }
  }

  @Test
  void noopFloorAnswersOnlyItsStatusVariable() throws Exception {
    try (FloorServer floor = FloorServer.start(FloorScript.NOOP, ThreadModel.pool(2, 64), 0)) {
      LoadReport report = AgiLoad.run(against(floor).maxSessions(240).mix(ALL_SIX).build());

      assertThat(report.completed()).isEqualTo(240);
      report.scenarios().values().forEach(stats -> {
        assertThat(stats.minRoundTrips()).isEqualTo(1);
        assertThat(stats.maxRoundTrips()).isEqualTo(1);
      });
    }
  }

  @Test
  void timeBoundStopsTheRunLongBeforeTheCountBound() throws Exception {
    try (FloorServer floor = FloorServer.start(FloorScript.NOOP, ThreadModel.pool(2, 16), 0)) {
      LoadReport report =
          AgiLoad.run(
              against(floor)
                  .concurrency(4)
                  .maxSessions(1_000_000_000L)
                  .duration(Duration.ofMillis(300))
                  .build());

      assertThat(report.started()).isPositive().isLessThan(1_000_000_000L);
      assertThat(report.completed()).isEqualTo(report.started());
    }
  }

  @Test
  void heldCallsAreCountedWhileTheirDialRuns() throws Exception {
    try (FloorServer floor =
        FloorServer.start(FloorScript.BRIDGED, ThreadModel.pool(2, 64), 0)) {
      LoadReport report =
          AgiLoad.run(
              against(floor)
                  .concurrency(6)
                  .maxSessions(12)
                  .hold(Duration.ofMillis(100))
                  .mix(ScenarioMix.parse("bridged=1,busy=1"))
                  .build());

      assertThat(report.completed()).isEqualTo(12);
      // Busy calls return from Dial at once; bridged ones hold it.
      assertThat(report.peakHeld()).isBetween(1, 6);
      // The floor closes the socket inside its script, as the adapter does; the caller then
      // starts its next call while the last one's thread is still ending, so the server's count
      // may briefly run past the 6 callers (never past the 12 calls).
      assertThat(floor.peakActiveCalls()).isBetween(1, 12);
    }
  }

  @Test
  void fullPoolRefusesCallsAndTheLoadCountsThem() throws Exception {
    try (FloorServer floor = FloorServer.start(FloorScript.BRIDGED, ThreadModel.pool(1, 1), 0)) {
      LoadReport report =
          AgiLoad.run(
              against(floor)
                  .concurrency(4)
                  .maxSessions(4)
                  .hold(Duration.ofSeconds(1))
                  .build());

      // Every call ends: either served or refused (socket closed before any command).
      assertThat(report.completed() + report.errorCount()).isEqualTo(4);
      assertThat(report.errors().keySet()).isSubsetOf("no-command");
      assertThat(floor.rejectedCalls()).isEqualTo(report.errorCount());
    }
  }

  @Test
  void ipv6LoopbackWorksToo() throws Exception {
    assumeTrue(ipv6LoopbackAvailable(), "no ::1 on this machine");
    try (FloorServer floor =
        FloorServer.start(FloorScript.NOOP, ThreadModel.pool(2, 16), "::1", 0, "919800000001")) {
      LoadReport report =
          AgiLoad.run(against(floor).host("::1").maxSessions(20).build());

      assertThat(report.completed()).isEqualTo(20);
      assertThat(report.toJson()).contains("agi://[::1]:" + floor.port() + "/greenvn");
    }
  }

  @Test
  void virtualThreadModelServesCallsWhenTheJdkHasIt() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    try (FloorServer floor = FloorServer.start(FloorScript.BRIDGED, ThreadModel.virtual(), 0)) {
      LoadReport report = AgiLoad.run(against(floor).maxSessions(50).build());

      assertThat(report.completed()).isEqualTo(50);
      assertThat(floor.threadModel().kind()).isEqualTo(ThreadModel.Kind.VIRTUAL);
    }
  }

  @Test
  void scenarioMixIsDealtExactlyByWeight() {
    ScenarioMix mix = ScenarioMix.parse("bridged=3, pin-wrong=1,busy=0");
    Map<ScenarioKind, Integer> counts = new java.util.EnumMap<>(ScenarioKind.class);
    for (long i = 0; i < 400; i++) {
      counts.merge(mix.pick(i), 1, Integer::sum);
    }

    assertThat(counts).containsOnly(
        Map.entry(ScenarioKind.BRIDGED, 300), Map.entry(ScenarioKind.PIN_WRONG, 100));
    assertThat(mix.toString()).isEqualTo("bridged=3,pin-wrong=1");
  }

  private static boolean ipv6LoopbackAvailable() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return probe.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
