package org.greenvn.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.greenvn.phone.PhoneNumber;

/**
 * How a call ended, as the PBX reports it: what {@link CallSession#complete} turns into a call
 * event.
 *
 * @param status how the second leg ended
 * @param dialled whether the other party was dialled at all
 * @param answeredBy the number that answered, if one did
 * @param ringDuration how long the party rang
 * @param talkDuration how long the parties talked
 * @param disconnectedBy who hung up
 * @param recordingUrl where the recording is, if recorded
 */
public record CallOutcome(
    DialCallStatus status,
    boolean dialled,
    Optional<PhoneNumber> answeredBy,
    Duration ringDuration,
    Duration talkDuration,
    Disconnector disconnectedBy,
    Optional<String> recordingUrl) {

  /** Checks for nulls and negative durations. */
  public CallOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(answeredBy, "answeredBy");
    Objects.requireNonNull(disconnectedBy, "disconnectedBy");
    Objects.requireNonNull(recordingUrl, "recordingUrl");
    if (ringDuration.isNegative() || talkDuration.isNegative()) {
      throw new IllegalArgumentException("Durations must not be negative");
    }
    if (answeredBy.isPresent() && !dialled) {
      throw new IllegalArgumentException("Nobody answers a call that was not dialled");
    }
  }

  /** The party answered and they talked. */
  public static CallOutcome answered(
      PhoneNumber answeredBy, Duration ring, Duration talk, Disconnector disconnectedBy) {
    return new CallOutcome(
        DialCallStatus.COMPLETED, true, Optional.of(answeredBy), ring, talk, disconnectedBy,
        Optional.empty());
  }

  /** The party did not answer: busy, no answer, failed, or canceled by the caller. */
  public static CallOutcome unanswered(DialCallStatus status, Duration ring) {
    if (status == DialCallStatus.COMPLETED) {
      throw new IllegalArgumentException("An unanswered call is not completed");
    }
    Disconnector by =
        status == DialCallStatus.CANCELED ? Disconnector.CALLER : Disconnector.UNKNOWN;
    return new CallOutcome(
        status, true, Optional.empty(), ring, Duration.ZERO, by, Optional.empty());
  }

  /** Nobody was dialled: the call was refused, or the caller left before the dial. */
  public static CallOutcome notDialled(Disconnector disconnectedBy) {
    return new CallOutcome(
        DialCallStatus.FAILED, false, Optional.empty(), Duration.ZERO, Duration.ZERO,
        disconnectedBy, Optional.empty());
  }

  /** This outcome with a recording. */
  public CallOutcome withRecordingUrl(String url) {
    return new CallOutcome(
        status, dialled, answeredBy, ringDuration, talkDuration, disconnectedBy,
        Optional.of(url));
  }
}
