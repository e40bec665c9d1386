package org.greenvn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.A2;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.B2;
import static org.greenvn.TestNumbers.OUTSIDER;
import static org.greenvn.TestNumbers.SID;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.greenvn.TestFixtures;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.DeallocationCause;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.PinJoin;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.event.EventType;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.RoutingDecision;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.MutableClock;
import org.greenvn.webhook.PendingWebhook;
import org.greenvn.webhook.WebhookOutbox;
import org.junit.jupiter.api.Test;

/**
 * A durable store keeps an engine's state across a restart: allocations, callers who joined with
 * a PIN, and pending webhook deliveries survive closing and reopening the store; an allocation
 * whose time ran out while the engine was down is deallocated by the engine's first sweep, with
 * its deallocation event.
 */
public abstract class RestartContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Pin PIN = Pin.of(2468);

  /** A store opened on the test's database; the same database every time in one test. */
  protected interface Opened extends AutoCloseable {
    /** Its allocations. */
    AllocationStore allocations();

    /** Its outbox. */
    WebhookOutbox outbox();

    @Override
    void close();
  }

  /** Opens the store on the test's database, which is empty the first time. */
  protected abstract Opened open();

  private static Tenant tenant() {
    return Tenant.builder(SID).number(AP_L).build();
  }

  @Test
  void stateSurvivesARestartAndWhatExpiredMeanwhileIsDeallocatedAtStartWithItsEvent()
      throws Exception {
    MutableClock clock = MutableClock.startingAt(T0);
    Allocation lasting;
    Allocation shortLived;
    PhoneNumber vn = AP_L.number();
    PhoneNumber joiner = PhoneNumber.of(OUTSIDER);
    PendingWebhook waiting = webhook("w1", T0);
    PendingWebhook claimed = webhook("w2", T0.plusSeconds(1));
    try (Opened first = open();
        GreenVn engine = TestFixtures.engine(clock, first.allocations(), tenant())) {
      lasting =
          engine.allocations().create(SID, TestFixtures.twoway("order-1", A1, B1)
              .bPartyPins(PIN.value()).deallocationDuration(Duration.ofHours(2)).build());
      shortLived =
          engine.allocations().create(SID, TestFixtures.twoway("order-2", A2, B2)
              .deallocationDuration(Duration.ofMinutes(10)).build());
      clock.advance(Duration.ofMinutes(1));
      Optional<PinJoin> join = engine.allocations().joinWithPin(vn, PIN, Optional.of(joiner));
      assertThat(join).isPresent();
      first.outbox().add(waiting);
      first.outbox().add(claimed);
      assertThat(first.outbox().claimDue(T0.plusSeconds(1), LEASE, 1)).hasSize(1);
      assertThat(first.outbox().claimDue(T0.plusSeconds(1), LEASE, 10)).hasSize(1);
    }

    clock.advance(Duration.ofMinutes(30)); // the short-lived one expires while nothing runs

    List<GreenVnEvent> events = new CopyOnWriteArrayList<>();
    try (Opened second = open();
        GreenVn engine =
            GreenVn.builder().clock(clock).store(second.allocations()).tenant(tenant())
                .listener(events::add).expirySweep(Duration.ofHours(1)).build()) {
      // The engine's sweep runs once at start, on its own thread.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (events.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(events).hasSize(1);
      DeallocationEvent event = (DeallocationEvent) events.get(0);
      assertThat(event.greenvnId()).isEqualTo(shortLived.greenvnId());
      assertThat(event.connectionId()).isEqualTo("order-2");
      assertThat(event.type()).isEqualTo(EventType.DEALLOCATION);
      Allocation expired = engine.allocations().get(SID, shortLived.greenvnId());
      assertThat(expired.state()).isEqualTo(AllocationState.VAULT);
      assertThat(expired.deallocationCause()).contains(DeallocationCause.EXPIRED);
      assertThat(engine.expireDue()).as("expired once only").isZero();

      Allocation kept = engine.allocations().get(SID, lasting.greenvnId());
      assertThat(kept.isActive()).isTrue();
      assertThat(kept.bPartyNumbers()).containsExactly(PhoneNumber.of(B1), joiner);
      assertThat(kept.bPartyPins()).containsExactly(PIN);
      RoutingDecision fromJoiner = engine.route(vn.e164(), OUTSIDER);
      assertThat(fromJoiner).isInstanceOf(Bridge.class);
      assertThat(((Bridge) fromJoiner).targets()).containsExactly(PhoneNumber.of(A1));
      RoutingDecision fromA = engine.route(vn.e164(), A1);
      assertThat(((Bridge) fromA).targets()).containsExactly(PhoneNumber.of(B1), joiner);
      assertThat(engine.route(vn.e164(), A2)).isNotInstanceOf(Bridge.class);
      assertThat(engine.allocations().utilisation(SID).get(0).activeAllocations()).isEqualTo(1);

      assertThat(second.outbox().backlog()).isEqualTo(2);
      Instant later = clock.instant();
      assertThat(second.outbox().claimDue(later, LEASE, 10))
          .extracting(PendingWebhook::id)
          .containsExactly("w1", "w2");
    }
  }

  private static PendingWebhook webhook(String id, Instant at) {
    return PendingWebhook.of(
        id, SID, EventType.DEALLOCATION, URI.create("http://127.0.0.1:9/hook"),
        "{\"id\":\"" + id + "\"}", at);
  }
}
