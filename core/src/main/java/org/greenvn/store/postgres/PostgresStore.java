package org.greenvn.store.postgres;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.jdbc.JdbcAllocationStore;
import org.greenvn.store.jdbc.JdbcWebhookOutbox;
import org.greenvn.store.jdbc.StoreException;
import org.greenvn.webhook.WebhookOutbox;

/**
 * greenvn's state in PostgreSQL, shared by every router node pointed at the same database and
 * schema: allocations and the webhook outbox, migrated to the current schema when opened (nodes
 * starting together take turns: Flyway locks).
 *
 * <pre>{@code
 * try (PostgresStore pg = PostgresStore.open(
 *     "jdbc:postgresql://127.0.0.1:5432/greenvn", "greenvn", secret, 10)) {
 *   GreenVn greenVn = GreenVn.builder().store(pg.allocations()).tenant(acme).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>The database enforces no double booking across nodes, and a deallocation by expiry is a
 * compare-and-replace on the allocation's version, so each expiry is done, and its event sent,
 * by exactly one node. Routing look-ups are answered from memory, kept coherent by LISTEN/NOTIFY;
 * see {@link JdbcAllocationStore} for the staleness bound. Close the engine first, then the
 * store.
 */
public final class PostgresStore implements AutoCloseable {

  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

  private final PostgresDatabase db;
  private final JdbcAllocationStore allocations;
  private final JdbcWebhookOutbox outbox;
  private final PostgresChangeFeed feed;

  private PostgresStore(Builder builder) throws SQLException {
    String node = UUID.randomUUID().toString();
    PostgresDatabase opened =
        new PostgresDatabase(
            builder.jdbcUrl, builder.user, builder.password, builder.poolSize, builder.schema,
            node);
    try {
      Flyway.configure()
          .dataSource(opened.dataSource())
          .schemas(builder.schema)
          .defaultSchema(builder.schema)
          .createSchemas(true)
          .locations("classpath:db/greenvn/postgresql")
          .table("greenvn_schema_history")
          .load()
          .migrate();
      this.allocations = new JdbcAllocationStore(opened, builder.maxStaleness, builder.ticker);
      this.outbox = new JdbcWebhookOutbox(opened);
      this.feed =
          new PostgresChangeFeed(
              builder.jdbcUrl, builder.user, builder.password, builder.schema, allocations, node,
              builder.heartbeat, builder.ticker);
    } catch (SQLException | RuntimeException e) {
      opened.close();
      throw e;
    }
    this.db = opened;
  }

  /**
   * Opens the store in the {@code public} schema with the default settings.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/greenvn}
   * @param user the database user, or null when the URL names one
   * @param password its password, or null when the URL gives one or none is needed
   * @param poolSize the most connections this node holds (besides one for the change feed)
   * @throws StoreException if the database cannot be reached or migrated
   */
  public static PostgresStore open(String jdbcUrl, String user, String password, int poolSize) {
    return builder(jdbcUrl).user(user).password(password).poolSize(poolSize).open();
  }

  /** A builder, to choose a schema or change the settings. */
  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  /** The allocations. */
  public AllocationStore allocations() {
    return allocations;
  }

  /** The durable webhook outbox, in the same database. */
  public WebhookOutbox webhookOutbox() {
    return outbox;
  }

  /** Breaks the change feed's connection as a network failure would (tests of reconnection). */
  void dropChangeFeedConnection() {
    feed.dropConnection();
  }

  /** Stops the change feed alone, as if it hung: for tests of the staleness bound. */
  void stopChangeFeed() {
    feed.close();
  }

  /** Stops the change feed and closes the pool. */
  @Override
  public void close() {
    feed.close();
    db.close();
  }

  /**
   * Settings of a {@link PostgresStore}. Defaults: schema {@code public}, a pool of 10, a
   * maximum staleness of 1 s and a change-feed heartbeat every 200 ms.
   */
  public static final class Builder {
    private final String jdbcUrl;
    private String user;
    private String password;
    private int poolSize = 10;
    private String schema = "public";
    private Duration maxStaleness = Duration.ofSeconds(1);
    private LongSupplier ticker = System::nanoTime;
    private Duration heartbeat = Duration.ofMillis(200);

    private Builder(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("Not a PostgreSQL JDBC URL (jdbc:postgresql:...)");
      }
      this.jdbcUrl = jdbcUrl;
    }

    /** The database user; null when the URL names one. */
    public Builder user(String value) {
      this.user = value;
      return this;
    }

    /** The user's password; null when the URL gives one or none is needed. */
    public Builder password(String value) {
      this.password = value;
      return this;
    }

    /** The most pooled connections this node holds. */
    public Builder poolSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1: " + size);
      }
      this.poolSize = size;
      return this;
    }

    /**
     * The schema holding greenvn's tables, created if need be: lower-case letters, digits and
     * underscores. Nodes sharing a state use the same one.
     */
    public Builder schema(String name) {
      Objects.requireNonNull(name, "schema");
      if (!SCHEMA.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "A schema name is lower-case letters, digits and underscores: " + name);
      }
      this.schema = name;
      return this;
    }

    /** How far behind other nodes' writes a routing hit may be; see {@link JdbcAllocationStore}. */
    public Builder maxStaleness(Duration bound) {
      this.maxStaleness = positive(bound, "maxStaleness");
      return this;
    }

    /**
     * How often the change feed confirms it is current; must be well under the maximum
     * staleness, or hits are rarely trusted.
     */
    public Builder heartbeat(Duration period) {
      this.heartbeat = positive(period, "heartbeat");
      return this;
    }

    /** The clock of the staleness bound: {@link System#nanoTime()} but in tests. */
    Builder ticker(LongSupplier nanoTime) {
      this.ticker = Objects.requireNonNull(nanoTime, "ticker");
      return this;
    }

    /**
     * Opens the store: connects, migrates the schema and loads the routing index.
     *
     * @throws StoreException if the database cannot be reached or migrated
     */
    public PostgresStore open() {
      try {
        return new PostgresStore(this);
      } catch (SQLException e) {
        throw new StoreException("Cannot open the PostgreSQL store", e);
      } catch (RuntimeException e) {
        if (e instanceof StoreException || e instanceof IllegalArgumentException) {
          throw e;
        }
        throw new StoreException("Cannot open the PostgreSQL store", e);
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
