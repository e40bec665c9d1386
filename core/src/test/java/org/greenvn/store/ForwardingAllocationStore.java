package org.greenvn.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Route;
import org.greenvn.phone.PhoneNumber;

/**
 * A store that passes every call to an in-memory store, for tests that change one call (a write
 * that fails, waits, or lets a rival in first) and keep the rest as they are.
 */
public abstract class ForwardingAllocationStore implements AllocationStore {

  /** The store every call not overridden goes to. */
  protected final InMemoryAllocationStore delegate = new InMemoryAllocationStore();

  @Override
  public void insert(Allocation allocation) {
    delegate.insert(allocation);
  }

  @Override
  public void replace(Allocation current, Allocation next) {
    delegate.replace(current, next);
  }

  @Override
  public Optional<Allocation> find(String greenvnId) {
    return delegate.find(greenvnId);
  }

  @Override
  public Optional<Allocation> findActiveByConnectionId(String tenantSid, String connectionId) {
    return delegate.findActiveByConnectionId(tenantSid, connectionId);
  }

  @Override
  public Optional<Allocation> findActiveByNumber(PhoneNumber greenvn, PhoneNumber number) {
    return delegate.findActiveByNumber(greenvn, number);
  }

  @Override
  public Optional<Route> findActiveRoute(PhoneNumber greenvn, PhoneNumber number) {
    return delegate.findActiveRoute(greenvn, number);
  }

  @Override
  public Optional<Allocation> findActiveByPin(PhoneNumber greenvn, Pin pin) {
    return delegate.findActiveByPin(greenvn, pin);
  }

  @Override
  public boolean hasActiveWithPins(PhoneNumber greenvn) {
    return delegate.hasActiveWithPins(greenvn);
  }

  @Override
  public List<Allocation> dueForExpiry(Collection<String> tenantSids, Instant now, int limit) {
    return delegate.dueForExpiry(tenantSids, now, limit);
  }

  @Override
  public int purgeVaultedBefore(Instant cutoff, int limit) {
    return delegate.purgeVaultedBefore(cutoff, limit);
  }

  @Override
  public Map<PhoneNumber, Integer> activeCountByGreenvn(String tenantSid) {
    return delegate.activeCountByGreenvn(tenantSid);
  }

  @Override
  public Map<PhoneNumber, Instant> lastReleaseByGreenvn(String tenantSid) {
    return delegate.lastReleaseByGreenvn(tenantSid);
  }
}
