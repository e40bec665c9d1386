/**
 * The embedded durable store: one SQLite file under a data directory, opened with
 * {@link org.greenvn.store.sqlite.SqliteStore#open(java.nio.file.Path)}. The standalone server's
 * default.
 */
package org.greenvn.store.sqlite;
