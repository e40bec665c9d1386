package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.greenvn.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The token buckets, on a clock the test moves. */
class RateLimiterTest {

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T00:00:00Z"));
  private final RateLimiter limiter =
      new RateLimiter(
          clock, new RateLimiter.Limit(2, 3), Map.of("slow", new RateLimiter.Limit(0.1, 1)));

  @Test
  void aBurstPassesThenTheRateRules() {
    assertThat(limiter.tryAcquire("acme")).isZero();
    assertThat(limiter.tryAcquire("acme")).isZero();
    assertThat(limiter.tryAcquire("acme")).isZero();
    assertThat(limiter.tryAcquire("acme")).isEqualTo(1);

    clock.advance(Duration.ofMillis(500)); // 2 a second: one token back
    assertThat(limiter.tryAcquire("acme")).isZero();
    assertThat(limiter.tryAcquire("acme")).isEqualTo(1);

    clock.advance(Duration.ofHours(1)); // never more than the burst
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("acme")).isZero();
    }
    assertThat(limiter.tryAcquire("acme")).isPositive();
  }

  @Test
  void eachTenantHasItsOwnBucketAndLimit() {
    assertThat(limiter.tryAcquire("slow")).isZero();
    assertThat(limiter.tryAcquire("slow")).isEqualTo(10); // 0.1 a second: ten seconds
    assertThat(limiter.tryAcquire("acme")).isZero();

    clock.advance(Duration.ofSeconds(4));
    assertThat(limiter.tryAcquire("slow")).isEqualTo(6);
  }

  @Test
  void aWallClockSteppingBackGivesNoTokens() {
    Instant[] now = {Instant.parse("2026-03-01T00:00:30Z")};
    Clock stepping =
        new Clock() {
          @Override
          public Instant instant() {
            return now[0];
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    RateLimiter onStepping = new RateLimiter(stepping, new RateLimiter.Limit(1, 1), Map.of());
    assertThat(onStepping.tryAcquire("acme")).isZero();

    now[0] = now[0].minusSeconds(30);
    assertThat(onStepping.tryAcquire("acme")).isPositive();
    now[0] = now[0].plusSeconds(29); // still before the last refill: nothing back yet
    assertThat(onStepping.tryAcquire("acme")).isPositive();
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new RateLimiter.Limit(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter.Limit(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter.Limit(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
