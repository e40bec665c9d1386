package org.greenvn.store.sqlite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.greenvn.store.jdbc.JdbcAllocationStore;

/** Test help: empties a SQLite store in place, faster than opening (and migrating) a new file. */
final class TestSqlite {

  private TestSqlite() {}

  /** Deletes every allocation, release and outbox entry, and rebuilds the routing index. */
  static void empty(SqliteStore store) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      s.execute("BEGIN IMMEDIATE");
      s.execute("DELETE FROM greenvn_route");
      s.execute("DELETE FROM greenvn_allocation");
      s.execute("DELETE FROM greenvn_release");
      s.execute("DELETE FROM greenvn_webhook");
      s.execute("COMMIT");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    ((JdbcAllocationStore) store.allocations()).resync();
  }
}
