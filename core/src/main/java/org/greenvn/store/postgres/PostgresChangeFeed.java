package org.greenvn.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.greenvn.store.jdbc.JdbcAllocationStore;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a store's routing index coherent with the other nodes' writes through LISTEN/NOTIFY.
 *
 * <p>Every write sends a notification with its allocation's id at commit. This thread listens on
 * a connection of its own, outside the pool, and refreshes each notified allocation as it
 * arrives (its own node's are skipped: they reached the index at commit). Every heartbeat it runs
 * a query on that connection: PostgreSQL delivers every notification committed before the query
 * with its answer, so once they are applied the index is known to be current as of the moment
 * the query was sent, and it tells the store so. When the connection fails, the store stops
 * trusting the index once its staleness bound passes; the feed reconnects, listens again,
 * rebuilds the index from the database, and is trusted again.
 */
final class PostgresChangeFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
  private static final long RECONNECT_PAUSE_MILLIS = 500;

  private final String url;
  private final Properties properties;
  private final String channel;
  private final JdbcAllocationStore store;
  private final String node;
  private final int heartbeatMillis;
  private final LongSupplier ticker;
  private final Thread thread;
  private volatile Connection connection;
  private volatile boolean closed;

  PostgresChangeFeed(
      String url, String user, String password, String schema, JdbcAllocationStore store,
      String node, Duration heartbeat, LongSupplier ticker) throws SQLException {
    this.url = url;
    this.properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("currentSchema", schema);
    properties.setProperty("ApplicationName", "greenvn-change-feed");
    this.channel = PostgresDatabase.channelOf(schema);
    this.store = store;
    this.node = node;
    this.heartbeatMillis = (int) Math.max(1, heartbeat.toMillis());
    this.ticker = ticker;
    // The first connection is made here, so a store that opens is routable and coherent.
    connectAndResync();
    this.thread = new Thread(this::run, "greenvn-postgres-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private void connectAndResync() throws SQLException {
    long started = ticker.getAsLong();
    Connection c = DriverManager.getConnection(url, properties);
    try {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
      }
      // Listening before the rebuild: a change committed during it is notified after it too.
      store.resync();
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    connection = c;
    store.synced(started);
  }

  private void run() {
    while (!closed) {
      try {
        if (connection == null) {
          connectAndResync();
          LOG.info("PostgreSQL change feed reconnected; routing index rebuilt");
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        apply(pg.getNotifications(heartbeatMillis));
        long started = ticker.getAsLong();
        try (Statement s = connection.createStatement()) {
          s.execute("SELECT 1");
        }
        apply(pg.getNotifications());
        store.synced(started);
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn("PostgreSQL change feed lost its connection; reconnecting", e);
        closeConnection();
        try {
          Thread.sleep(RECONNECT_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void apply(PGNotification[] notifications) {
    if (notifications == null || notifications.length == 0) {
      return;
    }
    List<String> changed = new ArrayList<>(notifications.length);
    for (PGNotification n : notifications) {
      String payload = n.getParameter();
      int space = payload.indexOf(' ');
      if (space > 0 && !payload.substring(0, space).equals(node)) {
        changed.add(payload.substring(space + 1));
      }
    }
    store.refresh(changed);
  }

  /** Breaks the feed's connection, as a network failure would: for tests of the reconnection. */
  void dropConnection() {
    closeConnection();
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("Closing the change feed's connection failed", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    closeConnection();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
