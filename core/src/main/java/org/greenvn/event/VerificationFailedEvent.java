package org.greenvn.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;

/**
 * An unknown caller keyed a wrong PIN, or nothing. {@link #toString()} leaves the PIN out.
 *
 * @param tenantSid the tenant
 * @param occurredAt when
 * @param callSid the call ({@code call_sid})
 * @param greenvn the virtual number called ({@code greenvn})
 * @param startTime when the call arrived ({@code start_time})
 * @param caller the caller ({@code caller}); empty for a withheld caller id
 * @param pin the digits keyed, possibly none ({@code pin})
 * @param attempt which attempt of the call this was, from 1
 */
public record VerificationFailedEvent(
    String tenantSid,
    Instant occurredAt,
    String callSid,
    PhoneNumber greenvn,
    Instant startTime,
    Optional<PhoneNumber> caller,
    String pin,
    int attempt)
    implements GreenVnEvent {

  /** Checks for nulls. */
  public VerificationFailedEvent {
    Objects.requireNonNull(tenantSid, "tenantSid");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(callSid, "callSid");
    Objects.requireNonNull(greenvn, "greenvn");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(pin, "pin");
  }

  @Override
  public EventType type() {
    return EventType.VERIFICATION_FAILED;
  }

  @Override
  public String toString() {
    return "VerificationFailedEvent[tenant=" + tenantSid + ", callSid=" + callSid + ", greenvn="
        + greenvn + ", caller=" + caller.map(PhoneNumber::e164).orElse("") + ", attempt="
        + attempt + "]";
  }
}
