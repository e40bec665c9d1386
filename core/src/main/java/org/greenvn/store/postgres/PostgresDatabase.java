package org.greenvn.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.greenvn.store.jdbc.SqlDatabase;
import org.greenvn.store.jdbc.SqlWork;
import org.greenvn.store.jdbc.StoreException;

/**
 * PostgreSQL through a HikariCP pool. Each write is one READ COMMITTED transaction; one that
 * the server aborted as a deadlock or a serialization failure (two writers meeting on the same
 * route rows in a bad order) is run again, a few times, as nothing of it was kept.
 */
final class PostgresDatabase implements SqlDatabase, AutoCloseable {

  private static final int MAX_ATTEMPTS = 5;
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK_DETECTED = "40P01";

  private final HikariDataSource pool;
  private final String channel;
  private final String node;

  PostgresDatabase(
      String jdbcUrl, String user, String password, int poolSize, String schema, String node) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setAutoCommit(false);
    // A startup parameter, not Hikari's setSchema: that one runs SET inside the connection's
    // first transaction (auto-commit is off), and a first transaction that rolls back (a refused
    // write) would take the search path with it.
    config.addDataSourceProperty("currentSchema", schema);
    config.setPoolName("greenvn-postgres");
    this.pool = new HikariDataSource(config);
    this.channel = channelOf(schema);
    this.node = node;
  }

  /** The NOTIFY channel of the store in {@code schema}: one per schema, so stores stay apart. */
  static String channelOf(String schema) {
    return "greenvn_changes_" + schema;
  }

  DataSource dataSource() {
    return pool;
  }

  @Override
  public <T> T write(SqlWork<T> work, Consumer<? super T> afterCommit) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        T result;
        try {
          result = work.run(c);
          c.commit();
        } catch (SQLException | RuntimeException e) {
          rollback(c, e);
          throw e;
        }
        afterCommit.accept(result);
        return result;
      } catch (SQLException e) {
        String state = e.getSQLState();
        boolean retryable =
            SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state);
        if (!retryable || attempt == MAX_ATTEMPTS) {
          throw new StoreException("PostgreSQL write failed", e);
        }
      }
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      try {
        return work.run(c);
      } finally {
        c.rollback(); // ends the read's transaction; it wrote nothing
      }
    } catch (SQLException e) {
      throw new StoreException("PostgreSQL read failed", e);
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public String forUpdate() {
    return " FOR UPDATE";
  }

  @Override
  public String forUpdateSkipLocked() {
    return " FOR UPDATE SKIP LOCKED";
  }

  @Override
  public void recordChange(Connection c, String greenvnId) throws SQLException {
    // Sent at commit, to every listening node; a rolled-back write sends nothing.
    try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, channel);
      notify.setString(2, node + " " + greenvnId);
      notify.execute();
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
