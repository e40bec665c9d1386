package org.greenvn.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.PinPolicy;

/**
 * Counts wrong PINs across calls: locks a (caller, number) pair out, and throttles a number under a
 * burst of wrong PINs from many callers. Windows slide on the times they are given (the
 * engine's clock); memory is bounded by
 * the caches' sizes, so a flood of spoofed caller ids cannot exhaust the heap. Thread-safe.
 */
final class PinGuard {

  /** A caller on a number. Equality written out: a record's goes through method handles. */
  private static final class CallerKey {
    final PhoneNumber caller;
    final PhoneNumber greenvn;

    CallerKey(PhoneNumber caller, PhoneNumber greenvn) {
      this.caller = caller;
      this.greenvn = greenvn;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CallerKey k && k.caller.equals(caller) && k.greenvn.equals(greenvn);
    }

    @Override
    public int hashCode() {
      return 31 * caller.hashCode() + greenvn.hashCode();
    }
  }

  private static final long MAX_TRACKED = 1_000_000;

  private final Cache<CallerKey, Deque<Instant>> callerFailures =
      Caffeine.newBuilder().maximumSize(MAX_TRACKED).build();
  private final Cache<CallerKey, Instant> lockedUntil =
      Caffeine.newBuilder().maximumSize(MAX_TRACKED).build();
  private final Cache<PhoneNumber, Deque<Instant>> numberFailures =
      Caffeine.newBuilder().maximumSize(MAX_TRACKED).build();
  private final Cache<PhoneNumber, Instant> throttledUntil =
      Caffeine.newBuilder().maximumSize(MAX_TRACKED).build();

  // The caller passes the time of the call step, read once from the engine's clock.
  PinGuard() {}

  boolean isLockedOut(Optional<PhoneNumber> caller, PhoneNumber greenvn, Instant now) {
    if (caller.isEmpty()) {
      return false;
    }
    Instant until = lockedUntil.getIfPresent(new CallerKey(caller.get(), greenvn));
    return until != null && now.isBefore(until);
  }

  boolean isThrottled(PhoneNumber greenvn, Instant now) {
    Instant until = throttledUntil.getIfPresent(greenvn);
    return until != null && now.isBefore(until);
  }

  /**
   * Records a wrong PIN keyed at {@code now}. A withheld caller id counts only towards the
   * number's throttle.
   */
  void failed(PinPolicy policy, Optional<PhoneNumber> caller, PhoneNumber greenvn, Instant now) {
    if (caller.isPresent()) {
      CallerKey key = new CallerKey(caller.get(), greenvn);
      Deque<Instant> failures = callerFailures.get(key, k -> new ArrayDeque<>());
      if (count(failures, now, policy.lockoutWindow().toMillis()) >= policy.lockoutThreshold()) {
        lockedUntil.put(key, now.plus(policy.lockoutDuration()));
        synchronized (failures) {
          failures.clear();
        }
      }
    }
    Deque<Instant> failures = numberFailures.get(greenvn, k -> new ArrayDeque<>());
    if (count(failures, now, policy.throttleWindow().toMillis()) >= policy.throttleThreshold()) {
      throttledUntil.put(greenvn, now.plus(policy.throttleDuration()));
      synchronized (failures) {
        failures.clear();
      }
    }
  }

  /** Adds {@code now} to the window, drops what slid out of it, and counts what is left. */
  private static int count(Deque<Instant> failures, Instant now, long windowMillis) {
    Instant horizon = now.minusMillis(windowMillis);
    synchronized (failures) {
      failures.addLast(now);
      while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
        failures.removeFirst();
      }
      return failures.size();
    }
  }
}
