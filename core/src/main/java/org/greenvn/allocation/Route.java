package org.greenvn.allocation;

import java.util.Objects;

/**
 * What a routing look-up finds: an active allocation, and the side that holds the number (or
 * PIN) looked up. Returned by {@link AllocationStore#findActiveRoute}; a store may keep one per
 * number of its index, so that a call's look-up does not walk the allocation's party lists.
 *
 * @param allocation an active allocation
 * @param party the side that holds the number or PIN looked up
 */
public record Route(Allocation allocation, Party party) {

  /** Checks for nulls. */
  public Route {
    Objects.requireNonNull(allocation, "allocation");
    Objects.requireNonNull(party, "party");
  }

  @Override
  public String toString() {
    return "Route[" + allocation.greenvnId() + ", party=" + party + "]";
  }
}
