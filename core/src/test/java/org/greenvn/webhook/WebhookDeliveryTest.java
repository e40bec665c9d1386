package org.greenvn.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.webhook.TestReceiver.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.event.EventType;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.event.OutOfAllocationEvent;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.MutableClock;
import org.greenvn.webhook.TestReceiver.Received;
import org.greenvn.webhook.TestReceiver.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a real receiver on 127.0.0.1 that fails, goes down, answers slowly or
 * answers 410. Backoffs are milliseconds; every wait is bounded; nothing asserts on timing.
 */
class WebhookDeliveryTest {

  private static final Duration AWAIT = Duration.ofSeconds(20);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Tenant ACME = Tenant.builder("acme").build();
  private static final WebhookSecret OLD_SECRET = WebhookSecret.generate();
  private static final WebhookSecret NEW_SECRET = WebhookSecret.generate();
  private static final PhoneNumber VN = PhoneNumber.of("+914048212136");
  private static final PhoneNumber CALLER = PhoneNumber.of("+919876543210");

  private TestReceiver receiver;
  private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
  private int eventCount;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = TestReceiver.start();
  }

  @AfterEach
  void stopAll() {
    dispatchers.forEach(WebhookDispatcher::close);
    receiver.close();
  }

  @Test
  void receiverFailingNTimesGetsEveryEventWithTheSameIdOnEachRetryAndValidSignatures()
      throws Exception {
    receiver.thenReply(Reply.status(500), Reply.status(503), Reply.status(404), Reply.status(502));
    RecordingOutbox outbox = new RecordingOutbox();
    WebhookDispatcher dispatcher = started(dispatcher(outbox, webhooks().build()));

    List<GreenVnEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(outOfAllocation());
      dispatcher.onEvent(events.get(i));
    }

    await("6 deliveries", AWAIT, () -> receiver.deliveredIds().size() == 6);
    await("settled", AWAIT, () -> dispatcher.stats().backlog() == 0);
    Set<String> queuedIds =
        outbox.added.stream().map(PendingWebhook::id).collect(Collectors.toSet());
    assertThat(receiver.deliveredIds()).containsExactlyInAnyOrderElementsOf(queuedIds);
    assertThat(receiver.received()).hasSize(10);
    for (String id : queuedIds) {
      List<Received> copies = receiver.withId(id);
      assertThat(copies.stream().map(Received::bodyText).distinct()).hasSize(1);
    }
    assertEverySignatureVerifies(receiver.received());
    assertThat(bodiesOf(receiver.received()).stream().map(b -> b.get("call_sid").asText()))
        .containsAll(
            events.stream().map(e -> ((OutOfAllocationEvent) e).callSid()).toList());
    WebhookStats stats = dispatcher.stats();
    assertThat(stats.enqueued()).isEqualTo(6);
    assertThat(stats.delivered()).isEqualTo(6);
    assertThat(stats.failedAttempts()).isEqualTo(4);
    assertThat(stats.abandoned()).isZero();
    assertThat(stats.inFlight()).isZero();
  }

  @Test
  void receiverDownForAWhileGetsEverythingOnceItIsBackOnTheSamePort() throws Exception {
    receiver.stop();
    WebhookDispatcher dispatcher =
        started(dispatcher(new InMemoryWebhookOutbox(), webhooks().build()));
    for (int i = 0; i < 4; i++) {
      dispatcher.onEvent(outOfAllocation());
    }

    await("failures while down", AWAIT, () -> dispatcher.stats().failedAttempts() >= 8);
    assertThat(dispatcher.stats().backlog()).isEqualTo(4);
    receiver.restart();

    await("4 deliveries", AWAIT, () -> receiver.deliveredIds().size() == 4);
    await("settled", AWAIT, () -> dispatcher.stats().backlog() == 0);
    assertThat(dispatcher.stats().delivered()).isEqualTo(4);
    assertEverySignatureVerifies(receiver.received());
  }

  @Test
  void slowReceiverTimesOutAndTheRetryCarriesTheSameId() throws Exception {
    receiver.thenReply(Reply.status(200).after(Duration.ofSeconds(3)));
    WebhookDispatcher dispatcher =
        started(
            builder(new InMemoryWebhookOutbox(), webhooks().build())
                .requestTimeout(Duration.ofMillis(300))
                .build());

    dispatcher.onEvent(outOfAllocation());

    await("a delivery after the timeout", AWAIT, () -> dispatcher.stats().delivered() == 1);
    List<Received> all = receiver.received();
    assertThat(all).hasSizeGreaterThanOrEqualTo(2);
    assertThat(all.stream().map(Received::id).distinct()).hasSize(1);
    assertThat(dispatcher.stats().failedAttempts()).isGreaterThanOrEqualTo(1);
    assertEverySignatureVerifies(all);
  }

  @Test
  void goneDisablesTheEndpointAbandonsItsQueueAndDropsLaterEventsButNotOtherEndpoints()
      throws Exception {
    receiver.always("/gone", Reply.status(410));
    TenantWebhooks config =
        withoutUrls()
            .url(EventType.OUT_OF_ALLOCATION, receiver.url("/gone"))
            .url(EventType.DEALLOCATION, receiver.url("/ok"))
            .build();
    RecordingOutbox outbox = new RecordingOutbox();
    // One at a time, oldest first: the first answer disables the endpoint before the others go.
    WebhookDispatcher dispatcher = builder(outbox, config).maxInFlight(1).build();
    for (int i = 0; i < 3; i++) {
      dispatcher.onEvent(outOfAllocation());
    }
    dispatcher.start();
    dispatchers.add(dispatcher);

    await("all three settled", AWAIT, () -> dispatcher.stats().abandoned() == 3);
    assertThat(receiver.received()).hasSize(1);
    assertThat(dispatcher.disabledEndpoints("acme")).containsExactly(receiver.url("/gone"));

    dispatcher.onEvent(outOfAllocation());
    dispatcher.onEvent(deallocation());
    await("the other endpoint's delivery", AWAIT, () -> dispatcher.stats().delivered() == 1);
    assertThat(dispatcher.stats().dropped()).isEqualTo(1);
    assertThat(outbox.added).hasSize(4);
    assertThat(receiver.received()).extracting(Received::path).containsExactly("/gone", "/ok");

    assertThat(dispatcher.enableEndpoint("acme", receiver.url("/gone"))).isTrue();
    dispatcher.onEvent(outOfAllocation());
    await("a second 410", AWAIT, () -> dispatcher.stats().abandoned() == 4);
    assertThat(receiver.received()).extracting(Received::path)
        .containsExactly("/gone", "/ok", "/gone");
  }

  @Test
  void newDispatcherOnTheSameOutboxDeliversWhatTheClosedOneCouldNot() throws Exception {
    receiver.stop();
    RecordingOutbox outbox = new RecordingOutbox();
    WebhookDispatcher first = started(dispatcher(outbox, webhooks().build()));
    for (int i = 0; i < 5; i++) {
      first.onEvent(outOfAllocation());
    }
    await("failures while down", AWAIT, () -> first.stats().failedAttempts() >= 5);
    first.close();
    // Queued while no dispatcher runs: the outbox keeps it too.
    first.onEvent(outOfAllocation());
    assertThat(outbox.backlog()).isEqualTo(6);

    receiver.restart();
    WebhookDispatcher second = started(dispatcher(outbox, webhooks().build()));

    await("6 deliveries", AWAIT, () -> receiver.deliveredIds().size() == 6);
    await("settled", AWAIT, () -> outbox.backlog() == 0);
    assertThat(receiver.deliveredIds())
        .containsExactlyInAnyOrderElementsOf(
            outbox.added.stream().map(PendingWebhook::id).toList());
    assertThat(second.stats().delivered()).isEqualTo(6);
    assertThat(first.stats().delivered()).isZero();
    assertEverySignatureVerifies(receiver.received());
  }

  @Test
  void closeCancelsAnAttemptPastItsGraceAndHandsTheEntryBackForTheNextDispatcher()
      throws Exception {
    receiver.thenReply(Reply.status(200).after(Duration.ofSeconds(5)));
    RecordingOutbox outbox = new RecordingOutbox();
    WebhookDispatcher first =
        started(
            builder(outbox, webhooks().build())
                .requestTimeout(Duration.ofSeconds(10))
                .shutdownGrace(Duration.ofMillis(200))
                .build());
    first.onEvent(outOfAllocation());
    await("the slow attempt reaches the receiver", AWAIT, () -> receiver.received().size() == 1);

    first.close();

    // close() waits a second grace for the cancelled attempt; on a loaded machine, a little more
    await("the entry handed back", AWAIT, () -> outbox.retries.size() == 1);
    assertThat(outbox.retries.get(0).nextAttemptAt()).isBeforeOrEqualTo(Instant.now());
    assertThat(first.stats().delivered()).isZero();
    assertThat(first.stats().inFlight()).isZero();
    assertThat(outbox.backlog()).isEqualTo(1);
    WebhookDispatcher second = started(dispatcher(outbox, webhooks().build()));
    await("delivered by the second", AWAIT, () -> second.stats().delivered() == 1);
    assertThat(receiver.received().stream().map(Received::id).distinct()).hasSize(1);
  }

  @Test
  void retryAfterInSecondsSetsTheNextAttempt() throws Exception {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-05-01T08:00:00Z"));
    receiver.thenReply(Reply.status(429).withHeader("Retry-After", "120"));
    RecordingOutbox outbox = new RecordingOutbox();
    WebhookDispatcher dispatcher =
        started(builder(outbox, webhooks().build()).clock(clock).build());

    dispatcher.onEvent(outOfAllocation());
    await("the 429 is recorded", AWAIT, () -> outbox.retries.size() == 1);

    assertThat(outbox.retries.get(0).nextAttemptAt())
        .isEqualTo(Instant.parse("2026-05-01T08:02:00Z"));
    assertThat(outbox.retries.get(0).attempts()).isEqualTo(1);
    assertThat(receiver.received()).hasSize(1);
    clock.advance(Duration.ofSeconds(120));
    await("delivered after the wait", AWAIT, () -> dispatcher.stats().delivered() == 1);
    assertThat(receiver.received()).hasSize(2);
    assertEverySignatureVerifies(receiver.received(), clock);
  }

  @Test
  void retryAfterAsAnHttpDateSetsTheNextAttempt() throws Exception {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-05-01T08:00:00Z"));
    String inNinetySeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.parse("2026-05-01T08:01:30Z").atOffset(ZoneOffset.UTC));
    receiver.thenReply(Reply.status(503).withHeader("Retry-After", inNinetySeconds));
    RecordingOutbox outbox = new RecordingOutbox();
    WebhookDispatcher dispatcher =
        started(builder(outbox, webhooks().build()).clock(clock).build());

    dispatcher.onEvent(outOfAllocation());
    await("the 503 is recorded", AWAIT, () -> outbox.retries.size() == 1);

    assertThat(outbox.retries.get(0).nextAttemptAt())
        .isEqualTo(Instant.parse("2026-05-01T08:01:30Z"));
    clock.advance(Duration.ofSeconds(90));
    await("delivered after the wait", AWAIT, () -> dispatcher.stats().delivered() == 1);
  }

  @Test
  void deliveryIsAbandonedOnceItsHorizonHasPassed() throws Exception {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-05-01T08:00:00Z"));
    receiver.always("/calls", Reply.status(500));
    RecordingOutbox outbox = new RecordingOutbox();
    WebhookDispatcher dispatcher =
        started(
            builder(outbox, webhooks().retryHorizon(Duration.ofMinutes(10)).build())
                .clock(clock)
                .random(() -> 0.5)
                .build());

    dispatcher.onEvent(outOfAllocation());
    await("first failure", AWAIT, () -> outbox.retries.size() == 1);
    clock.advance(Duration.ofMinutes(11));

    await("abandoned", AWAIT, () -> dispatcher.stats().abandoned() == 1);
    assertThat(outbox.backlog()).isZero();
    assertThat(dispatcher.stats().failedAttempts()).isEqualTo(2);
    assertThat(receiver.received()).hasSize(2);
  }

  @Test
  void hostResolvingToAPrivateAddressIsRefusedAtSendTimeUnlessAllowed() throws Exception {
    URI byName = URI.create("http://receiver.test:" + receiver.port() + "/calls");
    TargetGuard toLoopback =
        new TargetGuard(host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
    WebhookSender sender =
        new WebhookSender(
            Duration.ofSeconds(1), Duration.ofSeconds(2), toLoopback, Clock.systemUTC());
    TenantWebhooks refusing =
        TenantWebhooks.builder(ACME)
            .url(EventType.OUT_OF_ALLOCATION, byName)
            .secret(OLD_SECRET)
            .build();
    TenantWebhooks allowing = webhooks().build();
    PendingWebhook byNameEntry =
        PendingWebhook.of(
            "msg_1", "acme", EventType.OUT_OF_ALLOCATION, byName, "{}", Instant.now());
    PendingWebhook byAddressEntry =
        PendingWebhook.of(
            "msg_2", "acme", EventType.OUT_OF_ALLOCATION, receiver.url("/calls"), "{}",
            Instant.now());

    AttemptResult refused = sender.attempt(byNameEntry, refusing);
    AttemptResult sent = sender.attempt(byAddressEntry, allowing);

    assertThat(refused)
        .isInstanceOfSatisfying(
            AttemptResult.Failed.class,
            f -> assertThat(f.reason()).contains("target refused", "loopback"));
    assertThat(sent).isEqualTo(new AttemptResult.Delivered(200));
    assertThat(receiver.received()).extracting(Received::id).containsExactly("msg_2");
  }

  @Test
  void redirectIsNotFollowedButRetriedAtTheConfiguredUrl() throws Exception {
    receiver.thenReply(Reply.status(307).withHeader("Location", receiver.url("/elsewhere")
        .toString()));
    WebhookDispatcher dispatcher =
        started(dispatcher(new InMemoryWebhookOutbox(), webhooks().build()));

    dispatcher.onEvent(outOfAllocation());

    await("delivered", AWAIT, () -> dispatcher.stats().delivered() == 1);
    assertThat(receiver.received()).extracting(Received::path).containsExactly("/calls", "/calls");
    assertThat(dispatcher.stats().failedAttempts()).isEqualTo(1);
  }

  @Test
  void eventIsNotCountedWhenTheOutboxCannotStoreIt() {
    WebhookOutbox broken =
        new RecordingOutbox() {
          @Override
          public void add(PendingWebhook webhook) {
            throw new IllegalStateException("disk full");
          }
        };
    WebhookDispatcher dispatcher = dispatcher(broken, webhooks().build());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatcher.onEvent(outOfAllocation()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("disk full");
    assertThat(dispatcher.stats().enqueued()).isZero();
  }

  @Test
  void eventsOfUnconfiguredTenantsAndUnsubscribedKindsAreNotQueued() {
    RecordingOutbox outbox = new RecordingOutbox();
    WebhookDispatcher dispatcher = dispatcher(outbox, webhooks().build());

    dispatcher.onEvent(
        new OutOfAllocationEvent("", Instant.now(), "c1", VN, Optional.empty(), Instant.now()));
    dispatcher.onEvent(
        new OutOfAllocationEvent(
            "globex", Instant.now(), "c2", VN, Optional.empty(), Instant.now()));
    dispatcher.onEvent(deallocation());

    assertThat(outbox.added).isEmpty();
    assertThat(dispatcher.stats().enqueued()).isZero();
  }

  @Test
  void dispatcherSettingsAreCheckedAtBuildTime() {
    WebhookOutbox outbox = new InMemoryWebhookOutbox();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhookDispatcher.builder(outbox).connectTimeout(Duration.ofSeconds(6)).build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("connectTimeout");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhookDispatcher.builder(outbox).requestTimeout(Duration.ofSeconds(16)).build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("requestTimeout");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhookDispatcher.builder(outbox).maxInFlight(0).build())
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("maxInFlight");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhookDispatcher.builder(outbox)
                .tenant(webhooks().build())
                .tenant(webhooks().build()))
        .isInstanceOf(InvalidWebhookConfigException.class)
        .hasMessageContaining("configured twice");
    WebhookDispatcher dispatcher = WebhookDispatcher.builder(outbox).build();
    dispatcher.start();
    dispatcher.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(dispatcher::start)
        .isInstanceOf(IllegalStateException.class);
  }

  // ---------------------------------------------------------------- helpers

  private TenantWebhooks.Builder webhooks() {
    return withoutUrls().url(EventType.OUT_OF_ALLOCATION, receiver.url("/calls"));
  }

  private static TenantWebhooks.Builder withoutUrls() {
    return TenantWebhooks.builder(ACME)
        .secret(OLD_SECRET)
        .secret(NEW_SECRET)
        .allowPrivateTargets(true)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(40));
  }

  private WebhookDispatcher.Builder builder(WebhookOutbox outbox, TenantWebhooks config) {
    return WebhookDispatcher.builder(outbox)
        .tenant(config)
        .connectTimeout(Duration.ofSeconds(1))
        // generous, so a loaded machine does not turn answers into timeouts and extra attempts
        .requestTimeout(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .shutdownGrace(Duration.ofSeconds(2))
        .maxInFlight(4);
  }

  private WebhookDispatcher dispatcher(WebhookOutbox outbox, TenantWebhooks config) {
    return builder(outbox, config).build();
  }

  private WebhookDispatcher started(WebhookDispatcher dispatcher) {
    dispatchers.add(dispatcher);
    return dispatcher.start();
  }

  private OutOfAllocationEvent outOfAllocation() {
    eventCount++;
    Instant at = Instant.parse("2026-05-01T08:00:00Z").plusSeconds(eventCount);
    return new OutOfAllocationEvent(
        "acme", at, "call-" + eventCount, VN, Optional.of(CALLER), at.minusSeconds(3));
  }

  private static DeallocationEvent deallocation() {
    return new DeallocationEvent(
        "acme", Instant.parse("2026-05-01T09:00:00Z"), "order-1", VN, "gvn-1", "twoway",
        List.of(CALLER), List.of(PhoneNumber.of("+919800000001")), List.of(1234), List.of());
  }

  private static void assertEverySignatureVerifies(List<Received> requests) throws Exception {
    assertEverySignatureVerifies(requests, Clock.systemUTC());
  }

  private static void assertEverySignatureVerifies(List<Received> requests, Clock clock)
      throws Exception {
    WebhookVerifier oldOnly = WebhookVerifier.of(OLD_SECRET.encoded()).withClock(clock);
    WebhookVerifier newOnly = WebhookVerifier.of(List.of(NEW_SECRET)).withClock(clock);
    for (Received r : requests) {
      oldOnly.verify(r.headers(), r.body());
      newOnly.verify(r.headers(), r.body());
      // and the same bytes signed independently with javax.crypto
      String expected =
          "v1," + WebhookSigningTest.independentHmac(
              OLD_SECRET, r.id(), r.header(WebhookHeaders.TIMESTAMP), r.body())
              + " v1," + WebhookSigningTest.independentHmac(
                  NEW_SECRET, r.id(), r.header(WebhookHeaders.TIMESTAMP), r.body());
      assertThat(r.header(WebhookHeaders.SIGNATURE)).isEqualTo(expected);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
    }
  }

  private static List<JsonNode> bodiesOf(List<Received> requests) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (Received r : requests) {
      bodies.add(MAPPER.readTree(r.body()));
    }
    return bodies;
  }
}
