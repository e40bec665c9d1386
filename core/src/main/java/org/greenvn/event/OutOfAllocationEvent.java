package org.greenvn.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;

/**
 * A call reached a virtual number where no active allocation serves its caller, and was rejected.
 *
 * @param tenantSid the tenant owning the number; empty when no tenant owns it
 * @param occurredAt when
 * @param callSid the call
 * @param greenvn the number dialled
 * @param caller the caller; empty for a withheld caller id
 * @param startTime when the call arrived
 */
public record OutOfAllocationEvent(
    String tenantSid,
    Instant occurredAt,
    String callSid,
    PhoneNumber greenvn,
    Optional<PhoneNumber> caller,
    Instant startTime)
    implements GreenVnEvent {

  /** Checks for nulls. */
  public OutOfAllocationEvent {
    Objects.requireNonNull(tenantSid, "tenantSid");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(callSid, "callSid");
    Objects.requireNonNull(greenvn, "greenvn");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(startTime, "startTime");
  }

  @Override
  public EventType type() {
    return EventType.OUT_OF_ALLOCATION;
  }
}
