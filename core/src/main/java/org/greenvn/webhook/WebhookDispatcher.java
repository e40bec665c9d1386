package org.greenvn.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.greenvn.event.CallEvent;
import org.greenvn.event.EventJson;
import org.greenvn.event.EventListener;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.event.VerificationSucceededEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the engine's events to the tenants' webhook URLs, at least once, through a
 * {@link WebhookOutbox}.
 *
 * <p>As an {@link EventListener} it turns each event into a {@link PendingWebhook}: a new id
 * ({@code msg_...}), the event's JSON body in the tenant's zone, the URL of its tenant (or flow)
 * for its kind. The entry is in the outbox before {@link #onEvent} returns, so with a durable
 * outbox no event is lost in a crash. Events of tenants without configuration, or of kinds the
 * tenant set no URL for, are ignored.
 *
 * <p>Once {@link #start() started}, a delivery loop claims due entries (at most
 * {@code maxInFlight} at a time), signs and POSTs them, and settles each:
 *
 * <ul>
 *   <li>2xx: delivered, removed from the outbox;
 *   <li>410 Gone: the endpoint (tenant and URL) is disabled: the entry and every later one
 *       claimed for it are abandoned, later events for it are dropped with a log line, until
 *       {@link #enableEndpoint}; the disabled set lives in memory, so after a restart the next
 *       410 disables the endpoint again;
 *   <li>anything else (another status, a timeout, no connection, a refused target): retried with
 *       exponential backoff and full jitter, no sooner than a {@code Retry-After} asks, until the
 *       tenant's retry horizon after the event, then abandoned.
 * </ul>
 *
 * <p>Entries stay in the outbox until settled, so a new dispatcher on the same outbox resumes
 * where an old one stopped. {@link #close()} stops claiming, lets attempts in flight finish within
 * the shutdown grace, then cancels the rest and hands their entries back, due at once.
 * Thread-safe.
 */
public final class WebhookDispatcher implements EventListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** The longest connect timeout allowed. */
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** The longest time an attempt may take in all. */
  public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private enum State { NEW, RUNNING, CLOSED }

  private final WebhookOutbox outbox;
  private final Map<String, TenantWebhooks> tenants;
  private final Map<String, EventJson> bodies;
  private final Clock clock;
  private final WebhookSender sender;
  private final int maxInFlight;
  private final Duration pollInterval;
  private final Duration lease;
  private final Duration shutdownGrace;
  private final DoubleSupplier random;

  private final Set<Endpoint> disabled = ConcurrentHashMap.newKeySet();
  private final AtomicLong enqueued = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Wakes the loop: a new event, or a slot freed. */
  private final Semaphore wakeUp = new Semaphore(0);

  private State state = State.NEW;
  private volatile boolean claiming;
  private Thread loop;
  private ExecutorService workers;

  private WebhookDispatcher(Builder b) {
    this.outbox = b.outbox;
    this.tenants = Map.copyOf(b.tenants);
    this.bodies =
        tenants.values().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    TenantWebhooks::tenantSid, t -> EventJson.forZone(t.timeZone())));
    this.clock = b.clock;
    this.sender =
        new WebhookSender(b.connectTimeout, b.requestTimeout, new TargetGuard(b.resolver), clock);
    this.maxInFlight = b.maxInFlight;
    this.pollInterval = b.pollInterval;
    // Long enough that a live attempt's entry is never claimed twice; a dead node's comes back.
    this.lease = b.requestTimeout.multipliedBy(2).plusSeconds(30);
    this.shutdownGrace = b.shutdownGrace;
    this.random = b.random;
  }

  /** A builder of dispatchers over this outbox. */
  public static Builder builder(WebhookOutbox outbox) {
    return new Builder(outbox);
  }

  /**
   * Queues the event for its tenant's URL, if the tenant has one for its kind; the entry is in
   * the outbox when this returns.
   *
   * @throws RuntimeException what the outbox threw when it could not store the entry
   */
  @Override
  public void onEvent(GreenVnEvent event) {
    TenantWebhooks config = tenants.get(event.tenantSid());
    if (config == null) {
      return;
    }
    Optional<URI> url = config.urlFor(event.type(), flowOf(event));
    if (url.isEmpty()) {
      return;
    }
    if (disabled.contains(new Endpoint(config.tenantSid(), url.get()))) {
      dropped.incrementAndGet();
      LOG.info(
          "Dropped a {} event of tenant {}: its endpoint {} was disabled by a 410",
          event.type(), config.tenantSid(), Urls.redacted(url.get()));
      return;
    }
    String body = bodies.get(config.tenantSid()).toJson(event);
    Instant now = clock.instant();
    outbox.add(PendingWebhook.of(newId(), config.tenantSid(), event.type(), url.get(), body, now));
    enqueued.incrementAndGet();
    wakeUp.release();
  }

  /**
   * Starts the delivery loop.
   *
   * @return this dispatcher
   * @throws IllegalStateException if it was started or closed before
   */
  public synchronized WebhookDispatcher start() {
    if (state != State.NEW) {
      throw new IllegalStateException("A dispatcher starts once; this one is " + state);
    }
    state = State.RUNNING;
    claiming = true;
    AtomicInteger workerCount = new AtomicInteger();
    ThreadFactory workerThreads =
        r -> daemon(r, "greenvn-webhook-" + workerCount.incrementAndGet());
    workers =
        new ThreadPoolExecutor(
            maxInFlight, maxInFlight, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            workerThreads);
    loop = daemon(this::claimLoop, "greenvn-webhook-loop");
    loop.start();
    return this;
  }

  /**
   * Stops: no more claims; attempts in flight may finish within the shutdown grace, the rest are
   * cancelled and their entries handed back to the outbox, due at once. Entries stay in the
   * outbox for the next dispatcher. Events are still queued after close (nobody sends them until
   * a dispatcher on the outbox runs). Idempotent.
   */
  @Override
  public void close() {
    Thread loopToStop;
    ExecutorService workersToStop;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      boolean wasRunning = state == State.RUNNING;
      state = State.CLOSED;
      if (!wasRunning) {
        return;
      }
      claiming = false;
      loopToStop = loop;
      workersToStop = workers;
    }
    wakeUp.release();
    try {
      loopToStop.join(shutdownGrace.toMillis());
      workersToStop.shutdown();
      if (!workersToStop.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.info("Webhook attempts still running after {}: cancelling them", shutdownGrace);
        workersToStop.shutdownNow();
        workersToStop.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      workersToStop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The counts so far; {@code backlog} asks the outbox. */
  public WebhookStats stats() {
    return new WebhookStats(
        enqueued.get(), delivered.get(), failedAttempts.get(), abandoned.get(), dropped.get(),
        inFlight.get(), outbox.backlog());
  }

  /** The tenant's endpoints disabled by a 410. */
  public Set<URI> disabledEndpoints(String tenantSid) {
    return disabled.stream()
        .filter(e -> e.tenantSid().equals(tenantSid))
        .map(Endpoint::url)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Takes deliveries for a disabled endpoint again; returns whether it was disabled. */
  public boolean enableEndpoint(String tenantSid, URI url) {
    return disabled.remove(new Endpoint(tenantSid, url));
  }

  private void claimLoop() {
    while (claiming) {
      int free = maxInFlight - inFlight.get();
      int claimed = 0;
      if (free > 0) {
        claimed = claimAndSubmit(free);
      }
      if (claimed < free || free <= 0) {
        try {
          // Nothing more is due, or every slot is busy: wait for an event, a freed slot or the
          // next poll.
          wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private int claimAndSubmit(int free) {
    List<PendingWebhook> due;
    try {
      due = outbox.claimDue(clock.instant(), lease, free);
    } catch (RuntimeException e) {
      LOG.warn("Could not claim webhooks from the outbox; trying again in {}", pollInterval, e);
      return 0;
    }
    for (PendingWebhook entry : due) {
      inFlight.incrementAndGet();
      try {
        if (!claiming) {
          throw new RejectedExecutionException("closing");
        }
        workers.execute(() -> deliver(entry));
      } catch (RejectedExecutionException e) {
        inFlight.decrementAndGet();
        handBack(entry, entry.attempts());
      }
    }
    return due.size();
  }

  private void deliver(PendingWebhook entry) {
    try {
      TenantWebhooks config = tenants.get(entry.tenantSid());
      if (config == null) {
        // Queued under a configuration this dispatcher lacks: keep it for one that has it.
        retryOrAbandon(
            entry, Backoff.DEFAULT, "no webhook configuration for the tenant", Optional.empty());
        return;
      }
      Endpoint endpoint = new Endpoint(entry.tenantSid(), entry.url());
      if (disabled.contains(endpoint)) {
        abandon(entry, "its endpoint was disabled by a 410");
        return;
      }
      AttemptResult result = sender.attempt(entry, config);
      if (result instanceof AttemptResult.Delivered) {
        outbox.delivered(entry.id());
        delivered.incrementAndGet();
        LOG.debug("Delivered webhook {} to {}", entry.id(), Urls.redacted(entry.url()));
      } else if (result instanceof AttemptResult.Gone) {
        if (disabled.add(endpoint)) {
          LOG.warn(
              "Endpoint {} of tenant {} answered 410 Gone: disabled; its pending deliveries are"
                  + " abandoned and its later events dropped",
              Urls.redacted(entry.url()), entry.tenantSid());
        }
        abandon(entry, "its endpoint answered 410 Gone");
      } else if (result instanceof AttemptResult.Failed failed) {
        failedAttempts.incrementAndGet();
        retryOrAbandon(entry, config.backoff(), failed.reason(), failed.retryAfter());
      }
    } catch (InterruptedException e) {
      // Cancelled by close(): the receiver may have it, but the next dispatcher sends it again.
      handBack(entry, entry.attempts() + 1);
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The outbox failed to record the outcome: the lease runs out and the entry comes back.
      LOG.error("Could not settle webhook {}; it is retried when its lease ends", entry.id(), e);
    } finally {
      inFlight.decrementAndGet();
      wakeUp.release();
    }
  }

  private void retryOrAbandon(
      PendingWebhook entry, Backoff backoff, String reason, Optional<Duration> retryAfter) {
    int failures = entry.attempts() + 1;
    Instant now = clock.instant();
    Optional<Instant> next =
        backoff.nextAttempt(entry.createdAt(), now, failures, retryAfter, random.getAsDouble());
    if (next.isEmpty()) {
      abandon(entry, "attempt " + failures + " failed (" + reason + ") and its retry horizon of "
          + backoff.horizon() + " leaves no later try");
      return;
    }
    outbox.retryLater(entry.id(), failures, next.get());
    LOG.info(
        "Webhook {} to {} failed ({}), attempt {}; next try at {}",
        entry.id(), Urls.redacted(entry.url()), reason, failures, next.get());
  }

  private void abandon(PendingWebhook entry, String why) {
    outbox.abandon(entry.id());
    abandoned.incrementAndGet();
    LOG.warn(
        "Abandoned webhook {} ({} of tenant {}) to {}: {}",
        entry.id(), entry.type(), entry.tenantSid(), Urls.redacted(entry.url()), why);
  }

  private void handBack(PendingWebhook entry, int attempts) {
    try {
      outbox.retryLater(entry.id(), attempts, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Could not hand webhook {} back; it returns when its lease ends", entry.id(), e);
    }
  }

  private static Optional<String> flowOf(GreenVnEvent event) {
    if (event instanceof CallEvent call) {
      return Optional.of(call.flowId());
    } else if (event instanceof VerificationSucceededEvent verified) {
      return Optional.of(verified.flowId());
    }
    return Optional.empty();
  }

  private static String newId() {
    return "msg_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static Thread daemon(Runnable r, String name) {
    Thread thread = new Thread(r, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public String toString() {
    return "WebhookDispatcher[tenants=" + tenants.keySet() + ", maxInFlight=" + maxInFlight + "]";
  }

  /** A tenant's URL: what a 410 disables. */
  private record Endpoint(String tenantSid, URI url) {}

  /**
   * Builds a {@link WebhookDispatcher}. Defaults: the system clock, a 5 s connect timeout, 15 s
   * per attempt in all, 16 attempts in flight, a poll every second, 10 s of shutdown grace.
   */
  public static final class Builder {
    private final WebhookOutbox outbox;
    private final Map<String, TenantWebhooks> tenants = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration connectTimeout = MAX_CONNECT_TIMEOUT;
    private Duration requestTimeout = MAX_REQUEST_TIMEOUT;
    private int maxInFlight = 16;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private TargetGuard.Resolver resolver = TargetGuard.Resolver.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder(WebhookOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** Delivers this tenant's events; one configuration per tenant. */
    public Builder tenant(TenantWebhooks webhooks) {
      Objects.requireNonNull(webhooks, "webhooks");
      if (tenants.putIfAbsent(webhooks.tenantSid(), webhooks) != null) {
        throw new InvalidWebhookConfigException(
            "Webhooks of tenant " + webhooks.tenantSid() + " are configured twice");
      }
      return this;
    }

    /** Reads time from this clock: when entries are due, and the signatures' timestamps. */
    public Builder clock(Clock newClock) {
      this.clock = Objects.requireNonNull(newClock, "newClock");
      return this;
    }

    /** Gives up connecting after this long; positive, at most 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Gives up an attempt after this long in all; positive, at most 15 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Runs at most this many attempts at once, 1 to 256. */
    public Builder maxInFlight(int max) {
      this.maxInFlight = max;
      return this;
    }

    /** Looks for due entries at least this often (new events wake the loop at once). */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** How long {@link WebhookDispatcher#close()} lets attempts in flight run before cancelling. */
    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /** For tests: resolve host names with this instead of DNS. */
    Builder resolver(TargetGuard.Resolver newResolver) {
      this.resolver = Objects.requireNonNull(newResolver, "newResolver");
      return this;
    }

    /** For tests: draw the jitter from this, in {@code [0, 1)}. */
    Builder random(DoubleSupplier newRandom) {
      this.random = Objects.requireNonNull(newRandom, "newRandom");
      return this;
    }

    /**
     * The dispatcher, not started.
     *
     * @throws InvalidWebhookConfigException if a timeout, limit or interval is out of range
     */
    public WebhookDispatcher build() {
      requireWithin(connectTimeout, MAX_CONNECT_TIMEOUT, "connectTimeout");
      requireWithin(requestTimeout, MAX_REQUEST_TIMEOUT, "requestTimeout");
      if (maxInFlight < 1 || maxInFlight > 256) {
        throw new InvalidWebhookConfigException("maxInFlight must be 1 to 256: " + maxInFlight);
      }
      requireWithin(pollInterval, Duration.ofMinutes(1), "pollInterval");
      requireWithin(shutdownGrace, Duration.ofMinutes(1), "shutdownGrace");
      return new WebhookDispatcher(this);
    }

    private static void requireWithin(Duration value, Duration max, String name) {
      if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
        throw new InvalidWebhookConfigException(
            name + " must be positive and at most " + max + ": " + value);
      }
    }
  }
}
