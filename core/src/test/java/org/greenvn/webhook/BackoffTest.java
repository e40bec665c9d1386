package org.greenvn.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofHours(1));
  private static final double ALMOST_ONE = Math.nextDown(1.0);

  @Test
  void ceilingDoublesFromTheBaseUpToTheCap() {
    assertThat(BACKOFF.jittered(1, ALMOST_ONE)).isBetween(ms(4_999), ms(5_000));
    assertThat(BACKOFF.jittered(2, ALMOST_ONE)).isBetween(ms(9_999), ms(10_000));
    assertThat(BACKOFF.jittered(5, ALMOST_ONE)).isBetween(ms(79_999), ms(80_000));
    assertThat(BACKOFF.jittered(11, ALMOST_ONE)).isEqualTo(BACKOFF.jittered(40, ALMOST_ONE));
    assertThat(BACKOFF.jittered(200, ALMOST_ONE)).isBetween(Duration.ofHours(1).minusMillis(1),
        Duration.ofHours(1));
    assertThat(BACKOFF.jittered(Integer.MAX_VALUE, 0.5)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void fullJitterSpansZeroToTheCeiling() {
    assertThat(BACKOFF.jittered(3, 0.0)).isZero();
    assertThat(BACKOFF.jittered(3, 0.25)).isEqualTo(Duration.ofSeconds(5));
    assertThat(BACKOFF.jittered(3, 0.5)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void retryAfterIsTheEarliestNextAttempt() {
    Instant now = T0.plusSeconds(60);

    assertThat(BACKOFF.nextAttempt(T0, now, 1, Optional.of(Duration.ofSeconds(120)), 0.5))
        .contains(now.plusSeconds(120));
    // a backoff longer than Retry-After wins
    assertThat(BACKOFF.nextAttempt(T0, now, 12, Optional.of(Duration.ofSeconds(1)), 0.5))
        .contains(now.plus(Duration.ofMinutes(30)));
    assertThat(BACKOFF.nextAttempt(T0, now, 1, Optional.empty(), 0.5))
        .contains(now.plus(Duration.ofMillis(2_500)));
  }

  @Test
  void lastTryFallsOnTheHorizonAndNothingAfterIt() {
    Instant deadline = T0.plus(Duration.ofHours(24));
    Instant nearly = deadline.minusSeconds(10);

    assertThat(BACKOFF.nextAttempt(T0, nearly, 30, Optional.empty(), 0.9)).contains(deadline);
    assertThat(BACKOFF.nextAttempt(T0, deadline, 31, Optional.empty(), 0.1)).isEmpty();
    assertThat(BACKOFF.nextAttempt(T0, nearly, 30, Optional.of(Duration.ofSeconds(11)), 0.1))
        .isEmpty();
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
