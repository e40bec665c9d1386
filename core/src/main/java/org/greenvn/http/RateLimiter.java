package org.greenvn.http;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per tenant: each request takes a token; tokens come back at the tenant's rate up
 * to its burst. A request that finds the bucket empty is told how many whole seconds until a token
 * is back.
 */
final class RateLimiter {

  /** A tenant's limit: a steady rate, and how many requests may come at once. */
  record Limit(double perSecond, int burst) {
    Limit {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("burst must be at least 1: " + burst);
      }
    }
  }

  private static final class Bucket {
    final Limit limit;
    double tokens;
    long refilledAtMillis;

    Bucket(Limit limit, long now) {
      this.limit = limit;
      this.tokens = limit.burst();
      this.refilledAtMillis = now;
    }

    synchronized long take(long now) {
      long elapsed = Math.max(0, now - refilledAtMillis);
      tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond() / 1000.0);
      refilledAtMillis = Math.max(refilledAtMillis, now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
    }
  }

  private final Clock clock;
  private final Limit defaultLimit;
  private final Map<String, Limit> limits;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(Clock clock, Limit defaultLimit, Map<String, Limit> limits) {
    this.clock = clock;
    this.defaultLimit = defaultLimit;
    this.limits = Map.copyOf(limits);
  }

  /** Takes a token of the tenant's; returns 0, or the seconds to wait when there is none. */
  long tryAcquire(String tenantSid) {
    long now = clock.millis();
    Bucket bucket =
        buckets.computeIfAbsent(
            tenantSid, sid -> new Bucket(limits.getOrDefault(sid, defaultLimit), now));
    return bucket.take(now);
  }
}
