package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.http.ApiFixture.ACME_AUTH;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.greenvn.TestNumbers;
import org.junit.jupiter.api.Test;

/**
 * What the server logs about a request never holds its PINs nor its credentials, even when the
 * request fails inside the server. The test binding (slf4j-simple) writes to the current {@code
 * System.err}, which the test reads.
 */
class LogHygieneHttpTest {

  private static final String PIN = "987654";

  @Test
  void neitherPinsNorTokensReachTheLog() {
    FailingStore store = new FailingStore();
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (ApiFixture api = new ApiFixture(store, b -> b)) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      store.failWrites = true;
      String withPins =
          ApiFixture.createBody(
              "o1",
              TestNumbers.A1,
              TestNumbers.B1,
              "\"aparty_pins\":[" + PIN + "],\"bparty_pins\":[\"123987\"]");

      api.acme("POST", "/v1/tenants/acme/greenvn", withPins); // 500: logged with its cause
      api.acme("POST", "/v1/tenants/acme/greenvn/bulk", "{\"allocations\":[" + withPins + "]}");
      api.send(
          "POST",
          "/v1/tenants/acme/greenvn",
          withPins,
          "Authorization",
          ApiFixture.basic(ApiFixture.ACME_KEY, "wrong-" + ApiFixture.ACME_TOKEN));
      api.send(
          "POST", "/v1/tenants/acme/greenvn", withPins, "Authorization", ApiFixture.GLOBEX_AUTH);
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("failed").contains("Authentication failed");
    assertThat(log)
        .doesNotContain(PIN)
        .doesNotContain("123987")
        .doesNotContain(ApiFixture.ACME_TOKEN)
        .doesNotContain(ApiFixture.GLOBEX_TOKEN)
        .doesNotContain(ACME_AUTH.substring("Basic ".length()))
        .doesNotContain(ApiFixture.GLOBEX_AUTH.substring("Basic ".length()));
  }
}
