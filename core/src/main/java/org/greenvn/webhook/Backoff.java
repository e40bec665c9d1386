package org.greenvn.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a failed delivery again: exponential backoff with full jitter, a Retry-After
 * honoured as the earliest time, and nothing after the horizon.
 *
 * @param horizon how long after its event a delivery is still tried
 * @param base the longest wait before the first retry
 * @param cap the longest wait before any retry
 */
record Backoff(Duration horizon, Duration base, Duration cap) {

  /** The defaults of {@link TenantWebhooks.Builder}. */
  static final Backoff DEFAULT =
      new Backoff(Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofHours(1));

  /**
   * The wait before retry number {@code failures}: uniformly random in
   * {@code [0, min(cap, base × 2^(failures-1))]}, drawn from {@code random} in {@code [0, 1)}.
   */
  Duration jittered(int failures, double random) {
    long baseNanos = base.toNanos();
    long capNanos = cap.toNanos();
    int shift = Math.max(0, failures - 1);
    long ceiling =
        shift >= Long.SIZE - 2 || baseNanos > (capNanos >> shift) ? capNanos : baseNanos << shift;
    return Duration.ofNanos((long) (ceiling * random));
  }

  /**
   * When to try again after a failed attempt, or empty to give up.
   *
   * @param createdAt when the delivery was queued; the horizon counts from it
   * @param now the end of the failed attempt
   * @param failures the attempts failed so far, this one included
   * @param retryAfter the receiver's Retry-After, if it sent one
   * @param random a number in {@code [0, 1)} for the jitter
   * @return a time not before {@code now + retryAfter} and not after the horizon: the horizon
   *     itself when the backoff would pass it, so the last try falls on it; empty when the
   *     horizon has passed or Retry-After asks for a time beyond it
   */
  Optional<Instant> nextAttempt(
      Instant createdAt, Instant now, int failures, Optional<Duration> retryAfter, double random) {
    Instant deadline = createdAt.plus(horizon);
    if (!now.isBefore(deadline)) {
      return Optional.empty();
    }
    Instant earliest = now.plus(retryAfter.orElse(Duration.ZERO));
    if (earliest.isAfter(deadline)) {
      return Optional.empty();
    }
    Instant next = now.plus(jittered(failures, random));
    if (next.isBefore(earliest)) {
      next = earliest;
    }
    return Optional.of(next.isAfter(deadline) ? deadline : next);
  }
}
