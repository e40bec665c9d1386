package org.greenvn.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;

/**
 * An unknown caller keyed a right PIN and joined a party. {@link #toString()} leaves the PIN out.
 *
 * @param tenantSid the tenant
 * @param occurredAt when
 * @param callSid the call
 * @param connectionId the allocation joined
 * @param greenvn the virtual number
 * @param greenvnId the allocation joined
 * @param caller the caller who joined; empty for a withheld caller id (bridged, not added)
 * @param pin the PIN keyed
 * @param flowId the joined allocation's call flow (its {@code flow_id}, else the tenant's default
 *     flow); not in the JSON body, it picks the flow's webhook URL when the tenant sets one
 */
public record VerificationSucceededEvent(
    String tenantSid,
    Instant occurredAt,
    String callSid,
    String connectionId,
    PhoneNumber greenvn,
    String greenvnId,
    Optional<PhoneNumber> caller,
    String pin,
    String flowId)
    implements GreenVnEvent {

  /** Checks for nulls. */
  public VerificationSucceededEvent {
    Objects.requireNonNull(tenantSid, "tenantSid");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(callSid, "callSid");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(greenvn, "greenvn");
    Objects.requireNonNull(greenvnId, "greenvnId");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(pin, "pin");
    Objects.requireNonNull(flowId, "flowId");
  }

  @Override
  public EventType type() {
    return EventType.VERIFICATION_SUCCEEDED;
  }

  @Override
  public String toString() {
    return "VerificationSucceededEvent[tenant=" + tenantSid + ", callSid=" + callSid
        + ", greenvnId=" + greenvnId + ", caller=" + caller.map(PhoneNumber::e164).orElse("")
        + ", flowId=" + flowId + "]";
  }
}
