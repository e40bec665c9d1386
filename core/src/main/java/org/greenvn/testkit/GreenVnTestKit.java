package org.greenvn.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.tenant.Tenant;

/**
 * An engine for tests: one tenant, an in-memory store, a {@link MutableClock}, no background
 * sweep, and every event recorded.
 *
 * <pre>{@code
 * GreenVnTestKit kit = GreenVnTestKit.forTenant(tenant);
 * Allocation a = kit.allocate(AllocationRequest.builder()
 *     .connectionId("order-1").aPartyNumbers("+919876543210").bPartyNumbers("+919800000001")
 *     .bPartyPins(4321).usage(Usage.ONEWAY).deallocationDuration("15m").build());
 *
 * kit.call("09876543210", a.greenvn().e164()).expectBridgeTo("+919800000001")
 *     .answer(Duration.ofSeconds(42));
 * kit.call("+917000000001", a.greenvn().e164()).expectPinPrompt().enterPin("4321")
 *     .expectRejected(RejectReason.ONEWAY);
 * kit.advance(Duration.ofMinutes(15));
 * assertThat(kit.events(DeallocationEvent.class)).hasSize(1);
 * }</pre>
 *
 * <p>Thread-safe as far as the engine is; the event log is synchronized.
 */
public final class GreenVnTestKit implements AutoCloseable {

  /** Where the clock starts: 2026-01-01T00:00:00Z. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final Tenant tenant;
  private final MutableClock clock;
  private final GreenVn greenVn;
  private final List<GreenVnEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger calls = new AtomicInteger();

  private GreenVnTestKit(Tenant tenant) {
    this.tenant = tenant;
    this.clock = MutableClock.startingAt(START);
    this.greenVn =
        GreenVn.builder()
            .clock(clock)
            .tenant(tenant)
            .expirySweep(Duration.ZERO)
            .listener(events::add)
            .build();
  }

  /** A kit serving one tenant. */
  public static GreenVnTestKit forTenant(Tenant tenant) {
    return new GreenVnTestKit(Objects.requireNonNull(tenant, "tenant"));
  }

  /** The engine under test. */
  public GreenVn greenVn() {
    return greenVn;
  }

  /** The tenant served. */
  public Tenant tenant() {
    return tenant;
  }

  /** The clock the engine reads. */
  public MutableClock clock() {
    return clock;
  }

  /** Creates an allocation for the tenant. */
  public Allocation allocate(AllocationRequest request) {
    return greenVn.allocations().create(tenant.sid(), request);
  }

  /** The tenant's allocation with this id, as it is now. */
  public Allocation allocation(String greenvnId) {
    return greenVn.allocations().get(tenant.sid(), greenvnId);
  }

  /**
   * Places a call, numbered {@code test-call-1}, {@code test-call-2}, ...
   *
   * @param callerId the caller id, as a PBX would deliver it
   * @param dialledNumber the virtual number dialled
   */
  public SimulatedCall call(String callerId, String dialledNumber) {
    String callSid = "test-call-" + calls.incrementAndGet();
    return new SimulatedCall(greenVn.startCall(callSid, dialledNumber, callerId), clock);
  }

  /** Moves the clock forward and expires what is due; returns how many expired. */
  public int advance(Duration duration) {
    clock.advance(duration);
    return greenVn.expireDue();
  }

  /** Every event so far, oldest first. */
  public List<GreenVnEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** The events of one kind so far, oldest first. */
  public <T extends GreenVnEvent> List<T> events(Class<T> type) {
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Forgets the events recorded so far. */
  public void clearEvents() {
    events.clear();
  }

  @Override
  public void close() {
    greenVn.close();
  }
}
