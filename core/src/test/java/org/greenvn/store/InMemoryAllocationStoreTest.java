package org.greenvn.store;

import org.greenvn.allocation.AllocationStore;

/** {@link InMemoryAllocationStore} against the store contract. */
class InMemoryAllocationStoreTest extends AllocationStoreContract {

  @Override
  protected AllocationStore newStore() {
    return new InMemoryAllocationStore();
  }
}
