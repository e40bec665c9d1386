package org.greenvn.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.greenvn.store.jdbc.JdbcAllocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a store's routing index coherent with writes by other processes on the same file.
 *
 * <p>Every write logs the allocation it changed in {@code greenvn_change}, in its transaction.
 * This thread asks SQLite every poll interval whether another connection committed since
 * ({@code PRAGMA data_version}, answered from memory), and if so reads the log past the last row
 * it saw and refreshes those allocations. Writes of this store's own node are skipped: they
 * reached the index when they committed. Rows older than a retention are pruned; a reader that
 * finds rows pruned past its position rebuilds the whole index.
 */
final class SqliteChangeFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteChangeFeed.class);
  private static final Duration RETENTION = Duration.ofMinutes(10);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final SqliteDatabase db;
  private final JdbcAllocationStore store;
  private final String node;
  private final long pollMillis;
  private final LongSupplier ticker;
  private final Connection connection;
  private final Thread thread;
  private long lastSeq;
  private long lastDataVersion = Long.MIN_VALUE;
  private long lastPrune;
  private volatile boolean closed;

  SqliteChangeFeed(
      SqliteDatabase db, JdbcAllocationStore store, String node, Duration pollInterval,
      LongSupplier ticker) throws SQLException {
    this.db = db;
    this.store = store;
    this.node = node;
    this.pollMillis = Math.max(1, pollInterval.toMillis());
    this.ticker = ticker;
    this.connection = db.connect();
    long started = ticker.getAsLong();
    lastSeq = maxSeq();
    store.resync();
    store.synced(started);
    lastPrune = started;
    this.thread = new Thread(this::run, "greenvn-sqlite-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!closed) {
      try {
        pollOnce();
        if (ticker.getAsLong() - lastPrune > PRUNE_EVERY.toNanos()) {
          prune();
          lastPrune = ticker.getAsLong();
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        // The index stays untrusted past the staleness bound; try again next poll.
        LOG.warn("Reading the SQLite change log failed; retrying", e);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(pollMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One poll: applies what other processes committed, then reports how far it got. */
  void pollOnce() throws SQLException {
    long started = ticker.getAsLong();
    long dataVersion;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA data_version")) {
      rs.next();
      dataVersion = rs.getLong(1);
    }
    if (dataVersion != lastDataVersion) {
      if (prunedSeq() > lastSeq) {
        lastSeq = maxSeq();
        store.resync();
      } else {
        List<String> changed = new ArrayList<>();
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT seq, node, greenvn_id FROM greenvn_change WHERE seq > ? ORDER BY seq")) {
          select.setLong(1, lastSeq);
          try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              lastSeq = rs.getLong(1);
              if (!node.equals(rs.getString(2))) {
                changed.add(rs.getString(3));
              }
            }
          }
        }
        store.refresh(changed);
      }
      lastDataVersion = dataVersion;
    }
    store.synced(started);
  }

  private long maxSeq() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM greenvn_change")) {
      rs.next();
      return Math.max(rs.getLong(1), prunedSeq());
    }
  }

  private long prunedSeq() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pruned_seq FROM greenvn_change_pruned")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void prune() {
    long cutoff = System.currentTimeMillis() - RETENTION.toMillis();
    db.write(
        c -> {
          long upTo;
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT coalesce(max(seq), 0) FROM greenvn_change WHERE changed_at < ?"
                      + " AND seq < (SELECT max(seq) FROM greenvn_change)")) {
            select.setLong(1, cutoff);
            try (ResultSet rs = select.executeQuery()) {
              rs.next();
              upTo = rs.getLong(1);
            }
          }
          if (upTo > 0) {
            try (PreparedStatement delete =
                    c.prepareStatement("DELETE FROM greenvn_change WHERE seq <= ?");
                PreparedStatement mark =
                    c.prepareStatement(
                        "UPDATE greenvn_change_pruned SET pruned_seq = ? WHERE pruned_seq < ?")) {
              delete.setLong(1, upTo);
              delete.executeUpdate();
              mark.setLong(1, upTo);
              mark.setLong(2, upTo);
              mark.executeUpdate();
            }
          }
          return upTo;
        },
        upTo -> {});
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("Closing the SQLite change feed's connection failed", e);
    }
  }
}
