package org.greenvn.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.greenvn.phone.PhoneNumber;

/**
 * An allocation expired under its deallocation policy. Not sent when the allocation is deleted
 * through the API. {@link #toString()} leaves the PINs out.
 *
 * @param tenantSid the tenant
 * @param occurredAt when it was deallocated
 * @param connectionId its {@code connection_id}
 * @param greenvn its virtual number
 * @param greenvnId its {@code greenvn_id}
 * @param usage {@code oneway} or {@code twoway}
 * @param aPartyNumbers its A party
 * @param bPartyNumbers its B party
 * @param aPartyPins its A-party PINs
 * @param bPartyPins its B-party PINs
 */
public record DeallocationEvent(
    String tenantSid,
    Instant occurredAt,
    String connectionId,
    PhoneNumber greenvn,
    String greenvnId,
    String usage,
    List<PhoneNumber> aPartyNumbers,
    List<PhoneNumber> bPartyNumbers,
    List<Integer> aPartyPins,
    List<Integer> bPartyPins)
    implements GreenVnEvent {

  /** Checks for nulls and copies the lists. */
  public DeallocationEvent {
    Objects.requireNonNull(tenantSid, "tenantSid");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(greenvn, "greenvn");
    Objects.requireNonNull(greenvnId, "greenvnId");
    Objects.requireNonNull(usage, "usage");
    aPartyNumbers = List.copyOf(aPartyNumbers);
    bPartyNumbers = List.copyOf(bPartyNumbers);
    aPartyPins = List.copyOf(aPartyPins);
    bPartyPins = List.copyOf(bPartyPins);
  }

  /** Always {@code vault}: the state the allocation is now in. */
  public String state() {
    return "vault";
  }

  @Override
  public EventType type() {
    return EventType.DEALLOCATION;
  }

  @Override
  public String toString() {
    return "DeallocationEvent[tenant=" + tenantSid + ", connectionId=" + connectionId
        + ", greenvnId=" + greenvnId + ", greenvn=" + greenvn + ", at=" + occurredAt + "]";
  }
}
