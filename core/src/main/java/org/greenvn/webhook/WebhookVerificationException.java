package org.greenvn.webhook;

import java.util.Objects;

/** A delivery failed verification: reject it (answer 4xx, e.g. 401) and do not act on it. */
public final class WebhookVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a delivery was rejected. */
  public enum Reason {
    /** A {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} is missing. */
    MISSING_HEADER,
    /** The timestamp is not a whole number of seconds. */
    MALFORMED_TIMESTAMP,
    /** The timestamp is further from now than the tolerance: a replay, or a skewed clock. */
    TIMESTAMP_OUT_OF_TOLERANCE,
    /** No {@code v1} signature matches any of the secrets: forged, altered, or a wrong secret. */
    NO_MATCHING_SIGNATURE
  }

  private final Reason reason;

  WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
