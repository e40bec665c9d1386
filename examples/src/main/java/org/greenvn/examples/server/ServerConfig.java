package org.greenvn.examples.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.greenvn.asterisk.FlowSettings;
import org.greenvn.tenant.Tenant;

/**
 * What the standalone server runs: where it listens, where it keeps state, and its tenants. Read
 * from a JSON file by {@link ServerConfigReader}; the README documents the format.
 *
 * @param http the HTTP API's listener and limits
 * @param agi the FastAGI listener
 * @param store where allocations and pending webhooks are kept
 * @param tenants the businesses served, with their credentials and webhooks
 */
public record ServerConfig(
    HttpSettings http, AgiSettings agi, StoreSettings store, List<TenantSettings> tenants) {

  public ServerConfig {
    tenants = List.copyOf(tenants);
  }

  /**
   * The HTTP API's listener and limits.
   *
   * @param host the address to bind, loopback unless set
   * @param port the port; 0 takes a free one
   * @param maxBodyBytes the largest request body accepted (413 beyond)
   * @param bulkMax the most allocations one bulk request may create (413, code 17, beyond)
   * @param requestsPerSecond each tenant's sustained request rate (429 beyond)
   */
  public record HttpSettings(
      String host, int port, int maxBodyBytes, int bulkMax, int requestsPerSecond) {}

  /**
   * The FastAGI listener.
   *
   * @param host the address to bind, loopback unless set
   * @param port the port; 0 takes a free one
   */
  public record AgiSettings(String host, int port) {}

  /**
   * Where state is kept.
   *
   * @param kind {@code sqlite} (the default), {@code postgres} or {@code memory}
   * @param dataDir the SQLite database's directory
   * @param jdbcUrl the PostgreSQL database
   * @param user the PostgreSQL user
   * @param password the PostgreSQL password
   * @param poolSize the PostgreSQL connection pool's size
   */
  public record StoreSettings(
      String kind, Path dataDir, String jdbcUrl, String user, String password, int poolSize) {

    @Override
    public String toString() {
      return "StoreSettings[kind=" + kind + ", dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl
          + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
  }

  /**
   * A tenant with what lives outside the engine: its API credentials, its webhooks and its
   * flows' Asterisk settings.
   *
   * @param tenant the engine's view of the tenant
   * @param credentials the API keys and tokens that act for it
   * @param webhooks where its events go
   * @param dialplans how each flow dials and records on Asterisk, by flow id
   */
  public record TenantSettings(
      Tenant tenant,
      List<Credential> credentials,
      WebhookSettings webhooks,
      Map<String, FlowSettings> dialplans) {

    public TenantSettings {
      credentials = List.copyOf(credentials);
      dialplans = Map.copyOf(dialplans);
    }
  }

  /** An API key and its token; the token never shows in {@code toString}. */
  public record Credential(String apiKey, String token) {
    @Override
    public String toString() {
      return "Credential[apiKey=" + apiKey + ", token=***]";
    }
  }

  /**
   * A tenant's webhooks.
   *
   * @param urls a URL per event type name ({@code call}, {@code deallocation},
   *     {@code verification_succeeded}, {@code verification_failed}, {@code out_of_allocation})
   * @param flowUrls per flow id, URLs that replace the tenant's for that flow's events
   * @param secrets signing secrets ({@code whsec_...}), newest first
   * @param allowPrivateTargets whether URLs may point at private or loopback addresses
   * @param retryFor how long a delivery is retried
   */
  public record WebhookSettings(
      Map<String, String> urls,
      Map<String, Map<String, String>> flowUrls,
      List<String> secrets,
      boolean allowPrivateTargets,
      Duration retryFor) {

    public WebhookSettings {
      urls = Map.copyOf(urls);
      flowUrls = Map.copyOf(flowUrls);
      secrets = List.copyOf(secrets);
    }

    @Override
    public String toString() {
      return "WebhookSettings[urls=" + urls + ", flowUrls=" + flowUrls + ", secrets="
          + secrets.size() + ", allowPrivateTargets=" + allowPrivateTargets + ", retryFor="
          + retryFor + "]";
    }
  }
}
