package org.greenvn.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where webhook deliveries wait until a receiver has taken them: the SPI behind at-least-once
 * delivery.
 *
 * <p>A durable outbox keeps its entries across a crash: once {@link #add} returns, the delivery is
 * not lost. Several dispatchers (several router nodes on one database) may share one outbox;
 * {@link #claimDue} leases each entry to one of them at a time, and an entry whose claimant died
 * comes back when its lease runs out. Implementations are thread-safe.
 */
public interface WebhookOutbox {

  /** Adds a delivery; an entry with the same id already there is left as it is. */
  void add(PendingWebhook webhook);

  /**
   * Takes up to {@code limit} entries due at {@code now}, oldest first, and hides them from other
   * claims until {@code now + lease}.
   */
  List<PendingWebhook> claimDue(Instant now, Duration lease, int limit);

  /** The receiver took it: forget the entry. */
  void delivered(String id);

  /** The attempt failed: try again at {@code nextAttemptAt}, counting {@code attempts}. */
  void retryLater(String id, int attempts, Instant nextAttemptAt);

  /** Give up on the entry (its retry time ran out, or its endpoint said 410): forget it. */
  void abandon(String id);

  /** How many deliveries are waiting, claimed or not. */
  long backlog();
}
