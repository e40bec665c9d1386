package org.greenvn.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.greenvn.metrics.GreenVnMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GreenVN HTTP API over an engine.
 *
 * <pre>{@code
 * try (GreenVnHttpServer server = GreenVnHttpServer.builder(greenVn)
 *     .port(8080)                                   // 0 (the default) takes a free port
 *     .tenantCredentials("acme", "acme-key", "acme-token")
 *     .start()) {
 *   System.out.println("Listening on " + server.baseUri());
 *   ...
 * }
 * }</pre>
 *
 * <p>Routes: {@code POST /v1/tenants/{sid}/greenvn}, {@code GET} and {@code DELETE
 * /v1/tenants/{sid}/greenvn/{greenvn_id}}, {@code PUT .../{greenvn_id}/call-party}, {@code PUT
 * .../{greenvn_id}/vn}, {@code POST .../greenvn/bulk}, {@code POST .../greenvn/dry-run}, {@code GET
 * /v1/tenants/{sid}/pool}, {@code GET /health}, {@code GET /metrics}; see {@code
 * docs/openapi.json}. Every answer is the spec's envelope {@code {success, status, code, message,
 * data}}, except the Prometheus text of {@code /metrics}.
 *
 * <p>Tenant routes need HTTP Basic credentials of that tenant: none or wrong ones are 401 code 7,
 * another tenant's are 403 code 8. Each tenant has a rate limit (429 code 17 with {@code
 * Retry-After}); bodies have a size limit (413); a bulk create has a maximum (413 code 17). A POST
 * create or bulk create with an {@code Idempotency-Key} that was already served answers the first
 * response again, marked {@code Idempotent-Replayed: true}, and creates nothing; the record of a
 * key is kept in memory (see {@link Builder#idempotency}).
 */
public final class GreenVnHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GreenVnHttpServer.class);
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";
  private static final String MAX_IDLE = "sun.net.httpserver.maxIdleConnections";
  private static final String MAX_IDLE_CONNECTIONS = "1024";

  private final HttpServer server;
  private final ExecutorService ownedExecutor;
  private final GreenVnMetrics metrics;
  private final boolean ownsMetrics;

  private GreenVnHttpServer(Builder b) throws IOException {
    this.ownsMetrics = b.metrics == null;
    this.metrics = ownsMetrics ? GreenVnMetrics.forEngine(b.engine) : b.metrics;
    ExecutorService executor = b.executor != null ? b.executor : ServerExecutors.create();
    this.ownedExecutor = b.executor == null ? executor : null;
    ApiHandler handler =
        new ApiHandler(
            new ApiOperations(b.engine.allocations(), metrics, b.bulkMax),
            new Authenticator(b.credentials),
            b.metricsCredentials.map(Authenticator::new),
            new RateLimiter(b.clock, b.defaultLimit, b.limits),
            new IdempotencyRecords(b.clock, b.idempotencyTtl, b.idempotencyMaxBytes),
            metrics,
            b.maxBodyBytes,
            b.engine.allocations().tenants().size());
    // The JDK server writes a response's head and body apart: with Nagle's algorithm on, each
    // response then waits out the client's delayed ACK (40 ms on Linux). The property is read
    // once, when the JDK server is first used in this JVM; an explicit setting is left alone.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    // The JDK server closes a keep-alive connection that goes idle while 200 others are idle (its
    // default), racing the client's next request on it: past 200 client connections, requests
    // failed with the connection closed unanswered. Idle connections still time out.
    if (System.getProperty(MAX_IDLE) == null) {
      System.setProperty(MAX_IDLE, MAX_IDLE_CONNECTIONS);
    }
    try {
      this.server = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 0);
    } catch (IOException e) {
      closeOwned();
      throw e;
    }
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
    LOG.info(
        "GreenVN HTTP API listening on {} ({})",
        baseUri(),
        ownedExecutor == null
            ? "caller's executor"
            : ServerExecutors.virtualThreadsAvailable() ? "virtual threads" : "thread pool");
  }

  /** A builder of a server over this engine. */
  public static Builder builder(GreenVn engine) {
    return new Builder(Objects.requireNonNull(engine, "engine"));
  }

  /**
   * A new executor of the kind a server makes for itself when none is given: a virtual thread per
   * request on Java 21+, a bounded pool on 17. For a reference handler measured beside the API on
   * the same stack (the HTTP load bench's floor); the caller shuts it down.
   */
  public static ExecutorService newDefaultExecutor() {
    return ServerExecutors.create();
  }

  /** The port it listens on: the one asked for, or the one taken for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The address and port it listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** {@code http://host:port}, to put paths after. */
  public URI baseUri() {
    InetAddress address = server.getAddress().getAddress();
    String host = address.getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /**
   * The metrics served at {@code /metrics}; the webhook dispatcher registers its gauges here
   * ({@link GreenVnMetrics#registerWebhookBacklog}, {@link GreenVnMetrics#recordWebhookFailure}).
   */
  public GreenVnMetrics metrics() {
    return metrics;
  }

  /**
   * Stops at once: requests being served are cut off. The executor and the metrics are closed if
   * the server made them; the engine is left running.
   */
  @Override
  public void close() {
    // stop(n) waits n seconds on Java 17 even when no request is in flight.
    server.stop(0);
    closeOwned();
    LOG.info("GreenVN HTTP API stopped");
  }

  private void closeOwned() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        if (!ownedExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
          ownedExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedExecutor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (ownsMetrics) {
      metrics.close();
    }
  }

  /**
   * Builds and starts a {@link GreenVnHttpServer}. Defaults: the loopback address, a free port, per
   * tenant 100 requests a second with bursts of 200, bodies of at most 1 MiB, at most 100
   * allocations per bulk create, idempotency records for 24 hours within 32 MiB, metrics of its own
   * with {@code /metrics} open, virtual threads on Java 21+ or a bounded pool on 17. Each option
   * can be set once.
   */
  public static final class Builder {
    private final GreenVn engine;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private final Map<String, Authenticator.Holder> credentials = new HashMap<>();
    private final Map<String, String> sidsWithCredentials = new HashMap<>();
    private RateLimiter.Limit defaultLimit = new RateLimiter.Limit(100, 200);
    private final Map<String, RateLimiter.Limit> limits = new LinkedHashMap<>();
    private int maxBodyBytes = 1 << 20;
    private int bulkMax = 100;
    private ExecutorService executor;
    private Duration idempotencyTtl = Duration.ofHours(24);
    private long idempotencyMaxBytes = 32L << 20;
    private GreenVnMetrics metrics;
    private Optional<Map<String, Authenticator.Holder>> metricsCredentials = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private final Map<String, Boolean> set = new HashMap<>();

    private Builder(GreenVn engine) {
      this.engine = engine;
    }

    private void once(String option) {
      if (set.putIfAbsent(option, Boolean.TRUE) != null) {
        throw new IllegalStateException(option + " was already set");
      }
    }

    /** The address to listen on; the loopback address unless set. */
    public Builder bindAddress(InetAddress address) {
      once("bindAddress");
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port to listen on; 0, the default, takes a free one (see {@link #port()}). */
    public Builder port(int port) {
      once("port");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The HTTP Basic credentials of a tenant: {@code apiKey} is the user name, {@code apiToken} the
     * password. A tenant without credentials cannot use the API. Only a digest of the token is
     * kept.
     *
     * @throws IllegalArgumentException if the engine has no such tenant, the key has a colon or is
     *     another tenant's, or the key or token is blank
     * @throws IllegalStateException if the tenant's credentials were already set
     */
    public Builder tenantCredentials(String sid, String apiKey, String apiToken) {
      Objects.requireNonNull(sid, "sid");
      Authenticator.Holder holder = holder(sid, apiKey, apiToken);
      if (engine.allocations().tenant(sid).isEmpty()) {
        throw new IllegalArgumentException("The engine has no tenant " + sid);
      }
      if (credentials.containsKey(apiKey)) {
        throw new IllegalArgumentException("This API key is already another tenant's");
      }
      if (sidsWithCredentials.putIfAbsent(sid, apiKey) != null) {
        throw new IllegalStateException("Credentials of " + sid + " were already set");
      }
      credentials.put(apiKey, holder);
      return this;
    }

    /**
     * Asks for HTTP Basic credentials on {@code GET /metrics}; without them it is open, as
     * Prometheus scrapers usually expect on a private address.
     */
    public Builder metricsCredentials(String user, String token) {
      once("metricsCredentials");
      this.metricsCredentials = Optional.of(Map.of(user, holder("metrics", user, token)));
      return this;
    }

    private static Authenticator.Holder holder(String name, String key, String token) {
      Objects.requireNonNull(key, "apiKey");
      Objects.requireNonNull(token, "apiToken");
      if (key.isBlank() || token.isBlank()) {
        throw new IllegalArgumentException("An API key and token must not be blank");
      }
      if (key.indexOf(':') >= 0) {
        throw new IllegalArgumentException("An API key cannot hold ':' in HTTP Basic");
      }
      return new Authenticator.Holder(name, Authenticator.digest(token));
    }

    /** Every tenant's rate limit, unless set for the tenant: a steady rate and a burst. */
    public Builder rateLimit(double requestsPerSecond, int burst) {
      once("rateLimit");
      this.defaultLimit = new RateLimiter.Limit(requestsPerSecond, burst);
      return this;
    }

    /** One tenant's rate limit: a steady rate and a burst. */
    public Builder rateLimit(String sid, double requestsPerSecond, int burst) {
      Objects.requireNonNull(sid, "sid");
      if (limits.putIfAbsent(sid, new RateLimiter.Limit(requestsPerSecond, burst)) != null) {
        throw new IllegalStateException("The rate limit of " + sid + " was already set");
      }
      return this;
    }

    /** The largest request body accepted, in bytes; a larger one is refused with 413. */
    public Builder maxBodyBytes(int bytes) {
      once("maxBodyBytes");
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1024: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** The most allocations one bulk create may hold; more are refused with 413 code 17. */
    public Builder bulkMax(int max) {
      once("bulkMax");
      if (max < 1) {
        throw new IllegalArgumentException("bulkMax must be at least 1: " + max);
      }
      this.bulkMax = max;
      return this;
    }

    /** Serves requests on this executor, which the caller shuts down after the server. */
    public Builder executor(ExecutorService executor) {
      once("executor");
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * How long the response of a request with an {@code Idempotency-Key} is kept for replays, and
     * how many bytes of such responses are kept at most (the oldest go first).
     */
    public Builder idempotency(Duration timeToLive, long maxBytes) {
      once("idempotency");
      Objects.requireNonNull(timeToLive, "timeToLive");
      if (timeToLive.isNegative() || timeToLive.isZero() || maxBytes < 1) {
        throw new IllegalArgumentException("timeToLive and maxBytes must be positive");
      }
      this.idempotencyTtl = timeToLive;
      this.idempotencyMaxBytes = maxBytes;
      return this;
    }

    /**
     * The metrics to serve and count into, which the caller closes; without it the server makes its
     * own for the engine.
     */
    public Builder metrics(GreenVnMetrics metrics) {
      once("metrics");
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** The clock of rate limits and idempotency records; tests pass a movable one. */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException if the address cannot be bound
     * @throws IllegalArgumentException if a rate limit names a tenant the engine does not have
     */
    public GreenVnHttpServer start() {
      for (String sid : limits.keySet()) {
        if (engine.allocations().tenant(sid).isEmpty()) {
          throw new IllegalArgumentException("A rate limit names no tenant of the engine: " + sid);
        }
      }
      try {
        return new GreenVnHttpServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot listen on " + bindAddress + ":" + port, e);
      }
    }
  }
}
