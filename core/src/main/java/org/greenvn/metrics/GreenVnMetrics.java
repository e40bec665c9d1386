package org.greenvn.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.greenvn.GreenVn;
import org.greenvn.allocation.ErrorCode;
import org.greenvn.tenant.Tenant;

/**
 * The metrics of one engine, in a Prometheus registry; {@link #scrape()} gives the text a
 * Prometheus server reads (the HTTP API serves it at {@code GET /metrics}).
 *
 * <table>
 *   <caption>Meters, as Prometheus names them</caption>
 *   <tr><td>{@code greenvn_allocations_active{tenant}}</td><td>active allocations</td></tr>
 *   <tr><td>{@code greenvn_allocation_creates_total{tenant,code}}</td>
 *       <td>create attempts by result: {@code code="success"} or the spec's error code</td></tr>
 *   <tr><td>{@code greenvn_calls_total{tenant,decision}}</td>
 *       <td>calls by decision: {@code bridged}, {@code not_dialled} (a oneway refusal, or the
 *       caller left before the dial), {@code not_in_service}</td></tr>
 *   <tr><td>{@code greenvn_pin_verifications_total{tenant,result}}</td>
 *       <td>PINs keyed: {@code success} or {@code failure}</td></tr>
 *   <tr><td>{@code greenvn_pool_vns{tenant}}, {@code greenvn_pool_vns_enabled{tenant}},
 *       {@code greenvn_pool_vns_in_use{tenant}}</td>
 *       <td>virtual numbers: all, open to new allocations, carrying at least one</td></tr>
 *   <tr><td>{@code greenvn_pool_utilisation_ratio{tenant}}</td>
 *       <td>enabled numbers in use over enabled numbers</td></tr>
 *   <tr><td>{@code greenvn_webhook_backlog}, {@code greenvn_webhook_failures_total{tenant,reason}}
 *       </td><td>once the webhook dispatcher registers them</td></tr>
 * </table>
 *
 * <p>It listens to the engine's events to count calls; {@link #close()} stops listening. Gauges
 * read the engine when scraped. Thread-safe.
 */
public final class GreenVnMetrics implements AutoCloseable {

  private final GreenVn engine;
  private final PrometheusMeterRegistry registry;
  private final CallCounter callCounter;
  private final AtomicBoolean backlogRegistered = new AtomicBoolean();

  private GreenVnMetrics(GreenVn engine) {
    this.engine = engine;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (Tenant tenant : engine.allocations().tenants()) {
      PoolGauges.register(registry, engine.allocations(), tenant);
    }
    this.callCounter = new CallCounter(registry);
    engine.addListener(callCounter);
  }

  /** Metrics of this engine, in a registry of their own; they count calls from now on. */
  public static GreenVnMetrics forEngine(GreenVn engine) {
    return new GreenVnMetrics(Objects.requireNonNull(engine, "engine"));
  }

  /**
   * Counts an attempt to create an allocation.
   *
   * @param tenantSid the tenant
   * @param refusal the code it was refused with, or empty when it was created
   */
  public void recordCreate(String tenantSid, Optional<ErrorCode> refusal) {
    String code = refusal.map(c -> Integer.toString(c.code())).orElse("success");
    Counter.builder("greenvn.allocation.creates")
        .description("Attempts to create an allocation, by result code")
        .tag("tenant", tenantSid)
        .tag("code", code)
        .register(registry)
        .increment();
  }

  /**
   * Publishes the webhook outbox's backlog as {@code greenvn_webhook_backlog}: the deliveries
   * waiting, read at each scrape.
   *
   * @throws IllegalStateException if a backlog was already registered
   */
  public void registerWebhookBacklog(LongSupplier backlog) {
    Objects.requireNonNull(backlog, "backlog");
    if (!backlogRegistered.compareAndSet(false, true)) {
      throw new IllegalStateException("A webhook backlog was already registered");
    }
    Gauge.builder("greenvn.webhook.backlog", backlog::getAsLong)
        .description("Webhook deliveries waiting in the outbox")
        .register(registry);
  }

  /**
   * Counts a failed webhook delivery attempt as {@code greenvn_webhook_failures_total}.
   *
   * @param tenantSid the tenant whose event it was
   * @param reason why, from a small fixed set (e.g. {@code timeout}, {@code status_5xx}, {@code
   *     gone}), so that the series stay few
   */
  public void recordWebhookFailure(String tenantSid, String reason) {
    Counter.builder("greenvn.webhook.failures")
        .description("Failed webhook delivery attempts")
        .tag("tenant", Objects.requireNonNull(tenantSid, "tenantSid"))
        .tag("reason", Objects.requireNonNull(reason, "reason"))
        .register(registry)
        .increment();
  }

  /** The registry, to add meters of your own. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The meters in the Prometheus text format, version 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  /** Stops counting the engine's calls and closes the registry. */
  @Override
  public void close() {
    engine.removeListener(callCounter);
    registry.close();
  }
}
