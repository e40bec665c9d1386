package org.greenvn.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenvn.asterisk.GreenVnAgiServer;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's greenvn target: the engine and its allocations behind the adapter, driven by
 * {@link AgiLoad} from its spec file, and the fixed-script floor checked against what the adapter
 * really sends. Bounded by call counts (a few hundred calls in all).
 */
class AdapterBenchTest {

  private static final ScenarioMix ALL_SIX =
      ScenarioMix.parse("bridged,busy,no-answer,pin-right,pin-wrong,caller-hangup");

  /** What a bridged call's Dial leaves, as GET FULL VARIABLE of the adapter's report expands. */
  private static final FakeAsterisk.Responder ASTERISK =
      command -> {
        if (command.startsWith("GET FULL VARIABLE")) {
          return Optional.of(FakeAsterisk.value("ANSWER|5000|16|||"));
        }
        return Optional.of(command.startsWith("EXEC") ? FakeAsterisk.ZERO : FakeAsterisk.ONE);
      };

  @TempDir Path dir;
  private BenchEngine engine;
  private GreenVnAgiServer server;

  @BeforeEach
  void start() {
    engine = BenchEngine.create(3, Duration.ZERO);
    server = AdapterBenchServer.serve(engine, InetAddress.getLoopbackAddress(), 0, 64);
  }

  @AfterEach
  void stop() {
    server.close();
    engine.greenVn().close();
  }

  @Test
  void fixedScriptFloorSendsExactlyTheAdaptersCommandsForABridgedCall() throws Exception {
    AgiEnvironment env =
        AgiEnvironment.builder()
            .callerId(BenchEngine.knownCaller(0).substring(1))
            .dnid(BenchEngine.vn(0))
            .build();
    List<String> adapter;
    try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port(), env)) {
      adapter = asterisk.serve(ASTERISK);
    }
    List<String> floor;
    try (FloorServer fixed =
            FloorServer.start(
                FloorScript.BRIDGED, ThreadModel.pool(1, 4), "127.0.0.1", 0,
                BenchEngine.party(0));
        FakeAsterisk asterisk = FakeAsterisk.connect(fixed.port(), env)) {
      floor = asterisk.serve(ASTERISK);
    }

    assertThat(adapter)
        .hasSize(4)
        .startsWith("SET CALLERID \"" + BenchEngine.vn(0) + "\"",
            "EXEC Dial \"PJSIP/" + BenchEngine.party(0).substring(1) + "@carrier,30,g\"")
        .endsWith("HANGUP");
    assertThat(floor).isEqualTo(adapter);
  }

  @Test
  void everyScenarioStaysWhatItClaimsAcrossManyCallsToFewAllocations() throws Exception {
    Path spec = dir.resolve("spec.txt");
    AdapterBenchServer.writeSpec(spec, engine.specLines());

    // 40 decks over 3 allocations: each allocation takes about 13 pin-right calls and 40 wrong
    // PINs, enough to lock a fixed caller out (5) and to throttle a number at the default (50).
    LoadReport report = AgiLoad.run(options(spec).maxSessions(240).build());

    assertThat(report.completed()).isEqualTo(240);
    assertThat(report.errors()).isEmpty();
    Map<ScenarioKind, Integer> roundTrips =
        Map.of(
            ScenarioKind.BRIDGED, 4, // SET CALLERID, Dial, GET FULL VARIABLE, HANGUP
            ScenarioKind.BUSY, 4,
            ScenarioKind.NO_ANSWER, 4,
            ScenarioKind.PIN_RIGHT, 6, // ANSWER and GET DATA first: the caller is new each time
            ScenarioKind.PIN_WRONG, 8, // ANSWER, 3 x (GET DATA, STREAM FILE), HANGUP
            ScenarioKind.CALLER_HANGUP, 3); // no HANGUP after the caller's
    roundTrips.forEach((kind, rt) -> {
      ScenarioStats stats = report.scenarios().get(kind);
      assertThat(stats.minRoundTrips()).as(kind.cliName()).isEqualTo(rt);
      assertThat(stats.maxRoundTrips()).as(kind.cliName()).isEqualTo(rt);
    });
    assertThat(engine.eventCount("call:completed")).isEqualTo(80);
    assertThat(engine.eventCount("call:busy")).isEqualTo(40);
    assertThat(engine.eventCount("call:no_answer")).isEqualTo(40);
    assertThat(engine.eventCount("call:canceled")).isEqualTo(40);
    assertThat(engine.eventCount("verification_succeeded")).isEqualTo(40);
    assertThat(engine.eventCount("verification_failed")).isEqualTo(120);
  }

  @Test
  void dialplanDrivenCallsRunDecideThenOutcome() throws Exception {
    Path spec = dir.resolve("spec.txt");
    AdapterBenchServer.writeSpec(spec, engine.specLines());

    LoadReport report =
        AgiLoad.run(options(spec).maxSessions(120).dialplanDriven(true).build());

    assertThat(report.completed()).isEqualTo(120);
    assertThat(report.errors()).isEmpty();
    assertThat(report.toJson()).contains("/greenvn-decide").contains("mode=dialplan");
    // Decide: five SET VARIABLE (action, caller id, dials, dial 1, token); outcome: one GET
    // FULL VARIABLE. A PIN adds ANSWER and GET DATA; a reject sets action and prompt only.
    Map<ScenarioKind, Integer> roundTrips =
        Map.of(
            ScenarioKind.BRIDGED, 6,
            ScenarioKind.BUSY, 6,
            ScenarioKind.NO_ANSWER, 6,
            ScenarioKind.PIN_RIGHT, 8,
            ScenarioKind.PIN_WRONG, 8,
            ScenarioKind.CALLER_HANGUP, 6);
    roundTrips.forEach((kind, rt) ->
        assertThat(report.scenarios().get(kind).minRoundTrips()).as(kind.cliName()).isEqualTo(rt));
    assertThat(server.pendingOutcomes()).isZero();
    assertThat(engine.eventCount("call:completed")).isEqualTo(40);
    assertThat(engine.eventCount("call:busy")).isEqualTo(20);
    assertThat(engine.eventCount("call:no_answer")).isEqualTo(20);
    assertThat(engine.eventCount("call:canceled")).isEqualTo(20);
  }

  @Test
  void specFileListsOneAllocationPerNumberWithFreshUnknownCallers() throws Exception {
    Path spec = dir.resolve("spec.txt");
    AdapterBenchServer.writeSpec(spec, engine.specLines());

    List<Allocation> allocations = AgiLoad.readSpec(spec);

    assertThat(allocations).hasSize(3);
    assertThat(allocations).extracting(Allocation::vn).doesNotHaveDuplicates();
    assertThat(allocations).allMatch(Allocation::freshUnknownCallers);
    assertThat(allocations.get(0).unknownCallerOfCall(42)).isEqualTo("+447700000042");
    assertThat(Files.readString(spec)).contains("known=9198765");
  }

  private LoadOptions.Builder options(Path spec) {
    LoadOptions.Builder builder =
        LoadOptions.builder()
            .port(server.port())
            .concurrency(6)
            .duration(Duration.ofSeconds(60))
            .readTimeout(Duration.ofSeconds(10))
            .mix(ALL_SIX);
    AgiLoad.readSpec(spec).forEach(builder::addAllocation);
    return builder;
  }
}
