package org.greenvn.webhook;

import java.time.Duration;
import java.util.Optional;

/** How one delivery attempt ended. */
sealed interface AttemptResult {

  /** The receiver answered 2xx: done. */
  record Delivered(int status) implements AttemptResult {}

  /** The receiver answered 410 Gone: it wants no more deliveries at this URL. */
  record Gone() implements AttemptResult {}

  /**
   * Anything else: another status, a timeout, a connection failure, a refused target.
   *
   * @param reason what happened, for the log (never a secret, a body or a URL's query)
   * @param retryAfter the receiver's Retry-After, if it sent a readable one
   */
  record Failed(String reason, Optional<Duration> retryAfter) implements AttemptResult {}
}
