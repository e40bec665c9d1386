package org.greenvn.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.greenvn.event.EventType;

/**
 * One webhook delivery waiting in the outbox: an event's body bound for one URL.
 *
 * @param id the {@code webhook-id}: the same for every attempt, so receivers can drop duplicates
 * @param tenantSid the tenant whose event it is
 * @param type the kind of event
 * @param url where it goes
 * @param body the JSON body, exactly as it is signed and sent
 * @param createdAt when the event happened; also the order of delivery
 * @param attempts how many deliveries were tried and failed
 * @param nextAttemptAt not before this time
 */
public record PendingWebhook(
    String id,
    String tenantSid,
    EventType type,
    URI url,
    String body,
    Instant createdAt,
    int attempts,
    Instant nextAttemptAt) {

  public PendingWebhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantSid, "tenantSid");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative: " + attempts);
    }
  }

  /** A first delivery, due at once. */
  public static PendingWebhook of(
      String id, String tenantSid, EventType type, URI url, String body, Instant createdAt) {
    return new PendingWebhook(id, tenantSid, type, url, body, createdAt, 0, createdAt);
  }
}
