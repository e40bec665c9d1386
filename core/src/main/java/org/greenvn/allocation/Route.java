package org.greenvn.allocation;

import java.util.Objects;

/**
 * What a routing look-up finds: an active allocation, and the side that holds the number (or
 * PIN) looked up. Returned by {@link AllocationStore#findActiveRoute}.
 *
 * <p>A store may hand out the same instance for every look-up of one number until the
 * allocation changes (the in-memory store does), so that its reader can keep what it derives
 * from the route with it: the router keeps its ready decision for the caller in
 * {@link #attachment()}, which makes a known caller's decision one look-up. An attachment
 * belongs to whoever attached it last; a reader that shares a store with others must check that
 * the attachment is its own. A store that makes a new instance per look-up loses only the reuse.
 *
 * <p>Thread-safe: the attachment is read and written without a lock, so it must be an
 * immutable object (final fields), which any thread may see or replace at any time.
 */
public final class Route {

  private final Allocation allocation;
  private final Party party;
  private volatile Object attachment;

  /**
   * A route to {@code party} of {@code allocation}.
   *
   * @param allocation an active allocation
   * @param party the side that holds the number or PIN looked up
   */
  public Route(Allocation allocation, Party party) {
    this.allocation = Objects.requireNonNull(allocation, "allocation");
    this.party = Objects.requireNonNull(party, "party");
  }

  /** The allocation. */
  public Allocation allocation() {
    return allocation;
  }

  /** The side that holds the number or PIN looked up. */
  public Party party() {
    return party;
  }

  /** What a reader kept with this route, or null. */
  public Object attachment() {
    return attachment;
  }

  /** Keeps an immutable value with this route, replacing any kept before. */
  public void attach(Object value) {
    this.attachment = value;
  }

  @Override
  public String toString() {
    return "Route[" + allocation.greenvnId() + ", party=" + party + "]";
  }
}
