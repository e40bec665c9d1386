package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.http.ApiFixture.ACME_AUTH;
import static org.greenvn.http.ApiFixture.GLOBEX_AUTH;
import static org.greenvn.http.ApiFixture.assertEnvelope;
import static org.greenvn.http.ApiFixture.assertRefused;
import static org.greenvn.http.ApiFixture.basic;

import com.fasterxml.jackson.databind.JsonNode;
import org.greenvn.TestNumbers;
import org.greenvn.http.ApiFixture.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Basic authentication per tenant, and that no tenant can see or touch another's. */
class AuthHttpTest {

  private static final String ACME = "/v1/tenants/acme";

  private final ApiFixture api = new ApiFixture();

  @AfterEach
  void close() {
    api.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Basic",
        "Basic !!!not-base64!!!",
        "Bearer acme-token-5e9f",
        "Basic YWNtZS1rZXk=", // "acme-key" without a colon
      })
  void missingOrMalformedCredentialsAre401Code7(String header) {
    Reply reply =
        header.isEmpty()
            ? api.send("GET", ACME + "/pool", null)
            : api.send("GET", ACME + "/pool", null, "Authorization", header);

    assertRefused(reply, 401, 7);
    assertThat(reply.json().get("message").asText())
        .isEqualTo("Authentication not provided or failed");
    assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=");
  }

  @Test
  void aWrongTokenOrAnUnknownKeyIs401Code7() {
    assertRefused(
        api.send("GET", ACME + "/pool", null, "Authorization", basic("acme-key", "wrong")), 401, 7);
    assertRefused(
        api.send(
            "GET",
            ACME + "/pool",
            null,
            "Authorization",
            basic("acme-key", ApiFixture.ACME_TOKEN + "x")),
        401,
        7);
    assertRefused(
        api.send(
            "GET", ACME + "/pool", null, "Authorization", basic("nobody", ApiFixture.ACME_TOKEN)),
        401,
        7);
    // The token of one tenant with the key of another is no one's credentials.
    assertRefused(
        api.send(
            "GET",
            ACME + "/pool",
            null,
            "Authorization",
            basic("acme-key", ApiFixture.GLOBEX_TOKEN)),
        401,
        7);
  }

  @Test
  void theSchemeIsCaseInsensitiveAsHttpSays() {
    String lower = ACME_AUTH.replace("Basic ", "basic ");
    assertThat(
            assertEnvelope(api.send("GET", ACME + "/pool", null, "Authorization", lower)).status())
        .isEqualTo(200);
  }

  @Test
  void anotherTenantsValidCredentialsAre403Code8OnEveryRouteAndChangeNothing() {
    String id = api.create("o1", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();
    String one = ACME + "/greenvn/" + id;
    String body = ApiFixture.createBody("o2", TestNumbers.A2, TestNumbers.B2, "");

    for (Reply reply :
        new Reply[] {
          api.send("POST", ACME + "/greenvn", body, "Authorization", GLOBEX_AUTH),
          api.send(
              "POST",
              ACME + "/greenvn/bulk",
              "{\"allocations\":[" + body + "]}",
              "Authorization",
              GLOBEX_AUTH),
          api.send("POST", ACME + "/greenvn/dry-run", body, "Authorization", GLOBEX_AUTH),
          api.send("GET", one, null, "Authorization", GLOBEX_AUTH),
          api.send("DELETE", one, null, "Authorization", GLOBEX_AUTH),
          api.send(
              "PUT",
              one + "/call-party",
              "{\"aparty_numbers\":[\"" + TestNumbers.A3 + "\"]}",
              "Authorization",
              GLOBEX_AUTH),
          api.send("PUT", one + "/vn", null, "Authorization", GLOBEX_AUTH),
          api.send("GET", ACME + "/pool", null, "Authorization", GLOBEX_AUTH),
        }) {
      assertRefused(reply, 403, 8);
      assertThat(reply.json().get("message").asText())
          .isEqualTo("Not permitted to do this operation.");
    }
    JsonNode after = assertEnvelope(api.acme("GET", one, null)).data();
    assertThat(after.get("state").asText()).isEqualTo("active");
    assertThat(after.get("aparty_numbers").get(0).asText()).isEqualTo(TestNumbers.A1);
    assertThat(api.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isEqualTo(1);
  }

  @Test
  void aTenantSeesNoneOfAnothersAllocationsEvenThroughItsOwnPath() {
    String id = api.create("o1", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();

    // globex asking for acme's allocation id under its own tenant path: no such allocation.
    assertRefused(
        api.send("GET", "/v1/tenants/globex/greenvn/" + id, null, "Authorization", GLOBEX_AUTH),
        404,
        1);
    assertRefused(
        api.send("DELETE", "/v1/tenants/globex/greenvn/" + id, null, "Authorization", GLOBEX_AUTH),
        404,
        1);
    assertThat(api.pool("globex", GLOBEX_AUTH).get("active_allocations").asInt()).isZero();
  }

  @Test
  void anUnknownTenantInThePathIs403NotAHintThatItDoesNotExist() {
    assertRefused(api.acme("GET", "/v1/tenants/initech/pool", null), 403, 8);
    assertRefused(api.send("GET", "/v1/tenants/initech/pool", null), 401, 7);
  }

  @Test
  void healthNeedsNoCredentialsAndMetricsOnlyWhenConfigured() {
    assertThat(api.send("GET", "/health", null).status()).isEqualTo(200);
    assertThat(api.send("GET", "/metrics", null).status()).isEqualTo(200);

    try (ApiFixture guarded = new ApiFixture(b -> b.metricsCredentials("prom", "scrape-me"))) {
      assertRefused(guarded.send("GET", "/metrics", null), 401, 7);
      assertRefused(guarded.send("GET", "/metrics", null, "Authorization", ACME_AUTH), 401, 7);
      Reply ok = guarded.send("GET", "/metrics", null, "Authorization", basic("prom", "scrape-me"));
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.raw().body()).contains("greenvn_pool_vns");
    }
  }

  @Test
  void theBuilderRefusesCredentialsThatCannotWork() {
    GreenVnHttpServer.Builder builder =
        GreenVnHttpServer.builder(api.engine).tenantCredentials("acme", "k1", "t1");

    assertThatThrownBy(() -> builder.tenantCredentials("initech", "k2", "t2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initech");
    assertThatThrownBy(() -> builder.tenantCredentials("globex", "k1", "t2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.tenantCredentials("globex", "a:b", "t2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.tenantCredentials("globex", "k2", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.tenantCredentials("acme", "k3", "t3"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> builder.port(1).port(2)).isInstanceOf(IllegalStateException.class);
  }
}
