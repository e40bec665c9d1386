package org.greenvn.event;

import java.time.Duration;
import java.util.Objects;

/**
 * The call-insights block of a call event ({@code insights}).
 *
 * @param disconnectedBy who hung up
 * @param status the second leg's status, as {@code dial_call_status}
 * @param detailedStatus a finer status, e.g. {@code CALL_COMPLETED}, {@code BUSY}
 * @param ringingDuration how long the party rang
 */
public record CallInsights(
    Disconnector disconnectedBy,
    DialCallStatus status,
    String detailedStatus,
    Duration ringingDuration) {

  /** Checks for nulls. */
  public CallInsights {
    Objects.requireNonNull(disconnectedBy, "disconnectedBy");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detailedStatus, "detailedStatus");
    Objects.requireNonNull(ringingDuration, "ringingDuration");
  }
}
