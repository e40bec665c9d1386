package org.greenvn.store.durability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.jdbc.JdbcAllocationStore;
import org.greenvn.store.postgres.PostgresStore;
import org.greenvn.store.sqlite.SqliteStore;

/**
 * Which durable store a child engine and the test that checks it open: a SQLite data directory,
 * or a schema of a PostgreSQL database. It travels to the child as one line of text on its stdin
 * (never on a command line, where a password in the URL would show in {@code ps}).
 */
public final class StoreSpec {

  private final String kind;
  private final String location;
  private final String schema;

  private StoreSpec(String kind, String location, String schema) {
    this.kind = kind;
    this.location = location;
    this.schema = schema;
  }

  /** The SQLite store in this data directory. */
  public static StoreSpec sqlite(Path dataDir) {
    return new StoreSpec("sqlite", dataDir.toAbsolutePath().toString(), "-");
  }

  /** The PostgreSQL store in {@code schema} of the database at {@code jdbcUrl}. */
  public static StoreSpec postgres(String jdbcUrl, String schema) {
    return new StoreSpec("postgres", jdbcUrl, schema);
  }

  /** The spec as {@link #decode} reads it: kind, schema and location, tab-separated. */
  String encode() {
    return kind + "\t" + schema + "\t" + location;
  }

  static StoreSpec decode(String text) {
    String[] parts = text.split("\t", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("Not a store spec");
    }
    return new StoreSpec(parts[0], parts[2], parts[1]);
  }

  boolean isSqlite() {
    return kind.equals("sqlite");
  }

  /** Opens the store as a router node would. */
  Opened open() {
    if (isSqlite()) {
      SqliteStore store = SqliteStore.open(Path.of(location));
      return new Opened(store.allocations(), store);
    }
    PostgresStore store = PostgresStore.builder(location).schema(schema).poolSize(4).open();
    return new Opened(store.allocations(), store);
  }

  /** A plain JDBC connection to the store's tables, outside any store. */
  Connection connect() throws SQLException {
    if (isSqlite()) {
      return DriverManager.getConnection(
          "jdbc:sqlite:" + Path.of(location).resolve(SqliteStore.FILE_NAME));
    }
    Connection c = DriverManager.getConnection(location);
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
    }
    return c;
  }

  @Override
  public String toString() {
    // The location may hold a password: only the kind and schema are shown.
    return isSqlite() ? "SQLite store" : "PostgreSQL store in schema " + schema;
  }

  /** An opened store: its allocations and what closes it. */
  static final class Opened implements AutoCloseable {
    private final AllocationStore allocations;
    private final AutoCloseable closer;

    Opened(AllocationStore allocations, AutoCloseable closer) {
      this.allocations = Objects.requireNonNull(allocations);
      this.closer = closer;
    }

    AllocationStore allocations() {
      return allocations;
    }

    /** How many active allocations the store's routing index holds. */
    int indexed() {
      return ((JdbcAllocationStore) allocations).indexedCount();
    }

    @Override
    public void close() {
      try {
        closer.close();
      } catch (Exception e) {
        throw new IllegalStateException("Closing the store failed", e);
      }
    }
  }
}
