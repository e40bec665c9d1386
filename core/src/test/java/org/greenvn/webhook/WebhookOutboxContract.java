package org.greenvn.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.greenvn.event.EventType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WebhookOutbox} passes. A test class extends this one and returns a
 * fresh, empty outbox from {@link #newOutbox()}; every test gets its own.
 */
public abstract class WebhookOutboxContract {

  /** When the test events happen. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final URI URL = URI.create("https://hooks.example.com/greenvn/deallocation");

  private WebhookOutbox outbox;

  /** A new, empty outbox: called once per test. */
  protected abstract WebhookOutbox newOutbox();

  @BeforeEach
  void createOutbox() {
    outbox = newOutbox();
  }

  /** The outbox under test. */
  protected WebhookOutbox outbox() {
    return outbox;
  }

  /** A first delivery of event {@code id}, created {@code secondsAfterT0} after {@link #T0}. */
  protected static PendingWebhook webhook(String id, long secondsAfterT0) {
    return PendingWebhook.of(
        id, "acme", EventType.DEALLOCATION, URL, "{\"greenvn_id\":\"" + id + "\",\"note\":\"ü\"}",
        T0.plusSeconds(secondsAfterT0));
  }

  @Test
  void anEmptyOutboxHasNothingDue() {
    assertThat(outbox.backlog()).isZero();
    assertThat(outbox.claimDue(T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
  }

  @Test
  void anAddedDeliveryIsClaimedExactlyAsItWasAdded() {
    PendingWebhook w =
        new PendingWebhook(
            "w1", "acme", EventType.VERIFICATION_SUCCEEDED,
            URI.create("http://127.0.0.1:8080/hook?tenant=acme&x=%20y"),
            "{\"a\":[1,2,3],\"text\":\"नमस्ते\"}", T0, 2, T0.plusSeconds(5));
    outbox.add(w);

    assertThat(outbox.backlog()).isEqualTo(1);
    assertThat(outbox.claimDue(T0.plusSeconds(4), LEASE, 10)).isEmpty();
    assertThat(outbox.claimDue(T0.plusSeconds(5), LEASE, 10)).containsExactly(w);
  }

  @Test
  void addingAnIdThatIsThereLeavesTheEntryAsItIs() {
    PendingWebhook first = webhook("w1", 0);
    outbox.add(first);

    outbox.add(
        new PendingWebhook(
            "w1", "other", EventType.CALL, URL, "{}", T0.plusSeconds(9), 7, T0.plusSeconds(9)));

    assertThat(outbox.backlog()).isEqualTo(1);
    assertThat(outbox.claimDue(T0.plusSeconds(1), LEASE, 10)).containsExactly(first);
  }

  @Test
  void claimDueTakesOnlyDueEntriesOldestFirstUpToTheLimit() {
    outbox.add(webhook("w3", 3));
    outbox.add(webhook("w1", 1));
    outbox.add(webhook("w2", 2));
    outbox.add(webhook("w9", 9));

    List<PendingWebhook> claimed = outbox.claimDue(T0.plusSeconds(5), LEASE, 2);

    assertThat(claimed).extracting(PendingWebhook::id).containsExactly("w1", "w2");
    assertThat(outbox.claimDue(T0.plusSeconds(5), LEASE, 10))
        .extracting(PendingWebhook::id)
        .containsExactly("w3");
    assertThat(outbox.claimDue(T0.plusSeconds(5), LEASE, 0)).isEmpty();
    assertThat(outbox.backlog()).isEqualTo(4);
  }

  @Test
  void entriesCreatedAtTheSameInstantComeInIdOrder() {
    outbox.add(webhook("b", 0));
    outbox.add(webhook("a", 0));
    outbox.add(webhook("c", 0));

    assertThat(outbox.claimDue(T0, LEASE, 10))
        .extracting(PendingWebhook::id)
        .containsExactly("a", "b", "c");
  }

  @Test
  void aClaimedEntryIsHiddenUntilItsLeaseRunsOut() {
    outbox.add(webhook("w1", 0));
    assertThat(outbox.claimDue(T0, LEASE, 10)).hasSize(1);

    assertThat(outbox.claimDue(T0, LEASE, 10)).isEmpty();
    assertThat(outbox.claimDue(T0.plus(LEASE).minusNanos(1), LEASE, 10)).isEmpty();
    assertThat(outbox.backlog()).isEqualTo(1);

    // The claimant died: the entry comes back when its lease is over.
    assertThat(outbox.claimDue(T0.plus(LEASE), LEASE, 10))
        .extracting(PendingWebhook::id)
        .containsExactly("w1");
  }

  @Test
  void retryLaterCountsTheAttemptAndWaitsUntilItsTime() {
    outbox.add(webhook("w1", 0));
    outbox.claimDue(T0, LEASE, 10);
    Instant next = T0.plusSeconds(10).plusNanos(7);

    outbox.retryLater("w1", 1, next);

    assertThat(outbox.claimDue(next.minusNanos(1), LEASE, 10)).isEmpty();
    List<PendingWebhook> again = outbox.claimDue(next, LEASE, 10);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).attempts()).isEqualTo(1);
    assertThat(again.get(0).nextAttemptAt()).isEqualTo(next);
    assertThat(again.get(0).body()).isEqualTo(webhook("w1", 0).body());
  }

  @Test
  void deliveredAndAbandonedEntriesAreForgotten() {
    outbox.add(webhook("w1", 0));
    outbox.add(webhook("w2", 1));
    outbox.add(webhook("w3", 2));

    outbox.delivered("w1");
    outbox.abandon("w3");

    assertThat(outbox.backlog()).isEqualTo(1);
    assertThat(outbox.claimDue(T0.plusSeconds(60), LEASE, 10))
        .extracting(PendingWebhook::id)
        .containsExactly("w2");
  }

  @Test
  void operationsOnUnknownIdsChangeNothing() {
    outbox.add(webhook("w1", 0));

    outbox.delivered("nope");
    outbox.abandon("nope");
    outbox.retryLater("nope", 3, T0);

    assertThat(outbox.backlog()).isEqualTo(1);
    assertThat(outbox.claimDue(T0, LEASE, 10)).containsExactly(webhook("w1", 0));
  }

  @Test
  void concurrentClaimsNeverHandOneEntryToTwoClaimants() throws Exception {
    int entries = 40;
    for (int i = 0; i < entries; i++) {
      outbox.add(webhook(String.format("w%02d", i), i % 7));
    }
    int claimants = 6;
    List<Callable<List<PendingWebhook>>> claims = new ArrayList<>();
    for (int i = 0; i < claimants; i++) {
      claims.add(
          () -> {
            List<PendingWebhook> mine = new ArrayList<>();
            List<PendingWebhook> batch;
            do {
              batch = outbox.claimDue(T0.plusSeconds(10), LEASE, 3);
              mine.addAll(batch);
            } while (!batch.isEmpty());
            return mine;
          });
    }

    List<List<PendingWebhook>> results = runTogether(claims);

    Set<String> seen = new HashSet<>();
    int total = 0;
    for (List<PendingWebhook> mine : results) {
      for (PendingWebhook w : mine) {
        assertThat(seen.add(w.id())).as("claimed twice: %s", w.id()).isTrue();
        total++;
      }
    }
    assertThat(total).isEqualTo(entries);
  }

  private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
