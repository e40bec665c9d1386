package org.greenvn.allocation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;

/**
 * Where allocations are kept: the SPI behind the engine.
 *
 * <p>A store owns the rule that keeps calls from reaching strangers: on one virtual number, no
 * number and no PIN belongs to two active allocations, and within a tenant no two active
 * allocations share a {@code connection_id}. {@link #insert} and {@link #replace} check it
 * atomically with the write and refuse with {@link AllocationConflictException}; a refused write
 * changes nothing. That holds even when several engines share the store.
 *
 * <p>Implementations are thread-safe and pass the contract test in this project's test sources
 * ({@code AllocationStoreContract}). Look-ups by number are on the routing path: keep them fast.
 */
public interface AllocationStore {

  /**
   * Adds a new active allocation.
   *
   * @throws AllocationConflictException if its connection id is active in its tenant, or one of
   *     its numbers or PINs is held on its virtual number by another active allocation
   * @throws IllegalArgumentException if an allocation with its id exists, or it is not active
   */
  void insert(Allocation allocation);

  /**
   * Replaces {@code current} with {@code next} (the same allocation, one version later), only if
   * the stored version is still {@code current}'s.
   *
   * @throws StaleAllocationException if the stored allocation is not at {@code current}'s version
   * @throws AllocationConflictException if {@code next} is active and one of its numbers or PINs
   *     is held on its virtual number by another active allocation
   */
  void replace(Allocation current, Allocation next);

  /** The allocation with this id, active or in the vault. */
  Optional<Allocation> find(String greenvnId);

  /** The active allocation of this tenant with this connection id. */
  Optional<Allocation> findActiveByConnectionId(String tenantSid, String connectionId);

  /** The active allocation on {@code greenvn} that has {@code number} on either side. */
  Optional<Allocation> findActiveByNumber(PhoneNumber greenvn, PhoneNumber number);

  /**
   * The active allocation on {@code greenvn} that has {@code number}, with the side that has it:
   * the look-up of every call from a known caller. The default asks {@link #findActiveByNumber}
   * and {@link Allocation#partyOf}; a store that keeps a {@link Route} per indexed number can
   * return it and spare the call that walk.
   */
  default Optional<Route> findActiveRoute(PhoneNumber greenvn, PhoneNumber number) {
    Optional<Allocation> found = findActiveByNumber(greenvn, number);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Allocation allocation = found.get();
    return allocation.partyOf(number).map(party -> new Route(allocation, party));
  }

  /** The active allocation on {@code greenvn} that has {@code pin} on either side. */
  Optional<Allocation> findActiveByPin(PhoneNumber greenvn, Pin pin);

  /** Whether an active allocation on {@code greenvn} has a PIN. */
  boolean hasActiveWithPins(PhoneNumber greenvn);

  /**
   * Active allocations of these tenants whose expiry is at or before {@code now}, soonest first,
   * at most {@code limit}.
   */
  List<Allocation> dueForExpiry(Collection<String> tenantSids, Instant now, int limit);

  /**
   * Forgets allocations that went to the vault before {@code cutoff}, at most {@code limit} of
   * them, oldest first: after that their ids are unknown. Active allocations are never touched.
   *
   * @return how many were forgotten
   */
  int purgeVaultedBefore(Instant cutoff, int limit);

  /** The number of active allocations on each of the tenant's virtual numbers that has any. */
  Map<PhoneNumber, Integer> activeCountByGreenvn(String tenantSid);

  /**
   * When an allocation last left each of the tenant's virtual numbers, to the vault or to another
   * number: the {@link Allocation#updatedAt()} of that change.
   */
  Map<PhoneNumber, Instant> lastReleaseByGreenvn(String tenantSid);
}
