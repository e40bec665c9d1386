package org.greenvn.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.greenvn.event.EventType;
import org.greenvn.tenant.Tenant;

/**
 * One tenant's webhooks: a URL per kind of event, per-flow overrides, the signing secrets, whether
 * private targets are allowed, and the retry policy. Immutable; build one with
 * {@link #builder(Tenant)}. {@link #toString()} shows neither secrets nor URL queries.
 *
 * <p>An event goes to the URL of its flow for its kind when the flow sets one, else to the
 * tenant's URL for its kind, else nowhere (the tenant did not subscribe). Only call and
 * verification-success events belong to an allocation and so to a flow; the other kinds have
 * tenant URLs only.
 */
public final class TenantWebhooks {

  /** The kinds of event a flow may override: those that belong to an allocation. */
  public static final Set<EventType> FLOW_EVENT_TYPES =
      Set.copyOf(EnumSet.of(EventType.CALL, EventType.VERIFICATION_SUCCEEDED));

  private final String tenantSid;
  private final ZoneId timeZone;
  private final Map<EventType, URI> urls;
  private final Map<String, Map<EventType, URI>> flowUrls;
  private final List<WebhookSecret> secrets;
  private final boolean allowPrivateTargets;
  private final Backoff backoff;

  private TenantWebhooks(Builder b) {
    this.tenantSid = b.tenantSid;
    this.timeZone = b.timeZone;
    this.urls = Map.copyOf(b.urls);
    Map<String, Map<EventType, URI>> copy = new LinkedHashMap<>();
    b.flowUrls.forEach((flow, byType) -> copy.put(flow, Map.copyOf(byType)));
    this.flowUrls = Map.copyOf(copy);
    this.secrets = List.copyOf(b.secrets);
    this.allowPrivateTargets = b.allowPrivateTargets;
    this.backoff = new Backoff(b.retryHorizon, b.backoffBase, b.backoffCap);
  }

  /**
   * A builder for this tenant's webhooks: events are written in the tenant's zone, and flow
   * overrides must name the tenant's flows.
   */
  public static Builder builder(Tenant tenant) {
    return new Builder(Objects.requireNonNull(tenant, "tenant"));
  }

  /** The tenant. */
  public String tenantSid() {
    return tenantSid;
  }

  /** The zone of the times in the bodies. */
  public ZoneId timeZone() {
    return timeZone;
  }

  /**
   * Where an event of this kind goes: the flow's URL when it has one for the kind, else the
   * tenant's.
   *
   * @param flowId the event's flow, if it has one
   */
  public Optional<URI> urlFor(EventType type, Optional<String> flowId) {
    Objects.requireNonNull(type, "type");
    Optional<URI> fromFlow =
        flowId.map(flowUrls::get).map(byType -> byType.get(type));
    return fromFlow.or(() -> Optional.ofNullable(urls.get(type)));
  }

  /** The signing secrets; every one signs each delivery. */
  public List<WebhookSecret> secrets() {
    return secrets;
  }

  /** Whether targets may be in loopback, private, link-local and similar ranges. */
  public boolean allowPrivateTargets() {
    return allowPrivateTargets;
  }

  /** How long a delivery is retried after its event. */
  public Duration retryHorizon() {
    return backoff.horizon();
  }

  /** The first retry waits up to this long; each later one up to twice the one before. */
  public Duration backoffBase() {
    return backoff.base();
  }

  /** No retry waits longer than this (Retry-After aside). */
  public Duration backoffCap() {
    return backoff.cap();
  }

  Backoff backoff() {
    return backoff;
  }

  @Override
  public String toString() {
    String tenantUrls =
        urls.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + Urls.redacted(e.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
    return "TenantWebhooks[tenant=" + tenantSid + ", urls=" + tenantUrls + ", flowsWithUrls="
        + flowUrls.keySet() + ", secrets=" + secrets.size() + " (redacted), allowPrivateTargets="
        + allowPrivateTargets + ", retryHorizon=" + backoff.horizon() + "]";
  }

  /**
   * Builds a {@link TenantWebhooks}. Defaults: no URLs, private targets refused, retries for
   * 24 h, backoff from 5 s doubling up to 1 h, with full jitter. At least one secret is needed
   * once any URL is set. {@link #build()} checks everything and throws
   * {@link InvalidWebhookConfigException} saying what is wrong.
   */
  public static final class Builder {
    private final String tenantSid;
    private final ZoneId timeZone;
    private final Set<String> flowIds;
    private final Map<EventType, URI> urls = new EnumMap<>(EventType.class);
    private final Map<String, Map<EventType, URI>> flowUrls = new LinkedHashMap<>();
    private final List<WebhookSecret> secrets = new ArrayList<>();
    private boolean allowPrivateTargets;
    private Duration retryHorizon = Duration.ofHours(24);
    private Duration backoffBase = Duration.ofSeconds(5);
    private Duration backoffCap = Duration.ofHours(1);

    private Builder(Tenant tenant) {
      this.tenantSid = tenant.sid();
      this.timeZone = tenant.timeZone();
      this.flowIds = tenant.flows().keySet();
    }

    /** Sends events of this kind to this URL. */
    public Builder url(EventType type, String url) {
      return url(type, parse(url, "URL for " + type));
    }

    /** Sends events of this kind to this URL. */
    public Builder url(EventType type, URI url) {
      Objects.requireNonNull(type, "type");
      putOnce(urls, type, Objects.requireNonNull(url, "url"), "URL for " + type);
      return this;
    }

    /**
     * Sends events of this kind whose allocation is on this flow to this URL instead of the
     * tenant's. The kind must be in {@link TenantWebhooks#FLOW_EVENT_TYPES}.
     */
    public Builder flowUrl(String flowId, EventType type, String url) {
      return flowUrl(flowId, type, parse(url, "URL for " + type + " of flow " + flowId));
    }

    /** As {@link #flowUrl(String, EventType, String)}. */
    public Builder flowUrl(String flowId, EventType type, URI url) {
      Objects.requireNonNull(flowId, "flowId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(url, "url");
      if (!flowIds.contains(flowId)) {
        throw new InvalidWebhookConfigException(
            "Tenant " + tenantSid + " has no flow " + flowId + " to set a webhook URL for;"
                + " its flows are " + flowIds);
      }
      if (!FLOW_EVENT_TYPES.contains(type)) {
        throw new InvalidWebhookConfigException(
            type + " events belong to no flow, so a flow cannot override their URL; only "
                + FLOW_EVENT_TYPES + " can");
      }
      putOnce(
          flowUrls.computeIfAbsent(flowId, id -> new EnumMap<>(EventType.class)), type, url,
          "URL for " + type + " of flow " + flowId);
      return this;
    }

    /**
     * Adds a signing secret in its {@code whsec_<base64>} form. Each delivery carries one
     * signature per secret: add the new secret, let receivers switch, then drop the old one.
     */
    public Builder secret(String secret) {
      return secret(WebhookSecret.parse(secret));
    }

    /** Adds a signing secret. */
    public Builder secret(WebhookSecret secret) {
      Objects.requireNonNull(secret, "secret");
      if (secrets.contains(secret)) {
        throw new InvalidWebhookConfigException("The same webhook secret was added twice");
      }
      secrets.add(secret);
      return this;
    }

    /**
     * Allows targets in loopback, private, link-local, unique-local and similar ranges: for a
     * receiver on the same host or network (and for tests). Refused by default.
     */
    public Builder allowPrivateTargets(boolean allow) {
      this.allowPrivateTargets = allow;
      return this;
    }

    /** Retries a delivery until this long after its event, then abandons it. */
    public Builder retryHorizon(Duration horizon) {
      this.retryHorizon = Objects.requireNonNull(horizon, "horizon");
      return this;
    }

    /**
     * Waits a random time up to {@code base × 2^(n-1)}, at most {@code cap}, before the n-th
     * retry (exponential backoff with full jitter).
     */
    public Builder backoff(Duration base, Duration cap) {
      this.backoffBase = Objects.requireNonNull(base, "base");
      this.backoffCap = Objects.requireNonNull(cap, "cap");
      return this;
    }

    /** The configuration. */
    public TenantWebhooks build() {
      requirePositive(retryHorizon, "retryHorizon");
      requirePositive(backoffBase, "backoff base");
      requirePositive(backoffCap, "backoff cap");
      if (backoffBase.compareTo(backoffCap) > 0) {
        throw new InvalidWebhookConfigException(
            "The backoff base " + backoffBase + " is longer than its cap " + backoffCap);
      }
      urls.forEach(
          (type, url) -> TargetGuard.checkConfigured("URL for " + type, url, allowPrivateTargets));
      flowUrls.forEach(
          (flow, byType) ->
              byType.forEach(
                  (type, url) ->
                      TargetGuard.checkConfigured(
                          "URL for " + type + " of flow " + flow, url, allowPrivateTargets)));
      if (secrets.isEmpty() && !(urls.isEmpty() && flowUrls.isEmpty())) {
        throw new InvalidWebhookConfigException(
            "Tenant " + tenantSid + " has webhook URLs but no signing secret");
      }
      return new TenantWebhooks(this);
    }

    private static <K> void putOnce(Map<K, URI> map, K key, URI url, String setting) {
      if (map.putIfAbsent(key, url) != null) {
        throw new InvalidWebhookConfigException(setting + " is set twice");
      }
    }

    private static URI parse(String url, String setting) {
      Objects.requireNonNull(url, "url");
      try {
        return new URI(url.strip());
      } catch (java.net.URISyntaxException e) {
        throw new InvalidWebhookConfigException(
            setting + " is not a valid URL (" + e.getReason() + " at index " + e.getIndex()
                + ")");
      }
    }

    private static void requirePositive(Duration duration, String name) {
      if (duration.isNegative() || duration.isZero()) {
        throw new InvalidWebhookConfigException(name + " must be positive: " + duration);
      }
    }
  }
}
