package org.greenvn;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.greenvn.allocation.AllocationService;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.event.EventListener;
import org.greenvn.event.EventListeners;
import org.greenvn.routing.CallSession;
import org.greenvn.routing.Router;
import org.greenvn.routing.RoutingDecision;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.tenant.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: allocations, routing and events over one store.
 *
 * <pre>{@code
 * GreenVn greenVn = GreenVn.builder()
 *     .tenant(Tenant.builder("acme")
 *         .number("+914048212136", Region.AP, NumberType.LANDLINE)
 *         .build())
 *     .listener(event -> System.out.println(event))
 *     .build();
 *
 * Allocation allocation = greenVn.allocations().create("acme", AllocationRequest.builder()
 *     .connectionId("order-42")
 *     .aPartyNumbers("+919876543210")
 *     .bPartyNumbers("+919800000001")
 *     .usage(Usage.TWOWAY)
 *     .build());
 *
 * RoutingDecision decision = greenVn.route(allocation.greenvn().e164(), "09876543210");
 * // Bridge[targets=[+919800000001], callerIdToPresent=+914048212136, ...]
 * }</pre>
 *
 * <p>Allocations expire on their own: a background sweep runs every second unless
 * {@link Builder#expirySweep(Duration)} says otherwise; {@link #expireDue()} runs one now. The
 * sweep also forgets allocations that have been in the vault longer than
 * {@link Builder#vaultRetention(Duration)}. Close the engine to stop the sweep. Thread-safe.
 */
public final class GreenVn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GreenVn.class);

  private final AllocationService allocations;
  private final Router router;
  private final EventListeners listeners;
  private final ScheduledExecutorService sweeper;
  private final Duration vaultRetention;

  private GreenVn(Builder builder) {
    this.listeners = new EventListeners();
    builder.listeners.forEach(listeners::add);
    this.allocations =
        new AllocationService(builder.clock, builder.store, builder.tenants, listeners);
    this.router = new Router(builder.clock, allocations, builder.store, listeners);
    this.vaultRetention = builder.vaultRetention;
    if (builder.expirySweep.isZero()) {
      this.sweeper = null;
    } else {
      this.sweeper =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "greenvn-expiry");
                thread.setDaemon(true);
                return thread;
              });
      long period = builder.expirySweep.toMillis();
      sweeper.scheduleWithFixedDelay(this::sweep, 0, period, TimeUnit.MILLISECONDS);
    }
  }

  /** A builder of engines. */
  public static Builder builder() {
    return new Builder();
  }

  /** Create, read, change, delete allocations. */
  public AllocationService allocations() {
    return allocations;
  }

  /** Decide calls. */
  public Router router() {
    return router;
  }

  /** Decides a call with no PIN dialogue; see {@link Router#route}. */
  public RoutingDecision route(String dialledNumber, String callerId) {
    return router.route(dialledNumber, callerId);
  }

  /** Starts deciding a call; see {@link Router#startCall}. */
  public CallSession startCall(String callSid, String dialledNumber, String callerId) {
    return router.startCall(callSid, dialledNumber, callerId);
  }

  /** Expires every allocation whose time is up, now; returns how many. */
  public int expireDue() {
    return allocations.expireDue();
  }

  /** Registers a listener for every event. */
  public void addListener(EventListener listener) {
    listeners.add(listener);
  }

  /** Unregisters a listener; returns whether it was registered. */
  public boolean removeListener(EventListener listener) {
    return listeners.remove(listener);
  }

  /** Stops the expiry sweep. Allocations stay in the store. */
  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }

  private void sweep() {
    try {
      allocations.expireDue();
      allocations.purgeVault(vaultRetention);
    } catch (RuntimeException e) {
      LOG.error("Expiry sweep failed; it runs again at the next period", e);
    }
  }

  /**
   * Builds a {@link GreenVn}. Defaults: the system clock, an {@link InMemoryAllocationStore}, an
   * expiry sweep every second. At least one tenant is needed.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private AllocationStore store;
    private final List<Tenant> tenants = new ArrayList<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private Duration expirySweep = Duration.ofSeconds(1);
    private Duration vaultRetention = Duration.ofDays(30);

    private Builder() {}

    /** The clock for creation times, expiries and calls; tests pass a movable one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where allocations are kept; set once. */
    public Builder store(AllocationStore store) {
      if (this.store != null) {
        throw new IllegalStateException("store was already set to " + this.store);
      }
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Adds a tenant. */
    public Builder tenant(Tenant tenant) {
      tenants.add(Objects.requireNonNull(tenant, "tenant"));
      return this;
    }

    /** Adds a listener for every event. */
    public Builder listener(EventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * How often the background sweep expires allocations; {@link Duration#ZERO} runs none, and
     * then {@link GreenVn#expireDue()} must be called.
     */
    public Builder expirySweep(Duration period) {
      Objects.requireNonNull(period, "period");
      if (period.isNegative()) {
        throw new IllegalArgumentException("period must not be negative: " + period);
      }
      this.expirySweep = period;
      return this;
    }

    /**
     * How long a deallocated allocation can still be read (state {@code vault}) before the sweep
     * forgets it; 30 days unless set.
     */
    public Builder vaultRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException("retention must not be negative: " + retention);
      }
      this.vaultRetention = retention;
      return this;
    }

    /** The engine. */
    public GreenVn build() {
      if (tenants.isEmpty()) {
        throw new IllegalStateException("At least one tenant is needed");
      }
      if (store == null) {
        store = new InMemoryAllocationStore();
      }
      return new GreenVn(this);
    }
  }
}
