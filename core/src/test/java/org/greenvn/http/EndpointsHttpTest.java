package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.http.ApiFixture.ACME_AUTH;
import static org.greenvn.http.ApiFixture.assertEnvelope;
import static org.greenvn.http.ApiFixture.assertRefused;
import static org.greenvn.http.ApiFixture.createBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import org.greenvn.TestNumbers;
import org.greenvn.http.ApiFixture.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each route of the API over real HTTP: what it answers and what it changes. */
class EndpointsHttpTest {

  private static final String GREENVN = "/v1/tenants/acme/greenvn";

  private final ApiFixture api = new ApiFixture(b -> b.bulkMax(3));

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void getAnswersTheAllocationAsCreated() {
    JsonNode created =
        api.create("order-7", TestNumbers.A1, TestNumbers.B1, "\"aparty_pins\":[\"4321\"]");
    String id = created.get("greenvn_id").asText();

    Reply reply = assertEnvelope(api.acme("GET", GREENVN + "/" + id, null));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.data()).isEqualTo(created);
    assertThat(reply.data().get("aparty_pins").toString()).isEqualTo("[4321]");
    assertThat(reply.data().has("flow_id")).as("flow_id only when the request named one").isFalse();
    assertThat(reply.data().get("created_at").asText()).isEqualTo("2026-03-01 15:30:00");
  }

  @Test
  void deleteSendsTheAllocationToTheVaultAndGetStillShowsIt() {
    String id =
        api.create("order-7", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();
    api.clock.advance(Duration.ofMinutes(5));

    Reply deleted = assertEnvelope(api.acme("DELETE", GREENVN + "/" + id, null));

    assertThat(deleted.data().get("state").asText()).isEqualTo("vault");
    assertThat(deleted.data().get("deallocated_at").asText()).isEqualTo("2026-03-01 15:35:00");
    Reply read = assertEnvelope(api.acme("GET", GREENVN + "/" + id, null));
    assertThat(read.data().get("state").asText()).isEqualTo("vault");
    assertThat(api.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isZero();
    // Its connection id is free again.
    api.create("order-7", TestNumbers.A1, TestNumbers.B1, "");
  }

  @Test
  void callPartyReplacesOnlyWhatIsGiven() {
    String id =
        api.create("order-7", TestNumbers.A1, TestNumbers.B1, "\"bparty_pins\":[2345]")
            .get("greenvn_id")
            .asText();

    Reply reply =
        assertEnvelope(
            api.acme(
                "PUT",
                GREENVN + "/" + id + "/call-party",
                "{\"bparty_numbers\":[\"" + TestNumbers.B2 + "\"],\"usage\":\"oneway\"}"));

    assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
    assertThat(reply.data().get("aparty_numbers").get(0).asText()).isEqualTo(TestNumbers.A1);
    assertThat(reply.data().get("bparty_numbers").get(0).asText()).isEqualTo(TestNumbers.B2);
    assertThat(reply.data().get("bparty_pins").toString()).isEqualTo("[2345]");
    assertThat(reply.data().get("usage").asText()).isEqualTo("oneway");
  }

  @Test
  void vnMovesToTheRequestedNumberStrictly() {
    String id =
        api.create("order-7", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();

    Reply reply =
        assertEnvelope(
            api.acme(
                "PUT",
                GREENVN + "/" + id + "/vn",
                "{\"strictness\":true,\"preferences\":{\"type\":\"mobile\",\"region\":\"DL\"}}"));

    assertThat(reply.data().get("green_vn").asText()).isEqualTo(TestNumbers.DL_M.number().e164());
    JsonNode pool = api.pool("acme", ACME_AUTH);
    assertThat(pool.get("active_allocations").asInt()).isEqualTo(1);
    assertThat(loadOf(pool, TestNumbers.DL_M.number().e164())).isEqualTo(1);
  }

  @Test
  void theDryRunNamesTheNumberACreateTakesAndCreatesNothing() {
    String body =
        createBody(
            "order-7", TestNumbers.A1, TestNumbers.B1, "\"preferences\":{\"region\":\"MU\"}");

    Reply dry = assertEnvelope(api.acme("POST", GREENVN + "/dry-run", body));

    assertThat(dry.status()).isEqualTo(200);
    assertThat(dry.data().get("would_succeed").asBoolean()).isTrue();
    assertThat(dry.data().get("green_vn").asText()).isEqualTo(TestNumbers.MU_L.number().e164());
    assertThat(dry.data().get("region").asText()).isEqualTo("MU");
    assertThat(dry.data().get("number_type").asText()).isEqualTo("landline");
    assertThat(api.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isZero();

    JsonNode created = assertEnvelope(api.acme("POST", GREENVN, body)).data();
    assertThat(created.get("green_vn").asText()).isEqualTo(dry.data().get("green_vn").asText());
    // Now a dry run of the same refuses as the create would: the connection id is taken.
    assertRefused(api.acme("POST", GREENVN + "/dry-run", body), 409, 18);
    assertRefused(
        api.acme(
            "POST",
            GREENVN + "/dry-run",
            createBody(
                "o9",
                TestNumbers.A2,
                TestNumbers.B2,
                "\"strictness\":\"true\",\"preferences\":{\"region\":\"RJ\"}")),
        452,
        4);
  }

  @Test
  void bulkCreatesEachItemOnItsOwnAndReportsEach() {
    String good1 = createBody("b1", TestNumbers.A1, TestNumbers.B1, "");
    String bad = createBody("b2", "+91123", TestNumbers.B2, "");
    String good2 = createBody("b3", TestNumbers.A2, TestNumbers.B2, "");

    Reply reply =
        assertEnvelope(
            api.acme(
                "POST",
                GREENVN + "/bulk",
                "{\"allocations\":[" + good1 + "," + bad + "," + good2 + "]}"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.data().get("created").asInt()).isEqualTo(2);
    assertThat(reply.data().get("failed").asInt()).isEqualTo(1);
    JsonNode results = reply.data().get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("data").get("connection_id").asText()).isEqualTo("b1");
    assertThat(results.get(1).get("code").asInt()).isEqualTo(16);
    assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
    assertThat(results.get(2).get("success").asBoolean()).isTrue();
    assertThat(api.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isEqualTo(2);
  }

  @Test
  void bulkOverItsMaximumCreatesNothing() {
    String items =
        String.join(
            ",", Collections.nCopies(4, createBody("b", TestNumbers.A1, TestNumbers.B1, "")));

    assertRefused(
        api.acme("POST", GREENVN + "/bulk", "{\"allocations\":[" + items + "]}"), 413, 17);
    assertRefused(api.acme("POST", GREENVN + "/bulk", "{\"allocations\":[]}"), 400, 3);
    assertRefused(api.acme("POST", GREENVN + "/bulk", "{\"allocations\":{}}"), 400, 5);
    assertThat(api.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isZero();
  }

  @Test
  void thePoolShowsEachNumberItsLoadAndTheHeadroom() {
    api.create("o1", TestNumbers.A1, TestNumbers.B1, "\"preferences\":{\"region\":\"WB\"}");
    api.create("o2", TestNumbers.A2, TestNumbers.B2, "\"preferences\":{\"region\":\"WB\"}");

    JsonNode pool = api.pool("acme", ACME_AUTH);

    assertThat(pool.get("tenant_sid").asText()).isEqualTo("acme");
    assertThat(pool.get("exclusive_numbers").asBoolean()).isFalse();
    assertThat(pool.get("total_vns").asInt()).isEqualTo(8);
    assertThat(pool.get("enabled_vns").asInt()).isEqualTo(8);
    assertThat(pool.get("vns_in_use").asInt()).isEqualTo(1);
    assertThat(pool.get("active_allocations").asInt()).isEqualTo(2);
    assertThat(pool.get("headroom").asInt()).isEqualTo(7);
    assertThat(loadOf(pool, TestNumbers.WB_L.number().e164())).isEqualTo(2);
    assertThat(pool.get("vns").get(0).get("region").asText()).isNotBlank();
  }

  @Test
  void healthIsOpenAndAnEnvelope() {
    Reply health = assertEnvelope(api.send("GET", "/health", null));

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.data().get("status").asText()).isEqualTo("up");
    assertThat(health.data().get("tenants").asInt()).isEqualTo(2);
  }

  @Test
  void unknownRoutesAndMethodsAnswerAnEnvelopeNeverHtml() {
    assertRefused(api.send("GET", "/", null), 404, 5);
    assertRefused(api.send("GET", "/v2/tenants/acme/greenvn", null), 404, 5);
    assertRefused(api.acme("GET", "/v1/tenants/acme/greenvn/x/y/z", null), 404, 5);
    assertRefused(api.acme("GET", "/v1/tenants/acme/bad%C3%28path", null), 404, 5);

    Reply patch = assertRefused(api.acme("PATCH", GREENVN + "/x", "{}"), 405, 5);
    assertThat(patch.header("Allow")).isEqualTo("DELETE, GET");
    Reply getCreate = assertRefused(api.acme("GET", GREENVN, null), 405, 5);
    assertThat(getCreate.header("Allow")).isEqualTo("POST");
    // bulk and dry-run are routes of their own, never an allocation's id.
    assertThat(assertRefused(api.acme("GET", GREENVN + "/bulk", null), 405, 5).header("Allow"))
        .isEqualTo("POST");
    assertRefused(api.send("DELETE", "/health", null), 405, 5);
  }

  @Test
  void aTrailingSlashAndPercentEncodingNameTheSameResource() {
    String id =
        api.create("order-7", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();

    assertThat(assertEnvelope(api.acme("GET", GREENVN + "/" + id + "/", null)).status())
        .isEqualTo(200);
    String encoded = id.replace("-", "%2D");
    assertThat(
            assertEnvelope(api.acme("GET", "/v1/tenants/%61cme/greenvn/" + encoded, null)).status())
        .isEqualTo(200);
  }

  @Test
  void malformedJsonIsCode5AndUnknownIdIsCode1OnEveryAllocationRoute() {
    String id =
        api.create("order-7", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();

    assertRefused(api.acme("PUT", GREENVN + "/" + id + "/call-party", "{"), 400, 5);
    assertRefused(api.acme("PUT", GREENVN + "/" + id + "/vn", "[1,2"), 400, 5);
    assertRefused(api.acme("PUT", GREENVN + "/" + id + "/vn", "null"), 400, 5);
    assertRefused(
        api.acme("PUT", GREENVN + "/nope/call-party", "{\"aparty_numbers\":[\"+919800000099\"]}"),
        404,
        1);
    assertRefused(api.acme("PUT", GREENVN + "/nope/vn", null), 404, 1);
    assertRefused(api.acme("DELETE", GREENVN + "/nope", null), 404, 1);
  }

  private static int loadOf(JsonNode pool, String e164) {
    for (JsonNode vn : pool.get("vns")) {
      if (vn.get("green_vn").asText().equals(e164)) {
        return vn.get("active_allocations").asInt();
      }
    }
    throw new AssertionError("No " + e164 + " in " + pool);
  }
}
