/**
 * Implementations of the {@link org.greenvn.allocation.AllocationStore} SPI. The
 * {@link org.greenvn.store.InMemoryAllocationStore} is the default: fast, and gone with the
 * process.
 */
package org.greenvn.store;
