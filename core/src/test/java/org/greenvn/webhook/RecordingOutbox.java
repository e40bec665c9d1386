package org.greenvn.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory outbox that also keeps what was added and every retry scheduled. */
class RecordingOutbox implements WebhookOutbox {

  /** A {@link #retryLater} call. */
  record Retry(String id, int attempts, Instant nextAttemptAt) {}

  private final InMemoryWebhookOutbox delegate = new InMemoryWebhookOutbox();
  final List<PendingWebhook> added = new CopyOnWriteArrayList<>();
  final List<Retry> retries = new CopyOnWriteArrayList<>();
  final List<String> abandoned = new CopyOnWriteArrayList<>();

  @Override
  public void add(PendingWebhook webhook) {
    added.add(webhook);
    delegate.add(webhook);
  }

  @Override
  public List<PendingWebhook> claimDue(Instant now, Duration lease, int limit) {
    return delegate.claimDue(now, lease, limit);
  }

  @Override
  public void delivered(String id) {
    delegate.delivered(id);
  }

  @Override
  public void retryLater(String id, int attempts, Instant nextAttemptAt) {
    retries.add(new Retry(id, attempts, nextAttemptAt));
    delegate.retryLater(id, attempts, nextAttemptAt);
  }

  @Override
  public void abandon(String id) {
    abandoned.add(id);
    delegate.abandon(id);
  }

  @Override
  public long backlog() {
    return delegate.backlog();
  }
}
