package org.greenvn.examples.server;

import io.micrometer.core.instrument.FunctionCounter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.greenvn.GreenVn;
import org.greenvn.asterisk.AdapterSettings;
import org.greenvn.asterisk.FlowSettings;
import org.greenvn.asterisk.GreenVnAgiServer;
import org.greenvn.event.EventType;
import org.greenvn.examples.server.ServerConfig.Credential;
import org.greenvn.examples.server.ServerConfig.TenantSettings;
import org.greenvn.examples.server.ServerConfig.WebhookSettings;
import org.greenvn.http.GreenVnHttpServer;
import org.greenvn.metrics.GreenVnMetrics;
import org.greenvn.webhook.TenantWebhooks;
import org.greenvn.webhook.WebhookDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * greenvn in one process: the HTTP API, the FastAGI server and the webhook dispatcher over one
 * engine and one store, as a configuration file describes them.
 *
 * <pre>
 * java ... org.greenvn.examples.server.StandaloneServer [--config greenvn.json]
 * </pre>
 *
 * <p>Without {@code --config} it runs the sample configuration shipped in the jar: a tenant
 * {@code demo} (API key {@code demo-key}, token {@code demo-token-change-me}) with a pool across
 * several regions, on SQLite in {@code ./greenvn-data}. {@code GREENVN_HTTP_PORT} and
 * {@code GREENVN_AGI_PORT} override the ports.
 */
public final class StandaloneServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneServer.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final ServerStore store;
  private final GreenVn engine;
  private final WebhookDispatcher webhooks;
  private final GreenVnMetrics metrics;
  private final GreenVnHttpServer http;
  private final GreenVnAgiServer agi;
  private final CountDownLatch closed = new CountDownLatch(1);

  private StandaloneServer(ServerConfig config) {
    try {
      store = started(ServerStore.open(config.store()));
      webhooks = started(dispatcher(config, store));
      GreenVn.Builder builder = GreenVn.builder().store(store.allocations()).listener(webhooks);
      config.tenants().forEach(t -> builder.tenant(t.tenant()));
      // The engine starts its expiry sweep at once: allocations that expired while the server
      // was down are deallocated now, and their events join the outbox's undelivered ones.
      engine = started(builder.build());
      webhooks.start();
      metrics = started(GreenVnMetrics.forEngine(engine));
      metrics.registerWebhookBacklog(() -> webhooks.stats().backlog());
      FunctionCounter.builder(
              "greenvn.webhook.failed.attempts", webhooks, w -> w.stats().failedAttempts())
          .description("Webhook deliveries that failed and will be retried or abandoned")
          .register(metrics.registry());
      http = started(httpServer(config, engine, metrics));
      agi = started(agiServer(config, engine));
    } catch (RuntimeException e) {
      closeStarted();
      throw e;
    }
  }

  /** Starts everything the configuration describes; close to stop it all. */
  public static StandaloneServer start(ServerConfig config) {
    return new StandaloneServer(config);
  }

  /** Runs the server until the process is stopped. */
  public static void main(String[] args) {
    ServerConfigReader reader = ServerConfigReader.withSystemEnv();
    ServerConfig config;
    try {
      config = configFrom(args, reader);
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("greenvn: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (config == null) {
      return;
    }
    StandaloneServer server;
    try {
      server = start(config);
    } catch (ConfigException | IllegalArgumentException | UncheckedIOException e) {
      // A port in use or a bad address: say so, without a stack trace.
      System.err.println("greenvn: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "greenvn-shutdown"));
    server.printAddresses(System.out, config);
    server.awaitClose();
  }

  private static ServerConfig configFrom(String[] args, ServerConfigReader reader) {
    if (args.length == 0) {
      return reader.readSample();
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(
          "Usage: StandaloneServer [--config PATH]\n"
              + "  --config PATH  the JSON configuration (see README); the sample one without it\n"
              + "Environment: GREENVN_HTTP_PORT, GREENVN_AGI_PORT override the ports.");
      return null;
    }
    if (args.length == 2 && args[0].equals("--config")) {
      return reader.read(Path.of(args[1]));
    }
    if (args.length == 1 && args[0].startsWith("--config=")) {
      return reader.read(Path.of(args[0].substring("--config=".length())));
    }
    throw new IllegalArgumentException(
        "unknown arguments " + String.join(" ", args) + "; try --help");
  }

  /** The engine, for embedding and tests. */
  public GreenVn engine() {
    return engine;
  }

  /** The HTTP API's base address, e.g. {@code http://127.0.0.1:8080}. */
  public URI httpUri() {
    return http.baseUri();
  }

  /** The FastAGI server's port. */
  public int agiPort() {
    return agi.port();
  }

  /** The FastAGI server's address. */
  public InetAddress agiAddress() {
    return agi.bindAddress();
  }

  /** Blocks until {@link #close()}. */
  public void awaitClose() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops taking requests and calls, lets calls in progress finish within the adapter's grace,
   * hands undelivered webhooks back to the outbox, and closes the store last.
   */
  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    closeStarted();
    closed.countDown();
  }

  private void printAddresses(PrintStream out, ServerConfig config) {
    out.println("greenvn is running");
    out.println("  HTTP API   " + httpUri() + "/v1/tenants/{sid}/greenvn");
    out.println("  health     " + httpUri() + "/health   metrics " + httpUri() + "/metrics");
    out.println(
        "  FastAGI    agi://" + agiAddress().getHostAddress() + ":" + agiPort() + "/greenvn");
    out.println("  store      " + store);
    for (TenantSettings tenant : config.tenants()) {
      out.println(
          "  tenant     " + tenant.tenant().sid() + " ("
              + tenant.tenant().inventory().size() + " numbers, API key "
              + tenant.credentials().get(0).apiKey() + ")");
    }
    out.flush();
  }

  private <T extends AutoCloseable> T started(T part) {
    started.push(part);
    return part;
  }

  private void closeStarted() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", part.getClass().getSimpleName(), e);
      }
    }
  }

  private static WebhookDispatcher dispatcher(ServerConfig config, ServerStore store) {
    WebhookDispatcher.Builder builder = WebhookDispatcher.builder(store.outbox());
    for (TenantSettings tenant : config.tenants()) {
      builder.tenant(tenantWebhooks(tenant));
    }
    return builder.build();
  }

  private static TenantWebhooks tenantWebhooks(TenantSettings tenant) {
    WebhookSettings settings = tenant.webhooks();
    TenantWebhooks.Builder builder =
        TenantWebhooks.builder(tenant.tenant())
            .allowPrivateTargets(settings.allowPrivateTargets())
            .retryHorizon(settings.retryFor());
    settings.urls().forEach((event, url) -> builder.url(eventType(event), url));
    for (Map.Entry<String, Map<String, String>> flow : settings.flowUrls().entrySet()) {
      flow.getValue()
          .forEach((event, url) -> builder.flowUrl(flow.getKey(), eventType(event), url));
    }
    settings.secrets().forEach(builder::secret);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "tenants[" + tenant.tenant().sid() + "].webhooks: " + e.getMessage(), e);
    }
  }

  private static EventType eventType(String configName) {
    return EventType.valueOf(configName.toUpperCase(Locale.ROOT));
  }

  private static GreenVnHttpServer httpServer(
      ServerConfig config, GreenVn engine, GreenVnMetrics metrics) {
    ServerConfig.HttpSettings settings = config.http();
    GreenVnHttpServer.Builder builder =
        GreenVnHttpServer.builder(engine)
            .bindAddress(address(settings.host(), "http.host"))
            .port(settings.port())
            .maxBodyBytes(settings.maxBodyBytes())
            .bulkMax(settings.bulkMax())
            .rateLimit(settings.requestsPerSecond(), 2 * settings.requestsPerSecond())
            .metrics(metrics);
    for (TenantSettings tenant : config.tenants()) {
      for (Credential credential : tenant.credentials()) {
        builder.tenantCredentials(tenant.tenant().sid(), credential.apiKey(), credential.token());
      }
    }
    return builder.start();
  }

  private static GreenVnAgiServer agiServer(ServerConfig config, GreenVn engine) {
    AdapterSettings.Builder settings = AdapterSettings.builder();
    for (TenantSettings tenant : config.tenants()) {
      for (Map.Entry<String, FlowSettings> flow : tenant.dialplans().entrySet()) {
        settings.flowSettings(tenant.tenant().sid(), flow.getKey(), flow.getValue());
      }
    }
    return GreenVnAgiServer.builder(engine)
        .bindAddress(address(config.agi().host(), "agi.host"))
        .port(config.agi().port())
        .settings(settings.build())
        .start();
  }

  private static InetAddress address(String host, String field) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigException(field + ": unknown host " + host, e);
    }
  }
}
