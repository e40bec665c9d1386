package org.greenvn.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.greenvn.store.jdbc.SqlDatabase;
import org.greenvn.store.jdbc.SqlWork;
import org.greenvn.store.jdbc.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite file: a single writer connection on its own thread, and a few reader connections.
 *
 * <p>SQLite lets one transaction write at a time, and with {@code synchronous=FULL} each commit
 * waits for the disk. So the writer thread commits in groups: it takes every write waiting in
 * its queue (up to {@link #MAX_GROUP}), runs each inside a savepoint of one transaction (a
 * refused or failed write is rolled back to its savepoint alone), commits once, and only then
 * answers the writers. Under concurrency one disk flush serves many writes; alone, a write costs
 * one commit as it would anyway.
 */
final class SqliteDatabase implements SqlDatabase, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
  private static final int MAX_GROUP = 512;
  private static final int READERS = 4;

  /** A write waiting for the writer thread. */
  private static final class Task<T> {
    final SqlWork<T> work;
    final Consumer<? super T> afterCommit;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;
    RuntimeException refusal;

    Task(SqlWork<T> work, Consumer<? super T> afterCommit) {
      this.work = work;
      this.afterCommit = afterCommit;
    }

    void run(Connection c) throws SQLException {
      result = work.run(c);
    }

    void committed() {
      try {
        afterCommit.accept(result);
      } finally {
        done.complete(result);
      }
    }
  }

  private static final Task<Void> STOP = new Task<>(c -> null, r -> {});

  private final String url;
  private final Properties properties;
  private final String node;
  private final Connection writer;
  private final CachedStatements writerStatements;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final List<Connection> allReaders = new ArrayList<>();
  private final Thread writerThread;
  private volatile boolean closed;

  SqliteDatabase(Path file, SqliteStore.Synchronous synchronous, Duration busyTimeout, String node)
      throws SQLException {
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.node = node;
    this.properties = new Properties();
    properties.setProperty("journal_mode", "WAL");
    properties.setProperty("synchronous", synchronous.name());
    properties.setProperty("busy_timeout", Long.toString(busyTimeout.toMillis()));
    properties.setProperty("foreign_keys", "true");
    // Nothing here reads generated keys; left on, the driver matches every statement against a
    // regular expression and runs "SELECT last_insert_rowid()" after each INSERT, on the writer.
    properties.setProperty("jdbc.get_generated_keys", "false");
    this.writer = connect();
    this.writerStatements = new CachedStatements(writer);
    try {
      for (int i = 0; i < READERS; i++) {
        Connection reader = connect();
        try (Statement s = reader.createStatement()) {
          s.execute("PRAGMA query_only = true");
        }
        allReaders.add(reader);
        readers.add(reader);
      }
    } catch (SQLException e) {
      closeQuietly();
      throw e;
    }
    this.writerThread = new Thread(this::writeLoop, "greenvn-sqlite-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  /** A new connection to the file, with the store's pragmas. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }

  String url() {
    return url;
  }

  @Override
  public <T> T write(SqlWork<T> work, Consumer<? super T> afterCommit) {
    if (closed) {
      throw new IllegalStateException("The SQLite store is closed");
    }
    Task<T> task = new Task<>(work, afterCommit);
    queue.add(task);
    try {
      return task.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted waiting for a SQLite commit", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new StoreException("SQLite write failed", e.getCause());
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    Connection c;
    try {
      c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted waiting for a SQLite reader", e);
    }
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("SQLite read failed", e);
    } finally {
      readers.add(c);
    }
  }

  @Override
  public String forUpdate() {
    return ""; // one writer at a time: what the transaction read cannot change under it
  }

  @Override
  public String forUpdateSkipLocked() {
    return "";
  }

  @Override
  public void recordChange(Connection c, String greenvnId) throws SQLException {
    try (var insert =
        c.prepareStatement(
            "INSERT INTO greenvn_change (node, greenvn_id, changed_at) VALUES (?, ?, ?)")) {
      insert.setString(1, node);
      insert.setString(2, greenvnId);
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  private void writeLoop() {
    List<Task<?>> group = new ArrayList<>();
    while (true) {
      group.clear();
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(group, MAX_GROUP - 1);
      boolean stop = group.remove(STOP);
      if (!group.isEmpty()) {
        commitGroup(group);
      }
      if (stop) {
        // Whatever arrived with or after STOP is refused: the store is closing.
        for (Task<?> late : queue) {
          late.done.completeExceptionally(new IllegalStateException("The SQLite store is closed"));
        }
        return;
      }
    }
  }

  private void commitGroup(List<Task<?>> group) {
    List<Task<?>> succeeded = new ArrayList<>(group.size());
    Connection c = writerStatements.connection();
    try (Statement s = writer.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        for (Task<?> task : group) {
          execute(c, "SAVEPOINT w");
          try {
            task.run(c);
            execute(c, "RELEASE w");
            succeeded.add(task);
          } catch (RuntimeException | SQLException e) {
            execute(c, "ROLLBACK TO w");
            execute(c, "RELEASE w");
            task.done.completeExceptionally(
                e instanceof SQLException ? new StoreException("SQLite write failed", e) : e);
          }
        }
        s.execute("COMMIT");
      } catch (SQLException e) {
        rollbackQuietly(s);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      LOG.error("SQLite commit of {} writes failed", group.size(), e);
      StoreException failure = new StoreException("SQLite commit failed", e);
      for (Task<?> task : succeeded) {
        task.done.completeExceptionally(failure);
      }
      for (Task<?> task : group) {
        task.done.completeExceptionally(failure); // no-op for those already answered
      }
      return;
    }
    for (Task<?> task : succeeded) {
      try {
        task.committed();
      } catch (RuntimeException e) {
        LOG.error("Index update after a SQLite commit failed", e);
      }
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (var statement = c.prepareStatement(sql)) {
      statement.execute();
    }
  }

  private static void rollbackQuietly(Statement s) {
    try {
      s.execute("ROLLBACK");
    } catch (SQLException e) {
      LOG.warn("SQLite rollback failed", e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      writerThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    for (Connection reader : allReaders) {
      try {
        reader.close();
      } catch (SQLException e) {
        LOG.warn("Closing a SQLite reader failed", e);
      }
    }
    try {
      writerStatements.close();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Closing the SQLite writer's statements failed", e);
    }
    try {
      writer.close();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Closing the SQLite writer failed", e);
    }
  }
}
