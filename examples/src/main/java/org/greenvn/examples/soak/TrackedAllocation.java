package org.greenvn.examples.soak;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One acknowledged allocation in the ledger. A worker changes it only while it holds it
 * ({@link #tryAcquire()}), so its operations are ordered; the server's expiry is the only actor
 * the soak does not serialise, and the expiry window says when it may have struck.
 */
final class TrackedAllocation {

  final String greenvnId;
  final String connectionId;
  /** The region all its VNs come from (strict preferences): KA allocations have PINs. */
  final String region;
  /** Its expiry can fall no earlier than this (the create's send time plus the duration). */
  final long earliestExpiryMillis;
  /** ... and no later than this (the create's answer plus the duration). */
  final long latestExpiryMillis;
  final boolean shortLived;

  private final AtomicBoolean held = new AtomicBoolean();
  // The fields below change only under the hold.
  private volatile Parties parties;
  private volatile EndState end;
  private volatile boolean certain = true;

  TrackedAllocation(
      String greenvnId,
      String connectionId,
      String region,
      Parties parties,
      long earliestExpiryMillis,
      long latestExpiryMillis,
      boolean shortLived) {
    this.greenvnId = greenvnId;
    this.connectionId = connectionId;
    this.region = region;
    this.parties = parties;
    this.earliestExpiryMillis = earliestExpiryMillis;
    this.latestExpiryMillis = latestExpiryMillis;
    this.shortLived = shortLived;
  }

  boolean tryAcquire() {
    return held.compareAndSet(false, true);
  }

  void release() {
    held.set(false);
  }

  Parties parties() {
    return parties;
  }

  void parties(Parties next) {
    parties = next;
  }

  /** Null while it may still be active. */
  EndState end() {
    return end;
  }

  void end(EndState state) {
    end = state;
  }

  boolean certain() {
    return certain;
  }

  /** One of its operations got no answer: what it did is unknown. */
  void uncertain() {
    certain = false;
  }

  /** Whether it is certainly still active for {@code budgetMillis} from {@code nowMillis}. */
  boolean safeFor(long nowMillis, long budgetMillis) {
    return end == null && (!shortLived || nowMillis + budgetMillis < earliestExpiryMillis);
  }

  /** Where it must be at {@code nowMillis}, given the expiry sweep's {@code slackMillis}. */
  ExpectedAllocation expectation(long nowMillis, long slackMillis) {
    EndState state = end;
    boolean sure = certain;
    if (state == null) {
      if (!shortLived || nowMillis < earliestExpiryMillis) {
        state = EndState.ACTIVE;
      } else {
        state = EndState.EXPIRED;
        sure &= nowMillis > latestExpiryMillis + slackMillis;
      }
    }
    return new ExpectedAllocation(greenvnId, connectionId, parties, state, sure);
  }
}
