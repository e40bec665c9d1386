package org.greenvn.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.flywaydb.core.Flyway;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.jdbc.JdbcAllocationStore;
import org.greenvn.store.jdbc.JdbcWebhookOutbox;
import org.greenvn.store.jdbc.StoreException;
import org.greenvn.webhook.WebhookOutbox;

/**
 * greenvn's state in one SQLite file, {@value #FILE_NAME} under a data directory: allocations
 * and the webhook outbox, migrated to the current schema when opened.
 *
 * <pre>{@code
 * try (SqliteStore sqlite = SqliteStore.open(Path.of("/var/lib/greenvn"))) {
 *   GreenVn greenVn = GreenVn.builder().store(sqlite.allocations()).tenant(acme).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>An acknowledged write is on disk: the file is in WAL mode with {@code synchronous=FULL}
 * unless configured otherwise, and concurrent writes share a commit (see the package's writer).
 * Routing look-ups are answered from memory; see {@link JdbcAllocationStore} for the staleness
 * bound when several processes open one file (one process per file is the usual setup). Closing
 * stops the writer and the change feed; the engine using the store must be closed first.
 */
public final class SqliteStore implements AutoCloseable {

  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "greenvn.db";

  /** SQLite's {@code synchronous} setting: how hard a commit waits for the disk. */
  public enum Synchronous {
    /** Every commit is flushed to disk before it is acknowledged: survives a power cut. */
    FULL,
    /**
     * Commits survive a crash of the process but the last ones may be lost in a power cut or an
     * operating-system crash.
     */
    NORMAL
  }

  private final Path file;
  private final SqliteDatabase db;
  private final JdbcAllocationStore allocations;
  private final JdbcWebhookOutbox outbox;
  private final SqliteChangeFeed feed;

  private SqliteStore(Builder builder) throws SQLException {
    this.file = builder.dataDir.resolve(FILE_NAME);
    String node = UUID.randomUUID().toString();
    SqliteDatabase opened =
        new SqliteDatabase(file, builder.synchronous, builder.busyTimeout, node);
    try {
      Flyway.configure()
          .dataSource(opened.url(), null, null)
          .locations("classpath:db/greenvn/sqlite")
          .table("greenvn_schema_history")
          .load()
          .migrate();
      this.allocations =
          new JdbcAllocationStore(opened, builder.maxStaleness, builder.ticker);
      this.outbox = new JdbcWebhookOutbox(opened);
      this.feed =
          new SqliteChangeFeed(opened, allocations, node, builder.pollInterval, builder.ticker);
    } catch (SQLException | RuntimeException e) {
      opened.close();
      throw e;
    }
    this.db = opened;
  }

  /** Opens (creating if need be) the store in {@code dataDir} with the default settings. */
  public static SqliteStore open(Path dataDir) {
    return builder(dataDir).open();
  }

  /** A builder for a store in {@code dataDir}, to change the settings. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** The allocations. */
  public AllocationStore allocations() {
    return allocations;
  }

  /** The durable webhook outbox, in the same file. */
  public WebhookOutbox webhookOutbox() {
    return outbox;
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Stops the change feed alone, as if it hung: for tests of the staleness bound. */
  void stopChangeFeed() {
    feed.close();
  }

  /** Stops the change feed and the writer, after the writes already queued are committed. */
  @Override
  public void close() {
    feed.close();
    db.close();
  }

  /**
   * Settings of a {@link SqliteStore}. Defaults: {@code synchronous=FULL}, a busy timeout of 5 s,
   * a maximum staleness of 1 s and a change-log poll every 50 ms.
   */
  public static final class Builder {
    private final Path dataDir;
    private Synchronous synchronous = Synchronous.FULL;
    private Duration busyTimeout = Duration.ofSeconds(5);
    private Duration maxStaleness = Duration.ofSeconds(1);
    private LongSupplier ticker = System::nanoTime;
    private Duration pollInterval = Duration.ofMillis(50);

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** How hard a commit waits for the disk. */
    public Builder synchronous(Synchronous value) {
      this.synchronous = Objects.requireNonNull(value, "synchronous");
      return this;
    }

    /** How long a write waits for another process's write lock before it fails. */
    public Builder busyTimeout(Duration timeout) {
      this.busyTimeout = positive(timeout, "busyTimeout");
      return this;
    }

    /**
     * How far behind other processes' writes a routing hit may be before look-ups go to the file
     * instead; see {@link JdbcAllocationStore}.
     */
    public Builder maxStaleness(Duration bound) {
      this.maxStaleness = positive(bound, "maxStaleness");
      return this;
    }

    /** How often the change log is checked for other processes' writes. */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /** The clock of the staleness bound: {@link System#nanoTime()} but in tests. */
    Builder ticker(LongSupplier nanoTime) {
      this.ticker = Objects.requireNonNull(nanoTime, "ticker");
      return this;
    }

    /**
     * Opens the store, creating the directory and the file if need be and migrating the schema.
     *
     * @throws StoreException if the file cannot be opened or migrated
     */
    public SqliteStore open() {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
      }
      try {
        return new SqliteStore(this);
      } catch (SQLException e) {
        throw new StoreException("Cannot open " + dataDir.resolve(FILE_NAME), e);
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
