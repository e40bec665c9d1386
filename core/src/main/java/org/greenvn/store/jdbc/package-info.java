/**
 * What the SQL stores share: the {@link org.greenvn.store.jdbc.JdbcAllocationStore} and
 * {@link org.greenvn.store.jdbc.JdbcWebhookOutbox} over one schema, written against a
 * {@link org.greenvn.store.jdbc.SqlDatabase} that each database supplies.
 *
 * <p>Users open a store with {@link org.greenvn.store.sqlite.SqliteStore} or
 * {@link org.greenvn.store.postgres.PostgresStore}; the types here are public only so those
 * packages can build on them. The engine packages never import this one.
 */
package org.greenvn.store.jdbc;
