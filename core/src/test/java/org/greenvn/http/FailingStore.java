package org.greenvn.http;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.Pin;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.store.InMemoryAllocationStore;

/**
 * An in-memory store whose writes fail while {@link #failWrites} is set, as a broken disk's, and
 * whose inserts wait at {@link #insertGate} while one is set, to hold a request mid-way.
 */
final class FailingStore implements AllocationStore {

  private final InMemoryAllocationStore delegate = new InMemoryAllocationStore();
  volatile boolean failWrites;
  volatile CountDownLatch insertGate;
  final CountDownLatch insertReached = new CountDownLatch(1);

  private void check() {
    if (failWrites) {
      throw new IllegalStateException("The store cannot write");
    }
  }

  @Override
  public void insert(Allocation allocation) {
    CountDownLatch gate = insertGate;
    if (gate != null) {
      insertReached.countDown();
      try {
        if (!gate.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("The test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    check();
    delegate.insert(allocation);
  }

  @Override
  public void replace(Allocation current, Allocation next) {
    check();
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
