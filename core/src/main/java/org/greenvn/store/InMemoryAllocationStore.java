package org.greenvn.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationConflictException;
import org.greenvn.allocation.AllocationConflictException.Kind;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Route;
import org.greenvn.allocation.StaleAllocationException;
import org.greenvn.phone.PhoneNumber;

/**
 * An {@link AllocationStore} in the heap: every look-up is a hash-map read, and nothing survives
 * the process. Allocations in the vault stay until {@link #purgeVaultedBefore} forgets them
 * (the engine's sweep does, after its vault retention).
 *
 * <p>Writes are serialized on one monitor and checked before anything changes, so a refused write
 * leaves no trace. Reads take no lock: a reader racing a write may see the allocation before or
 * after it, never a torn value.
 */
public final class InMemoryAllocationStore implements AllocationStore {

  /** A connection id within one tenant. */
  private record TenantKey(String tenantSid, String key) {}

  private record Due(Instant at, String greenvnId) {}

  private static final Comparator<Due> SOONEST =
      Comparator.comparing(Due::at).thenComparing(Due::greenvnId);

  private final Map<String, Allocation> byId = new ConcurrentHashMap<>();
  // One Route per key, made when the allocation is indexed: a call reads its side from it.
  private final Map<RouteKey, Route> routes = new ConcurrentHashMap<>();
  private final Map<TenantKey, String> connections = new ConcurrentHashMap<>();
  private final Map<PhoneNumber, Integer> pinnedCount = new ConcurrentHashMap<>();
  private final Map<String, Map<PhoneNumber, Integer>> activeCount = new ConcurrentHashMap<>();
  private final Map<String, Map<PhoneNumber, Instant>> lastRelease = new ConcurrentHashMap<>();
  private final Set<Due> expiries = new ConcurrentSkipListSet<>(SOONEST);
  private final Set<Due> vaulted = new ConcurrentSkipListSet<>(SOONEST);

  /** An empty store. */
  public InMemoryAllocationStore() {}

  @Override
  public synchronized void insert(Allocation allocation) {
    if (!allocation.isActive()) {
      throw new IllegalArgumentException("Only active allocations are inserted");
    }
    if (byId.containsKey(allocation.greenvnId())) {
      throw new IllegalArgumentException("Allocation exists: " + allocation.greenvnId());
    }
    TenantKey connection = new TenantKey(allocation.tenantSid(), allocation.connectionId());
    if (connections.containsKey(connection)) {
      throw new AllocationConflictException(Kind.CONNECTION_ID, allocation.greenvn());
    }
    checkKeysFree(allocation);
    byId.put(allocation.greenvnId(), allocation);
    connections.put(connection, allocation.greenvnId());
    index(allocation);
  }

  @Override
  public synchronized void replace(Allocation current, Allocation next) {
    Objects.requireNonNull(next, "next");
    if (!current.greenvnId().equals(next.greenvnId())
        || !current.tenantSid().equals(next.tenantSid())) {
      throw new IllegalArgumentException("replace must keep the allocation's id and tenant");
    }
    Allocation stored = byId.get(current.greenvnId());
    if (stored == null || stored.version() != current.version()) {
      throw new StaleAllocationException(current.greenvnId());
    }
    if (next.isActive()) {
      if (!stored.isActive()) {
        throw new IllegalArgumentException("A vaulted allocation stays in the vault");
      }
      checkKeysFree(next);
    }
    byId.put(next.greenvnId(), next);
    TenantKey connection = new TenantKey(next.tenantSid(), next.connectionId());
    if (next.isActive()) {
      // Index the new keys before dropping the old ones, so a concurrent call never misses.
      index(next);
      unindex(stored, next);
      if (!next.greenvn().equals(stored.greenvn())) {
        recordRelease(stored.tenantSid(), stored.greenvn(), next.updatedAt());
      }
    } else if (stored.isActive()) {
      unindex(stored, null);
      connections.remove(connection, next.greenvnId());
      recordRelease(stored.tenantSid(), stored.greenvn(), next.updatedAt());
      vaulted.add(new Due(vaultedAt(next), next.greenvnId()));
    }
  }

  private void recordRelease(String tenantSid, PhoneNumber greenvn, Instant at) {
    lastRelease
        .computeIfAbsent(tenantSid, t -> new ConcurrentHashMap<>())
        .merge(greenvn, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Throws if a number or PIN of {@code allocation} is held by another active allocation. */
  private void checkKeysFree(Allocation allocation) {
    for (PhoneNumber number : allocation.allNumbers()) {
      Route holder = routes.get(RouteKey.of(allocation.greenvn(), number));
      if (holder != null && !holder.allocation().greenvnId().equals(allocation.greenvnId())) {
        throw new AllocationConflictException(Kind.NUMBER, allocation.greenvn());
      }
    }
    for (Pin pin : allocation.allPins()) {
      Route holder = routes.get(RouteKey.of(allocation.greenvn(), pin));
      if (holder != null && !holder.allocation().greenvnId().equals(allocation.greenvnId())) {
        throw new AllocationConflictException(Kind.PIN, allocation.greenvn());
      }
    }
  }

  private void index(Allocation a) {
    // The side as Allocation.partyOf reads it, so a route answers as the allocation would.
    for (PhoneNumber number : a.allNumbers()) {
      routes.put(RouteKey.of(a.greenvn(), number), new Route(a, a.partyOf(number).orElseThrow()));
    }
    for (Pin pin : a.allPins()) {
      routes.put(RouteKey.of(a.greenvn(), pin), new Route(a, a.partyOfPin(pin).orElseThrow()));
    }
    if (a.hasPins()) {
      pinnedCount.merge(a.greenvn(), 1, Integer::sum);
    }
    activeCount
        .computeIfAbsent(a.tenantSid(), t -> new ConcurrentHashMap<>())
        .merge(a.greenvn(), 1, Integer::sum);
    expiries.add(new Due(a.expiresAt(), a.greenvnId()));
  }

  /** Removes what indexes {@code a}, except the keys that {@code kept} indexes in its place. */
  private void unindex(Allocation a, Allocation kept) {
    Set<RouteKey> keptKeys = kept != null ? new HashSet<>(keys(kept)) : Set.of();
    for (RouteKey key : keys(a)) {
      if (!keptKeys.contains(key)) {
        routes.remove(key);
      }
    }
    if (a.hasPins()) {
      pinnedCount.computeIfPresent(a.greenvn(), (vn, n) -> n > 1 ? n - 1 : null);
    }
    activeCount
        .getOrDefault(a.tenantSid(), Map.of())
        .computeIfPresent(a.greenvn(), (vn, n) -> n > 1 ? n - 1 : null);
    if (kept == null || !kept.expiresAt().equals(a.expiresAt())) {
      expiries.remove(new Due(a.expiresAt(), a.greenvnId()));
    }
  }

  private static List<RouteKey> keys(Allocation a) {
    List<RouteKey> keys = new ArrayList<>();
    for (PhoneNumber number : a.allNumbers()) {
      keys.add(RouteKey.of(a.greenvn(), number));
    }
    for (Pin pin : a.allPins()) {
      keys.add(RouteKey.of(a.greenvn(), pin));
    }
    return keys;
  }

  @Override
  public Optional<Allocation> find(String greenvnId) {
    return Optional.ofNullable(byId.get(greenvnId));
  }

  @Override
  public Optional<Allocation> findActiveByConnectionId(String tenantSid, String connectionId) {
    String id = connections.get(new TenantKey(tenantSid, connectionId));
    return id == null ? Optional.empty() : find(id).filter(Allocation::isActive);
  }

  @Override
  public Optional<Allocation> findActiveByNumber(PhoneNumber greenvn, PhoneNumber number) {
    Route route = routes.get(RouteKey.of(greenvn, number));
    return route == null ? Optional.empty() : Optional.of(route.allocation());
  }

  @Override
  public Optional<Route> findActiveRoute(PhoneNumber greenvn, PhoneNumber number) {
    return Optional.ofNullable(routes.get(RouteKey.of(greenvn, number)));
  }

  @Override
  public Optional<Allocation> findActiveByPin(PhoneNumber greenvn, Pin pin) {
    Route route = routes.get(RouteKey.of(greenvn, pin));
    return route == null ? Optional.empty() : Optional.of(route.allocation());
  }

  @Override
  public boolean hasActiveWithPins(PhoneNumber greenvn) {
    return pinnedCount.containsKey(greenvn);
  }

  @Override
  public List<Allocation> dueForExpiry(Collection<String> tenantSids, Instant now, int limit) {
    Set<String> tenants = Set.copyOf(tenantSids);
    List<Allocation> due = new ArrayList<>();
    for (Due entry : expiries) {
      if (entry.at().isAfter(now) || due.size() >= limit) {
        break;
      }
      Allocation allocation = byId.get(entry.greenvnId());
      if (allocation != null && allocation.isActive() && tenants.contains(allocation.tenantSid())) {
        due.add(allocation);
      }
    }
    return due;
  }

  @Override
  public synchronized int purgeVaultedBefore(Instant cutoff, int limit) {
    int purged = 0;
    for (var it = vaulted.iterator(); it.hasNext() && purged < limit; ) {
      Due entry = it.next();
      if (!entry.at().isBefore(cutoff)) {
        break;
      }
      it.remove();
      Allocation allocation = byId.get(entry.greenvnId());
      if (allocation != null && !allocation.isActive()) {
        byId.remove(entry.greenvnId());
        purged++;
      }
    }
    return purged;
  }

  private static Instant vaultedAt(Allocation a) {
    return a.deallocatedAt().orElse(a.updatedAt());
  }

  @Override
  public Map<PhoneNumber, Integer> activeCountByGreenvn(String tenantSid) {
    return Map.copyOf(activeCount.getOrDefault(tenantSid, Map.of()));
  }

  @Override
  public Map<PhoneNumber, Instant> lastReleaseByGreenvn(String tenantSid) {
    return Map.copyOf(lastRelease.getOrDefault(tenantSid, Map.of()));
  }
}
