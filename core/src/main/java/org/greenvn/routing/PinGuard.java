package org.greenvn.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.PinPolicy;

/**
 * Counts wrong PINs across calls: locks a (caller, number) pair out, and throttles a number under a
 * burst of wrong PINs from many callers. Windows slide on the injected clock; memory is bounded by
 * the caches' sizes, so a flood of spoofed caller ids cannot exhaust the heap. Thread-safe.
 */
final class PinGuard {

  private record CallerKey(PhoneNumber caller, PhoneNumber greenvn) {}

  private static final long MAX_TRACKED = 1_000_000;

  private final Clock clock;
  private final Cache<CallerKey, Deque<Instant>> callerFailures =
      Caffeine.newBuilder().maximumSize(MAX_TRACKED).build();
  private final Cache<CallerKey, Instant> lockedUntil =
      Caffeine.newBuilder().maximumSize(MAX_TRACKED).build();
  private final Cache<PhoneNumber, Deque<Instant>> numberFailures =
      Caffeine.newBuilder().maximumSize(MAX_TRACKED).build();
  private final Cache<PhoneNumber, Instant> throttledUntil =
      Caffeine.newBuilder().maximumSize(MAX_TRACKED).build();

  PinGuard(Clock clock) {
    this.clock = clock;
  }

  boolean isLockedOut(Optional<PhoneNumber> caller, PhoneNumber greenvn) {
    if (caller.isEmpty()) {
      return false;
    }
    Instant until = lockedUntil.getIfPresent(new CallerKey(caller.get(), greenvn));
    return until != null && clock.instant().isBefore(until);
  }

  boolean isThrottled(PhoneNumber greenvn) {
    Instant until = throttledUntil.getIfPresent(greenvn);
    return until != null && clock.instant().isBefore(until);
  }

  /** Records a wrong PIN. A withheld caller id counts only towards the number's throttle. */
  void failed(PinPolicy policy, Optional<PhoneNumber> caller, PhoneNumber greenvn) {
    Instant now = clock.instant();
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
