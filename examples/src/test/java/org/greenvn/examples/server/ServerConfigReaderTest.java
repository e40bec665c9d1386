package org.greenvn.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.tenant.RingStrategy;
import org.junit.jupiter.api.Test;

class ServerConfigReaderTest {

  private static final String MINIMAL =
      """
      {"tenants": [{"sid": "acme",
        "credentials": [{"apiKey": "k1", "token": "secret-token"}],
        "inventory": [{"number": "+918041234567", "region": "KA", "type": "landline"}]}]}
      """;

  private static ServerConfig read(String json, Map<String, String> env) throws IOException {
    return ServerConfigReader.withEnv(env)
        .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  private static ServerConfig read(String json) throws IOException {
    return read(json, Map.of());
  }

  @Test
  void theSampleLoadsWithAPoolAcrossRegionsAndTypes() {
    ServerConfig config = ServerConfigReader.withEnv(Map.of()).readSample();

    assertThat(config.store().kind()).isEqualTo("sqlite");
    assertThat(config.tenants()).hasSize(1);
    var tenant = config.tenants().get(0);
    assertThat(tenant.tenant().inventory())
        .extracting(n -> n.region())
        .contains(Region.AP, Region.KA, Region.DL, Region.MH, Region.TN);
    assertThat(tenant.tenant().inventory())
        .extracting(n -> n.type())
        .contains(NumberType.MOBILE, NumberType.LANDLINE);
    assertThat(tenant.webhooks().urls()).containsOnlyKeys(ServerConfigReader.EVENT_NAMES);
    assertThat(tenant.dialplans().get("recorded").recordingUrlTemplate()).isPresent();
  }

  @Test
  void aMinimalFileGetsTheDefaults() throws IOException {
    ServerConfig config = read(MINIMAL);

    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.agi().port()).isEqualTo(4573);
    assertThat(config.store().kind()).isEqualTo("sqlite");
    var tenant = config.tenants().get(0);
    assertThat(tenant.tenant().defaultDeallocation()).isEqualTo(Duration.ofHours(24));
    assertThat(tenant.tenant().defaultFlow().ringStrategy()).isEqualTo(RingStrategy.SIMULTANEOUS);
    assertThat(tenant.dialplans().get("default").dialTemplate()).isEqualTo("PJSIP/{number}");
    assertThat(tenant.webhooks().urls()).isEmpty();
  }

  @Test
  void environmentVariablesOverrideThePorts() throws IOException {
    ServerConfig config =
        read(MINIMAL, Map.of("GREENVN_HTTP_PORT", "18080", "GREENVN_AGI_PORT", "0"));

    assertThat(config.http().port()).isEqualTo(18080);
    assertThat(config.agi().port()).isZero();
  }

  @Test
  void aBadPortInTheEnvironmentIsRefused() {
    assertThatThrownBy(() -> read(MINIMAL, Map.of("GREENVN_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GREENVN_HTTP_PORT");
  }

  @Test
  void errorsNameTheFieldsPath() {
    String badRegion = MINIMAL.replace("\"KA\"", "\"ZZ\"");
    assertThatThrownBy(() -> read(badRegion))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tenants[0].inventory[0].region:");

    String typo = MINIMAL.replace("\"sid\"", "\"sidd\": \"x\", \"sid\"");
    assertThatThrownBy(() -> read(typo))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tenants[0].sidd: unknown field");

    String badDuration = MINIMAL.replace("\"sid\"", "\"defaultDeallocation\": \"soon\", \"sid\"");
    assertThatThrownBy(() -> read(badDuration))
        .hasMessageStartingWith("tenants[0].defaultDeallocation:");

    String badNumber = MINIMAL.replace("+918041234567", "+91804");
    assertThatThrownBy(() -> read(badNumber)).hasMessageStartingWith("tenants[0].inventory[0]");
  }

  @Test
  void aDialTemplateWithoutTheNumberIsRefused() {
    String noNumber =
        MINIMAL.replace("\"inventory\"", "\"flows\": [{\"id\": \"f\", \"dial\": \"PJSIP/x\"}], "
            + "\"inventory\"");
    assertThatThrownBy(() -> read(noNumber)).hasMessageStartingWith("tenants[0].flows[0]:");
    String twoTargets = noNumber.replace("PJSIP/x", "PJSIP/{number}&PJSIP/other");
    assertThatThrownBy(() -> read(twoTargets)).hasMessageContaining("one target");
  }

  @Test
  void oneApiKeyCannotServeTwoTenants() {
    String twice =
        """
        {"tenants": [
          {"sid": "a", "credentials": [{"apiKey": "k", "token": "t1"}],
           "inventory": [{"number": "+918041234567", "region": "KA", "type": "landline"}]},
          {"sid": "b", "credentials": [{"apiKey": "k", "token": "t2"}],
           "inventory": [{"number": "+914048212136", "region": "AP", "type": "landline"}]}]}
        """;
    assertThatThrownBy(() -> read(twice)).hasMessageContaining("belongs to two tenants");
  }

  @Test
  void notJsonIsRefusedWithTheSourceNamed() {
    assertThatThrownBy(() -> read("{\"tenants\": ["))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("test.json: not valid JSON");
  }

  @Test
  void secretsStayOutOfToString() throws IOException {
    ServerConfig config = read(MINIMAL);
    assertThat(config.toString()).doesNotContain("secret-token");
    assertThat(ServerConfigReader.withEnv(Map.of()).readSample().toString())
        .doesNotContain("whsec_", "demo-token");
  }
}
