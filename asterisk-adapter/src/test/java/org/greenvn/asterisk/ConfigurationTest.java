package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.junit.jupiter.api.Test;

/** Settings, builders and the reading of the environment block. */
class ConfigurationTest {

  @Test
  void dialTemplatesPlaceTheNumberWithOrWithoutPlus() {
    assertThat(FlowSettings.dialing("PJSIP/{number}@carrier").dialTarget("+919800000001"))
        .isEqualTo("PJSIP/919800000001@carrier");
    assertThat(FlowSettings.dialing("SIP/trunk/{e164}").dialTarget("+919800000001"))
        .isEqualTo("SIP/trunk/+919800000001");
  }

  @Test
  void badTemplatesFailWhenMade() {
    assertThatThrownBy(() -> FlowSettings.dialing("PJSIP/{numbr}@carrier"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{numbr}");
    assertThatThrownBy(() -> FlowSettings.dialing("PJSIP/carrier"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{number}");
    assertThatThrownBy(() -> FlowSettings.dialing("PJSIP/{number}@a&PJSIP/{number}@b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one target");
    assertThatThrownBy(() -> FlowSettings.dialing("PJSIP/{number}@carrier")
            .withRecording("/tmp/{callsid}.wav", "https://x/{call_sid}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{callsid}");
    assertThatThrownBy(
            () -> new FlowSettings("PJSIP/{number}@c", Optional.empty(), Optional.of("https://x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordingTemplatesRender() {
    FlowSettings flow =
        FlowSettings.dialing("PJSIP/{number}@c")
            .withRecording("/rec/{flow_id}/{call_sid}.wav", "https://r/{greenvn_id}.wav");
    Map<String, String> values =
        Map.of("call_sid", "1.2", "greenvn", "914048212136", "greenvn_id", "g-1",
            "connection_id", "o-1", "flow_id", "default");
    assertThat(flow.recordingFile(values)).contains("/rec/default/1.2.wav");
    assertThat(flow.recordingUrl(values)).contains("https://r/g-1.wav");
  }

  @Test
  void perFlowSettingsOverrideTheDefaultAndAreSetOnce() {
    FlowSettings vip = FlowSettings.dialing("PJSIP/{number}@vip");
    AdapterSettings settings = AdapterSettings.builder().flowSettings("vip", vip).build();
    assertThat(settings.flowSettings("acme", "vip")).isEqualTo(vip);
    assertThat(settings.flowSettings("acme", "other").dialTemplate())
        .isEqualTo("PJSIP/{number}@carrier");
    assertThatThrownBy(() -> AdapterSettings.builder().flowSettings("vip", vip)
            .flowSettings("vip", vip))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
    assertThatThrownBy(() -> AdapterSettings.builder().answerMarkSubroutine("bad name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdapterSettings.builder().fallbackPrompt("two words"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTenantsOwnFlowSettingsComeBeforeThoseOfEveryTenant() {
    FlowSettings shared = FlowSettings.dialing("PJSIP/{number}@shared");
    FlowSettings acme = FlowSettings.dialing("PJSIP/{number}@acme-trunk");
    AdapterSettings settings =
        AdapterSettings.builder()
            .flowSettings("default", shared)
            .flowSettings("acme", "default", acme)
            .build();

    assertThat(settings.flowSettings("acme", "default")).isEqualTo(acme);
    assertThat(settings.flowSettings("globex", "default")).isEqualTo(shared);
    assertThatThrownBy(
            () -> AdapterSettings.builder()
                .flowSettings("acme", "default", acme)
                .flowSettings("acme", "default", shared))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tenant acme");
  }

  @Test
  void serverBuilderRefusesBadValues() {
    try (AdapterHarness harness = new AdapterHarness()) {
      GreenVnAgiServer.Builder builder = GreenVnAgiServer.builder(harness.kit.greenVn());
      assertThatThrownBy(() -> builder.port(70_000)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.readTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.scriptPaths("/greenvn", "d", "o"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading");
      assertThatThrownBy(() -> builder.scriptPaths("a", "a", "o"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
    }
  }

  @Test
  void serverBindsLoopbackByDefaultAndReportsAnEphemeralPort() {
    try (AdapterHarness harness = new AdapterHarness()) {
      assertThat(harness.server.port()).isPositive();
      assertThat(harness.server.bindAddress()).isEqualTo(InetAddress.getLoopbackAddress());
      assertThatThrownBy(
              () -> GreenVnAgiServer.builder(harness.kit.greenVn())
                  .port(harness.server.port()).start())
          .hasMessageContaining("Cannot listen");
    }
  }

  @Test
  void virtualThreadsAreUsedExactlyWhenTheJvmHasThem() {
    assertThat(CallExecutors.virtualThreadsAvailable())
        .isEqualTo(Runtime.version().feature() >= 21);
  }

  private static CallRequest read(AgiEnvironment env, DialledNumberSource source) {
    // What Asterisk-Java's reader makes of the block: keys without "agi_".
    Map<String, String> map = new HashMap<>();
    env.toWire().lines().filter(l -> !l.isEmpty()).forEach(l -> {
      int colon = l.indexOf(':');
      map.put(l.substring(4, colon), l.substring(colon + 1).strip());
    });
    return CallRequest.read(map, source).orElseThrow();
  }

  @Test
  void theDialledNumberIsReadWhereConfigured() {
    AgiEnvironment env =
        AgiEnvironment.builder().dnid("+914048212136").extension("4048212136")
            .arg("914048212136").build();
    assertThat(read(env, DialledNumberSource.DNID).dialledNumber()).isEqualTo("+914048212136");
    assertThat(read(env, DialledNumberSource.EXTENSION).dialledNumber()).isEqualTo("4048212136");
    assertThat(read(env, DialledNumberSource.ARGUMENT).dialledNumber())
        .isEqualTo("914048212136");
  }

  @Test
  void withoutArgumentsTheUrlParameterNamesTheVn() {
    AgiEnvironment env = AgiEnvironment.builder().query("vn=+914048212136&x=1").build();
    assertThat(read(env, DialledNumberSource.ARGUMENT).dialledNumber()).isEqualTo("+914048212136");
  }

  @Test
  void withheldCallerIdsReadAsUnknown() {
    for (String withheld : new String[] {"unknown", "Anonymous", "", "restricted"}) {
      AgiEnvironment env = AgiEnvironment.builder().callerId(withheld).build();
      assertThat(read(env, DialledNumberSource.DNID).callerId()).isEmpty();
    }
    assertThat(read(AgiEnvironment.builder().callerId("+447700900123").build(),
            DialledNumberSource.DNID).callerId())
        .isEqualTo("+447700900123");
  }

  @Test
  void callSidIsTheLinkedIdWhenPresentElseTheUniqueId() {
    assertThat(read(AgiEnvironment.builder().uniqueId("1.5").build(), DialledNumberSource.DNID)
            .callSid())
        .isEqualTo("1.5");
    assertThat(read(AgiEnvironment.builder().uniqueId("1.5").linkedId("1.1").build(),
            DialledNumberSource.DNID).callSid())
        .isEqualTo("1.1");
  }

  @Test
  void repliesParseInEveryFormTheTranscriptsShow() {
    assertThat(AgiResult.parse("200 result=1234")).isEqualTo(
        new AgiResult(200, "1234", "", false));
    assertThat(AgiResult.parse("200 result=12 (timeout)")).isEqualTo(
        new AgiResult(200, "12", "timeout", true));
    assertThat(AgiResult.parse("200 result= (timeout)")).isEqualTo(
        new AgiResult(200, "", "timeout", true));
    assertThat(AgiResult.parse("200 result=1 ()")).isEqualTo(new AgiResult(200, "1", "", true));
    assertThat(AgiResult.parse("200 result=-1 endpos=0").resultCode(0)).isEqualTo(-1);
    assertThat(AgiResult.parse(
            "511 Command Not Permitted on a dead channel or intercept routine").deadChannel())
        .isTrue();
    assertThat(AgiResult.parse("200 result=1 (Local/9198@parties-00000001;1)").extra())
        .isEqualTo("Local/9198@parties-00000001;1");
    assertThatThrownBy(() -> AgiResult.parse("garbage"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
