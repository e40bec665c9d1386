package org.greenvn.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.OUTSIDER;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.webhook.TestReceiver.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.greenvn.allocation.Allocation;
import org.greenvn.event.EventType;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.greenvn.webhook.TestReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's own events, through the dispatcher registered as a listener, to a receiver. */
class WebhookEngineTest {

  private static final Duration AWAIT = Duration.ofSeconds(20);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final WebhookSecret SECRET = WebhookSecret.generate();
  private static final String VN = AP_L.number().e164();

  private TestReceiver receiver;
  private GreenVnTestKit kit;
  private WebhookDispatcher dispatcher;

  @BeforeEach
  void start() throws Exception {
    receiver = TestReceiver.start();
    Tenant tenant =
        Tenant.builder(SID)
            .timeZone(ZoneId.of("Asia/Kolkata"))
            .number(AP_L)
            .flow(Flow.withDefaults("standard"))
            .flow(Flow.withDefaults("express"))
            .build();
    kit = GreenVnTestKit.forTenant(tenant);
    TenantWebhooks webhooks =
        TenantWebhooks.builder(tenant)
            .url(EventType.CALL, receiver.url("/calls"))
            .url(EventType.VERIFICATION_SUCCEEDED, receiver.url("/verified"))
            .url(EventType.DEALLOCATION, receiver.url("/deallocated"))
            .flowUrl("express", EventType.CALL, receiver.url("/express/calls"))
            .flowUrl("express", EventType.VERIFICATION_SUCCEEDED, receiver.url("/express/pins"))
            .secret(SECRET)
            .allowPrivateTargets(true)
            .backoff(Duration.ofMillis(5), Duration.ofMillis(40))
            .build();
    dispatcher =
        WebhookDispatcher.builder(new InMemoryWebhookOutbox())
            .tenant(webhooks)
            .pollInterval(Duration.ofMillis(20))
            .requestTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(1))
            .build()
            .start();
    kit.greenVn().addListener(dispatcher);
  }

  @AfterEach
  void stop() {
    dispatcher.close();
    kit.close();
    receiver.close();
  }

  @Test
  void eventsOfAnAllocationOnAFlowGoToTheFlowsUrlsAndOthersToTheTenants() throws Exception {
    Allocation express =
        kit.allocate(twoway("order-x", A1, B1).flowId("express").bPartyPins(8642).build());
    Allocation standard =
        kit.allocate(twoway("order-s", "+919800000011", "+919800000012").build());

    kit.call(A1, VN).answer(Duration.ofSeconds(20));
    kit.call("+919800000011", VN).answer(Duration.ofSeconds(30));
    kit.call(OUTSIDER, VN).expectPinPrompt().enterPin("8642").answer(Duration.ofSeconds(5));
    kit.advance(Duration.ofDays(2));

    await("six deliveries", AWAIT, () -> receiver.deliveredIds().size() == 6);
    List<Received> all = receiver.received();
    assertThat(all)
        .extracting(Received::path)
        .containsExactlyInAnyOrder(
            "/express/calls", "/express/calls", "/express/pins", "/calls", "/deallocated",
            "/deallocated");
    WebhookVerifier verifier = WebhookVerifier.of(SECRET.encoded());
    for (Received r : all) {
      verifier.verify(r.headers(), r.body());
      JsonNode body = body(r);
      switch (r.path()) {
        case "/express/calls", "/express/pins" ->
            assertThat(body.get("connection_id").asText()).isEqualTo("order-x");
        case "/calls" -> {
          assertThat(body.get("connection_id").asText()).isEqualTo("order-s");
          assertThat(body.get("greenvn_id").asText()).isEqualTo(standard.greenvnId());
          assertThat(body.get("on_call_duration").asInt()).isEqualTo(30);
          // the tenant's zone: midnight UTC plus the first call's 20 s
          assertThat(body.get("start_time").asText()).isEqualTo("2026-01-01 05:30:20");
        }
        case "/deallocated" -> assertThat(body.get("state").asText()).isEqualTo("vault");
        default -> throw new AssertionError("Unexpected path " + r.path());
      }
    }
    assertThat(all.stream().filter(r -> r.path().equals("/express/pins")).findFirst())
        .hasValueSatisfying(
            r -> {
              JsonNode pin = uncheckedBody(r);
              assertThat(pin.get("pin").asText()).isEqualTo("8642");
              assertThat(pin.get("greenvn_id").asText()).isEqualTo(express.greenvnId());
              assertThat(pin.get("caller").asText()).isEqualTo(OUTSIDER);
            });
  }

  private static JsonNode uncheckedBody(Received r) {
    try {
      return body(r);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode body(Received r) throws Exception {
    return MAPPER.readTree(r.body());
  }
}
