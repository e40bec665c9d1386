package org.greenvn.store.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.greenvn.allocation.Allocation;
import org.greenvn.store.RouteKey;

/**
 * The routing look-ups of active allocations, in the heap: route key to the allocation's encoded
 * bytes ({@link AllocationCodec}), shared with an id map used to drop an allocation's old keys.
 * About 360 bytes per active allocation with two numbers (measured by the test sources'
 * {@code RoutingIndexFootprint}): one byte array, one id entry and two route entries.
 *
 * <p>Reads take no lock. Changes are serialized on this object, and each one moves
 * {@link #epoch()} on, so that a reader that fetched an allocation from the database can tell
 * whether caching it could bring back something a change removed meanwhile.
 */
final class RoutingIndex {

  /** A route key on a virtual number; the hash is mixed because pools are sequential. */
  private final Map<RouteKey, byte[]> routes = new ConcurrentHashMap<>();
  private final Map<Object, byte[]> byId = new ConcurrentHashMap<>();
  private final Map<Long, Integer> pinned = new ConcurrentHashMap<>();
  private volatile long epoch;

  /** The encoded allocation holding {@code key} on {@code greenvn}, or null. */
  byte[] route(long greenvn, long key) {
    return routes.get(RouteKey.of(greenvn, key));
  }

  /** Whether an indexed allocation on {@code greenvn} has a PIN. */
  boolean hasPins(long greenvn) {
    return pinned.containsKey(greenvn);
  }

  /** How many allocations are indexed. */
  int size() {
    return byId.size();
  }

  /** Moves on with every change. */
  long epoch() {
    return epoch;
  }

  /** Indexes {@code a} (active) unless a later version of it is indexed already. */
  void put(Allocation a) {
    put(AllocationCodec.encode(a));
  }

  /**
   * Indexes an active allocation given as the database holds it, unless a later version of it
   * is indexed already. Reads only its keys: a start-up loads a million this way.
   */
  synchronized void put(byte[] encoded) {
    AllocationCodec.Routes a = AllocationCodec.routes(encoded);
    byte[] previous = byId.get(a.idKey());
    if (previous != null && AllocationCodec.version(previous) >= a.version()) {
      return;
    }
    // The new keys go in before the old ones go, so a concurrent call never misses a kept key.
    for (long key : a.keys()) {
      routes.put(RouteKey.of(a.greenvn(), key), encoded);
    }
    byId.put(a.idKey(), encoded);
    if (previous != null) {
      unindex(previous);
    }
    if (a.hasPins()) {
      pinned.merge(a.greenvn(), 1, Integer::sum);
    }
    epoch++;
  }

  /** Drops the allocation with this id, if indexed. */
  synchronized void remove(String greenvnId) {
    byte[] previous = byId.remove(IdKeys.of(greenvnId));
    if (previous != null) {
      unindex(previous);
    }
    epoch++;
  }

  /** Drops everything. */
  synchronized void clear() {
    routes.clear();
    byId.clear();
    pinned.clear();
    epoch++;
  }

  /**
   * Removes the route entries that still point at {@code oldBytes} (a key another allocation took
   * meanwhile points elsewhere and stays), and its PIN count.
   */
  private void unindex(byte[] oldBytes) {
    AllocationCodec.Routes old = AllocationCodec.routes(oldBytes);
    for (long key : old.keys()) {
      routes.remove(RouteKey.of(old.greenvn(), key), oldBytes);
    }
    if (old.hasPins()) {
      pinned.computeIfPresent(old.greenvn(), (vn, n) -> n > 1 ? n - 1 : null);
    }
  }
}
