/**
 * The shared durable store: PostgreSQL through a connection pool, for several router nodes on
 * one state. Opened with {@link org.greenvn.store.postgres.PostgresStore#open}.
 */
package org.greenvn.store.postgres;
