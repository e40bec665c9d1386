package org.greenvn.asterisk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.greenvn.routing.CallOutcome;
import org.greenvn.routing.CallSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dialplan-driven calls whose outcome is awaited, by token. Bounded in count and in time: a call
 * whose outcome never comes (a dialplan without the reporting path, a crashed Asterisk) is
 * completed as failed when it expires or is pushed out, so its event is not lost silently.
 * Thread-safe.
 */
final class PendingOutcomes {

  private static final Logger LOG = LoggerFactory.getLogger(PendingOutcomes.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One awaited call.
   *
   * @param session the engine's session
   * @param plan how it is dialled
   * @param flow how its flow dials and records
   * @param decidedAt when the dialplan was told to dial
   * @param callerUpBeforeDial how long the caller's leg had been up then, if the script answered
   */
  record Pending(
      CallSession session,
      BridgePlan plan,
      FlowSettings flow,
      Instant decidedAt,
      Optional<Duration> callerUpBeforeDial) {}

  private final Cache<String, Pending> pending;

  PendingOutcomes(Clock clock, Duration ttl, int max) {
    this.pending =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumSize(max)
            .ticker(() -> clock.millis() * 1_000_000L)
            .executor(Runnable::run)
            // Expire on time even when no call touches the cache.
            .scheduler(Scheduler.systemScheduler())
            .removalListener(
                (String token, Pending p, RemovalCause cause) -> {
                  if (p != null && cause.wasEvicted()) {
                    expire(p, cause);
                  }
                })
            .build();
  }

  /** Awaits the outcome of a call; returns its token. */
  String add(Pending call) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    pending.put(token, call);
    return token;
  }

  /** Takes the call a token names, once. */
  Optional<Pending> take(String token) {
    return Optional.ofNullable(pending.asMap().remove(token));
  }

  /** How many calls await their outcome. */
  long size() {
    pending.cleanUp();
    return pending.estimatedSize();
  }

  /** Expires what is due now. */
  void cleanUp() {
    pending.cleanUp();
  }

  private static void expire(Pending p, RemovalCause cause) {
    LOG.warn(
        "Call {}: no outcome was reported ({}); reported as failed",
        p.session().callSid(),
        cause);
    try {
      p.session()
          .complete(
              new CallOutcome(
                  DialCallStatus.FAILED, true, Optional.empty(), Duration.ZERO, Duration.ZERO,
                  Disconnector.UNKNOWN, Optional.empty()));
    } catch (RuntimeException e) {
      LOG.warn("Call {}: could not be completed", p.session().callSid(), e);
    }
  }
}
