package org.greenvn.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.greenvn.allocation.Party;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.RingStrategy;

/**
 * Connect the caller to the other party, showing the virtual number as the caller id so that
 * neither side sees the other's number.
 *
 * @param tenantSid the allocation's tenant: flows are named within a tenant
 * @param greenvnId the allocation
 * @param connectionId the allocation's connection id
 * @param flowId the call flow in force
 * @param callerParty the caller's side
 * @param targets the other side's numbers, to ring
 * @param callerIdToPresent the caller id the called party sees: always the virtual number
 * @param ringStrategy how several targets are rung
 * @param ringTimeout how long they ring
 * @param record whether the conversation is recorded
 */
public record Bridge(
    String tenantSid,
    String greenvnId,
    String connectionId,
    String flowId,
    Party callerParty,
    List<PhoneNumber> targets,
    PhoneNumber callerIdToPresent,
    RingStrategy ringStrategy,
    Duration ringTimeout,
    boolean record)
    implements RoutingDecision {

  /** Checks for nulls and copies the targets. */
  public Bridge {
    Objects.requireNonNull(tenantSid, "tenantSid");
    Objects.requireNonNull(greenvnId, "greenvnId");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(flowId, "flowId");
    Objects.requireNonNull(callerParty, "callerParty");
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("A bridge needs a target");
    }
    Objects.requireNonNull(callerIdToPresent, "callerIdToPresent");
    Objects.requireNonNull(ringStrategy, "ringStrategy");
    Objects.requireNonNull(ringTimeout, "ringTimeout");
  }
}
