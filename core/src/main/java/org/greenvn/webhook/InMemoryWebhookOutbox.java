package org.greenvn.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An outbox in memory: for tests and for engines that accept losing events in a crash. */
public final class InMemoryWebhookOutbox implements WebhookOutbox {

  private static final Comparator<PendingWebhook> OLDEST_FIRST =
      Comparator.comparing(PendingWebhook::createdAt).thenComparing(PendingWebhook::id);

  private final Map<String, PendingWebhook> entries = new LinkedHashMap<>();

  @Override
  public synchronized void add(PendingWebhook webhook) {
    entries.putIfAbsent(webhook.id(), webhook);
  }

  @Override
  public synchronized List<PendingWebhook> claimDue(Instant now, Duration lease, int limit) {
    List<PendingWebhook> due = new ArrayList<>();
    for (PendingWebhook entry : entries.values()) {
      if (!entry.nextAttemptAt().isAfter(now)) {
        due.add(entry);
      }
    }
    due.sort(OLDEST_FIRST);
    List<PendingWebhook> claimed = due.subList(0, Math.min(limit, due.size()));
    Instant leasedUntil = now.plus(lease);
    for (PendingWebhook entry : claimed) {
      entries.put(entry.id(), withNextAttempt(entry, entry.attempts(), leasedUntil));
    }
    return List.copyOf(claimed);
  }

  @Override
  public synchronized void delivered(String id) {
    entries.remove(id);
  }

  @Override
  public synchronized void retryLater(String id, int attempts, Instant nextAttemptAt) {
    entries.computeIfPresent(id, (key, entry) -> withNextAttempt(entry, attempts, nextAttemptAt));
  }

  @Override
  public synchronized void abandon(String id) {
    entries.remove(id);
  }

  @Override
  public synchronized long backlog() {
    return entries.size();
  }

  private static PendingWebhook withNextAttempt(PendingWebhook e, int attempts, Instant next) {
    return new PendingWebhook(
        e.id(), e.tenantSid(), e.type(), e.url(), e.body(), e.createdAt(), attempts, next);
  }
}
