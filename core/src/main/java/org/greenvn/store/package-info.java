/**
 * Implementations of the {@link org.greenvn.allocation.AllocationStore} SPI. The
 * {@link org.greenvn.store.InMemoryAllocationStore} is the default: fast, and gone with the
 * process. The durable ones are {@link org.greenvn.store.sqlite.SqliteStore} (one file, one
 * node) and {@link org.greenvn.store.postgres.PostgresStore} (several nodes on one database).
 */
package org.greenvn.store;
