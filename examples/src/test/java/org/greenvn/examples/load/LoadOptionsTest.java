package org.greenvn.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Option parsing and validation: loopback only, clear errors, PINs kept out of strings. */
class LoadOptionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.1", "192.168.1.10", "8.8.8.8", "0.0.0.0", "127.0.0.2", "::", "fe80::1",
        "localhost", "example.com", ""
      })
  void nonLoopbackTargetsAreRefused(String host) {
    assertThatThrownBy(() -> LoadOptions.builder().host(host).build())
        .isInstanceOf(LoadOptionException.class)
        .hasMessageContaining("refused");
  }

  @Test
  void nonLoopbackTargetIsRefusedFromTheCommandLineToo() {
    assertThatThrownBy(() -> AgiLoad.toOptions(Flags.parse(new String[] {"--host", "10.1.2.3"})))
        .isInstanceOf(LoadOptionException.class)
        .hasMessageContaining("10.1.2.3");
  }

  @Test
  void floorServersBindOnlyToLoopback() {
    assertThatThrownBy(
            () -> FloorServer.start(FloorScript.NOOP, ThreadModel.pool(1, 2), "0.0.0.0", 0,
                "919800000001"))
        .isInstanceOf(LoadOptionException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
  void loopbackTargetsAreAccepted(String host) {
    assertThat(LoadOptions.builder().host(host).build().address().isLoopbackAddress()).isTrue();
  }

  @Test
  void commandLineFlagsBuildTheOptions() {
    LoadOptions options =
        AgiLoad.toOptions(
            Flags.parse(
                new String[] {
                  "--port=14573", "--concurrency", "1000", "--sessions", "1_000", "--duration",
                  "1.5s", "--hold", "60s", "--ramp", "500ms", "--mix", "pin-right=2,busy",
                  "--dead-channel", "strict", "--connect-timeout", "5s", "--allocation",
                  "vn=+919000000001 known=919000000002 unknown=+449000000003 pin=4321"
                }));

    assertThat(options.port()).isEqualTo(14573);
    assertThat(options.concurrency()).isEqualTo(1000);
    assertThat(options.maxSessions()).isEqualTo(1000);
    assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(options.hold()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.ramp()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.mix().weights())
        .containsEntry(ScenarioKind.PIN_RIGHT, 2)
        .containsEntry(ScenarioKind.BUSY, 1);
    assertThat(options.deadChannelReplies()).isEqualTo(DeadChannelReplies.STRICT);
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(LoadOptions.builder().build().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.allocations()).extracting(Allocation::vn).containsExactly("+919000000001");
  }

  @Test
  void badFlagsNameThemselves() {
    assertThatThrownBy(() -> AgiLoad.toOptions(Flags.parse(new String[] {"--concurency", "5"})))
        .hasMessageContaining("--concurency");
    assertThatThrownBy(() -> AgiLoad.toOptions(Flags.parse(new String[] {"--duration", "soon"})))
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> AgiLoad.toOptions(Flags.parse(new String[] {"--mix", "bridgd=1"})))
        .hasMessageContaining("bridgd");
    assertThatThrownBy(() -> AgiLoad.toOptions(Flags.parse(new String[] {"--concurrency", "0"})))
        .hasMessageContaining("concurrency");
    assertThatThrownBy(() -> AgiLoad.toOptions(Flags.parse(new String[] {"--port"})))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> ScenarioMix.parse("busy=0"))
        .isInstanceOf(LoadOptionException.class);
  }

  @Test
  void specFileListsAllocationsAndReportsItsBadLine(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("spec.txt");
    Files.writeString(
        spec,
        "# allocations made by the bench setup\n"
            + "vn=+914048212136 known=919876543210 unknown=+447700900123 pin=1234\n\n"
            + "vn=+914048212137 known=919876543211\n");

    assertThat(AgiLoad.readSpec(spec))
        .extracting(Allocation::vn, Allocation::knownCaller, Allocation::pin)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("+914048212136", "919876543210", "1234"),
            org.assertj.core.groups.Tuple.tuple("+914048212137", "919876543211", "1234"));

    Files.writeString(spec, "vn=+914048212136 known=919876543210\nvn=+91 known=x\n");
    assertThatThrownBy(() -> AgiLoad.readSpec(spec))
        .isInstanceOf(LoadOptionException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void unknownCallerEndingInXsIsNewForEveryCall() {
    Allocation fresh = Allocation.parse("vn=+914048212136 known=919876543210 unknown=+4477009XXX");
    Allocation fixed =
        Allocation.parse("vn=+914048212136 known=919876543210 unknown=+447700900123");

    assertThat(fresh.freshUnknownCallers()).isTrue();
    assertThat(fresh.unknownCallerOfCall(7)).isEqualTo("+4477009007");
    assertThat(fresh.unknownCallerOfCall(1234)).isEqualTo("+4477009234");
    assertThat(fixed.freshUnknownCallers()).isFalse();
    assertThat(fixed.unknownCallerOfCall(7)).isEqualTo("+447700900123");
    assertThatThrownBy(() -> Allocation.parse("vn=+914048212136 known=9198 unknown=+44X700"))
        .isInstanceOf(LoadOptionException.class)
        .hasMessageContaining("allocation unknown '+44X700'");
  }

  @Test
  void dialplanModeDefaultsToTheDecideAndOutcomePaths() {
    LoadOptions options = AgiLoad.toOptions(Flags.parse(new String[] {"--mode", "dialplan"}));

    assertThat(options.dialplanDriven()).isTrue();
    assertThat(options.requestUrl()).isEqualTo("agi://127.0.0.1:4573/greenvn-decide");
    assertThat(options.outcomeUrl()).isEqualTo("agi://127.0.0.1:4573/greenvn-outcome");
    assertThat(AgiLoad.toOptions(Flags.parse(new String[0])).requestUrl())
        .endsWith("/greenvn");
    assertThatThrownBy(() -> AgiLoad.toOptions(Flags.parse(new String[] {"--mode", "both"})))
        .isInstanceOf(LoadOptionException.class)
        .hasMessageContaining("use script or dialplan");
  }

  @Test
  void pinNeverShowsInToString() {
    Allocation allocation = Allocation.parse("vn=+914048212136 known=919876543210 pin=246813");

    assertThat(allocation.toString()).doesNotContain("246813").contains("pin=****");
    assertThat(allocation.wrongPin()).isEqualTo("357924");
  }

  @Test
  void latencyPercentilesUseNearestRank() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (long value = 100; value >= 1; value--) {
      recorder.record(value);
    }

    assertThat(recorder.percentile(50)).isEqualTo(50);
    assertThat(recorder.percentile(90)).isEqualTo(90);
    assertThat(recorder.percentile(99)).isEqualTo(99);
    assertThat(recorder.max()).isEqualTo(100);
    assertThat(new LatencyRecorder().percentile(99)).isZero();
  }
}
