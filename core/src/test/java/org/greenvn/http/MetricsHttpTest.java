package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.http.ApiFixture.createBody;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.TestNumbers;
import org.greenvn.event.Disconnector;
import org.greenvn.http.ApiFixture.Reply;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.CallOutcome;
import org.greenvn.routing.CallSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: the Prometheus text of allocations, creates, calls, pool, webhooks. */
class MetricsHttpTest {

  private final ApiFixture api = new ApiFixture();

  @AfterEach
  void close() {
    api.close();
  }

  private String scrape() {
    Reply reply = api.send("GET", "/metrics", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    return reply.raw().body();
  }

  @Test
  void allocationsCreatesAndPoolAreCounted() {
    api.create("o1", TestNumbers.A1, TestNumbers.B1, "");
    api.create("o2", TestNumbers.A2, TestNumbers.B2, "");
    api.acme(
        "POST", "/v1/tenants/acme/greenvn", createBody("o1", TestNumbers.A3, TestNumbers.B3, ""));
    api.acme("POST", "/v1/tenants/acme/greenvn", "{");

    String text = scrape();

    assertThat(text)
        .contains("greenvn_allocations_active{tenant=\"acme\"} 2.0")
        .contains("greenvn_allocations_active{tenant=\"globex\"} 0.0")
        .contains("greenvn_allocation_creates_total{code=\"success\",tenant=\"acme\"} 2.0")
        .contains("greenvn_allocation_creates_total{code=\"18\",tenant=\"acme\"} 1.0")
        .contains("greenvn_allocation_creates_total{code=\"5\",tenant=\"acme\"} 1.0")
        .contains("greenvn_pool_vns{tenant=\"acme\"} 8.0")
        .contains("greenvn_pool_vns_enabled{tenant=\"acme\"} 8.0")
        .contains("greenvn_pool_vns_in_use{tenant=\"acme\"} 2.0")
        .contains("greenvn_pool_utilisation_ratio{tenant=\"acme\"} 0.25")
        .contains(
            "greenvn_http_requests_total{method=\"POST\",route=\"/v1/tenants/{sid}/greenvn\","
                + "status=\"200\"} 2.0");
  }

  @Test
  void callsAreCountedByDecision() {
    String oneway =
        "{\"connection_id\":\"o1\",\"aparty_numbers\":[\""
            + TestNumbers.A1
            + "\"],\"bparty_numbers\":[\""
            + TestNumbers.B1
            + "\"],\"usage\":\"oneway\"}";
    String vn =
        ApiFixture.assertEnvelope(api.acme("POST", "/v1/tenants/acme/greenvn", oneway))
            .data()
            .get("green_vn")
            .asText();
    CallSession aCalls = api.engine.startCall("c1", vn, TestNumbers.A1);
    aCalls.complete(
        CallOutcome.answered(
            PhoneNumber.of(TestNumbers.B1),
            Duration.ofSeconds(3),
            Duration.ofSeconds(40),
            Disconnector.CALLEE));
    CallSession bCalls = api.engine.startCall("c2", vn, TestNumbers.B1); // oneway: refused
    bCalls.complete(CallOutcome.notDialled(Disconnector.CALLER));
    CallSession stranger = api.engine.startCall("c3", vn, TestNumbers.STRANGER);
    stranger.complete(CallOutcome.notDialled(Disconnector.CALLER));

    String text = scrape();

    assertThat(text)
        .contains("greenvn_calls_total{decision=\"bridged\",tenant=\"acme\"} 1.0")
        .contains("greenvn_calls_total{decision=\"not_dialled\",tenant=\"acme\"} 1.0")
        .contains("greenvn_calls_total{decision=\"not_in_service\",tenant=\"acme\"} 1.0");
  }

  @Test
  void theWebhookDispatcherCanPublishItsBacklogAndFailures() {
    AtomicLong backlog = new AtomicLong(7);
    api.server.metrics().registerWebhookBacklog(backlog::get);
    api.server.metrics().recordWebhookFailure("acme", "timeout");
    api.server.metrics().recordWebhookFailure("acme", "timeout");

    assertThat(scrape())
        .contains("greenvn_webhook_backlog 7.0")
        .contains("greenvn_webhook_failures_total{reason=\"timeout\",tenant=\"acme\"} 2.0");
    backlog.set(3);
    assertThat(scrape()).contains("greenvn_webhook_backlog 3.0");
    assertThatThrownBy(() -> api.server.metrics().registerWebhookBacklog(() -> 0))
        .isInstanceOf(IllegalStateException.class);
  }
}
