package org.greenvn.http;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.greenvn.allocation.Allocation;
import org.greenvn.store.ForwardingAllocationStore;

/**
 * An in-memory store whose writes fail while {@link #failWrites} is set, as a broken disk's, and
 * whose inserts wait at {@link #insertGate} while one is set, to hold a request mid-way.
 */
final class FailingStore extends ForwardingAllocationStore {

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
}
