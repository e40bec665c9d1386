package org.greenvn.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.GreenVn;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.tenant.Tenant;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.RoutingDecision;
import org.greenvn.store.jdbc.BulkLoad;
import org.greenvn.store.jdbc.JdbcAllocationStore;
import org.greenvn.store.postgres.PostgresStore;
import org.greenvn.store.sqlite.SqliteStore;

/**
 * Bounded load runs of the durable stores, each beside its baseline in the same run (JMH does not
 * fit: these are throughputs of I/O-bound commits over seconds, and a start-up of a fresh JVM).
 * Run it with {@code bench/core.sh store ...}; docs/BENCHMARKS.md has the commands and figures.
 *
 * <ul>
 *   <li>{@code sqlite-creates DIR SECONDS THREADS...}: creates/s through an engine on a SQLite
 *       store, and a raw insert-and-commit loop on the same disk with the same settings (WAL,
 *       {@code synchronous=FULL});
 *   <li>{@code pg-creates JDBC_URL SECONDS THREADS...}: creates/s through 1 and 2 nodes (two
 *       stores with their own pools and change feeds, in this JVM), and a raw INSERT + COMMIT loop;
 *   <li>{@code sqlite-fill DIR COUNT}: builds a SQLite store with COUNT active allocations (bulk
 *       path: the store's own rows, one transaction, no fsync);
 *   <li>{@code sqlite-start DIR}: opens it, builds an engine and routes a call, timing each step
 *       from this JVM's start; then the heap the routing index holds per active allocation.
 * </ul>
 */
public final class StoreBench {

  private static final int POOL = 1000;
  private static final long WARM_UP_MILLIS = 2_000;
  private static final int ROUNDS = Integer.getInteger("greenvn.bench.rounds", 3);

  private StoreBench() {}

  private static final String USAGE =
      """
      usage: StoreBench sqlite-creates DIR SECONDS THREADS...
             StoreBench pg-creates JDBC_URL SECONDS THREADS...
             StoreBench sqlite-fill DIR COUNT
             StoreBench sqlite-start DIR""";

  /** Runs one of the commands above. */
  public static void main(String[] args) throws Exception {
    int needed = args.length == 0 ? 1 : switch (args[0]) {
      case "sqlite-creates", "pg-creates" -> 4;
      case "sqlite-fill" -> 3;
      case "sqlite-start" -> 2;
      default -> Integer.MAX_VALUE;
    };
    if (args.length < needed) {
      System.err.println(USAGE);
      System.exit(2);
    }
    // The arguments are echoed but for a JDBC URL, which may carry a password.
    System.out.printf("# %s, %s %s, %d CPUs, %s%n", Instant.now(),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        Runtime.getRuntime().availableProcessors(),
        String.join(" ", Arrays.stream(args).map(a -> a.startsWith("jdbc:") ? "<url>" : a)
            .toList()));
    switch (args[0]) {
      case "sqlite-creates" -> sqliteCreates(Path.of(args[1]), Integer.parseInt(args[2]),
          threads(args, 3));
      case "pg-creates" -> pgCreates(args[1], Integer.parseInt(args[2]), threads(args, 3));
      case "sqlite-fill" -> sqliteFill(Path.of(args[1]), Integer.parseInt(args[2]));
      case "sqlite-start" -> sqliteStart(Path.of(args[1]));
      default -> throw new AssertionError(args[0]); // refused above
    }
  }

  private static int[] threads(String[] args, int from) {
    int[] threads = new int[args.length - from];
    for (int i = from; i < args.length; i++) {
      threads[i - from] = Integer.parseInt(args[i]);
    }
    return threads;
  }

  // ---------------------------------------------------------------- creates/s

  /** One creating thread's work: one operation, given a number unique in the run. */
  private interface Op {
    void run(long n) throws Exception;
  }

  /**
   * Runs {@code op} on {@code threads} threads for a warm-up, then for {@code seconds}; returns
   * operations per second of the measured part.
   */
  private static double rate(int threads, int seconds, Op op) throws InterruptedException {
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(WARM_UP_MILLIS);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong failures = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        long now;
        while ((now = System.nanoTime()) < end) {
          try {
            op.run(next.getAndIncrement());
          } catch (Exception e) {
            if (failures.getAndIncrement() == 0) {
              e.printStackTrace();
            }
          }
          if (now >= measureFrom) {
            done.incrementAndGet();
          }
        }
      });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " operations failed");
    }
    return done.get() / (double) seconds;
  }

  /**
   * For each thread count, {@code -Dgreenvn.bench.rounds} (3) rounds of: the raw loop (one 300-byte row per
   * commit), the raw loop writing the rows a create writes (an allocation row, two route rows, a
   * change-log row, in the store's own schema), the engine with one tenant, and the engine with
   * the threads spread over as many tenants. Interleaved, because this disk's speed drifts by 2x
   * within minutes; the median of each is reported.
   */
  private static void sqliteCreates(Path dir, int seconds, int[] threadCounts) throws Exception {
    for (int threads : threadCounts) {
      List<Double> raw = new ArrayList<>();
      List<Double> rows = new ArrayList<>();
      List<Double> oneTenant = new ArrayList<>();
      List<Double> tenants = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        raw.add(rawSqlite(dir.resolve("raw"), seconds, threads, false));
        rows.add(rawSqlite(dir.resolve("rows"), seconds, threads, true));
        try (SqliteStore store = SqliteStore.open(fresh(dir.resolve("engine")));
            GreenVn engine = engine(store.allocations(), 1)) {
          oneTenant.add(rate(threads, seconds, n -> create(engine, n, 1)));
        }
        try (SqliteStore store = SqliteStore.open(fresh(dir.resolve("engine")));
            GreenVn engine = engine(store.allocations(), threads)) {
          tenants.add(rate(threads, seconds, n -> create(engine, n, threads)));
        }
        System.out.printf("  round %d, threads=%d: raw %.0f/s, raw same rows %.0f/s,"
            + " engine %.0f/s, engine over %d tenants %.0f/s%n", round + 1, threads,
            raw.get(round), rows.get(round), oneTenant.get(round), threads, tenants.get(round));
      }
      System.out.printf("sqlite threads=%d (medians of %d rounds): raw insert+commit %.0f/s;"
          + " raw with the store's rows %.0f/s; engine, 1 tenant %.0f/s; engine, %d tenants"
          + " %.0f/s; median of the rounds' ratios to raw: same rows %.2f, engine %.2f, engine"
          + " over %d tenants %.2f%n", threads, ROUNDS, median(raw), median(rows),
          median(oneTenant), threads, median(tenants), medianRatio(rows, raw),
          medianRatio(oneTenant, raw), threads, medianRatio(tenants, raw));
    }
  }

  /** The median of the ratios of {@code a} to {@code b} measured in the same round. */
  private static double medianRatio(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    return median(ratios);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * A raw loop on its own file in the store's schema: BEGIN IMMEDIATE, one 300-byte row (or the
   * rows of one create), COMMIT; each thread on its own connection.
   */
  private static double rawSqlite(Path dir, int seconds, int threads, boolean storeRows)
      throws Exception {
    Path data = fresh(dir);
    SqliteStore.open(data).close(); // the store's schema, for the same-rows variant
    String url = "jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME);
    try (Connection setup = sqlite(url); Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE raw (id TEXT PRIMARY KEY, body BLOB NOT NULL)");
    }
    List<Connection> connections = new ArrayList<>();
    ThreadLocal<Connection> mine = ThreadLocal.withInitial(() -> {
      try {
        Connection c = sqlite(url);
        synchronized (connections) {
          connections.add(c);
        }
        return c;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    byte[] body = new byte[300];
    double rate = rate(threads, seconds, n -> {
      Connection c = mine.get();
      String id = UUID.randomUUID().toString();
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
      if (!storeRows) {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO raw VALUES (?, ?)")) {
          insert.setString(1, id);
          insert.setBytes(2, body);
          insert.executeUpdate();
        }
      } else {
        try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO greenvn_allocation (greenvn_id, tenant_sid, connection_id, greenvn,"
                + " active, expires_at, vaulted_at, version, body)"
                + " VALUES (?, 'bench', ?, ?, 1, ?, NULL, 1, ?)")) {
          insert.setString(1, id);
          insert.setString(2, "c-" + id);
          insert.setString(3, BenchFixtures.vn((int) (n % POOL)));
          insert.setLong(4, System.nanoTime());
          insert.setBytes(5, body);
          insert.executeUpdate();
        }
        try (PreparedStatement route = c.prepareStatement(
            "INSERT INTO greenvn_route (greenvn, route_key, greenvn_id) VALUES (?, ?, ?)")) {
          route.setLong(1, 917_000_000_000L + n % POOL);
          route.setLong(2, 919_800_000_000L + n);
          route.setString(3, id);
          route.addBatch();
          route.setLong(2, 919_900_000_000L + n);
          route.addBatch();
          route.executeBatch();
        }
        try (PreparedStatement change = c.prepareStatement(
            "INSERT INTO greenvn_change (node, greenvn_id, changed_at) VALUES ('raw', ?, ?)")) {
          change.setString(1, id);
          change.setLong(2, System.currentTimeMillis());
          change.executeUpdate();
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("COMMIT");
      }
    });
    for (Connection c : connections) {
      c.close();
    }
    return rate;
  }

  private static Connection sqlite(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("journal_mode", "WAL");
    p.setProperty("synchronous", "FULL");
    p.setProperty("busy_timeout", "10000");
    Connection c = DriverManager.getConnection(url, p);
    c.setAutoCommit(true);
    return c;
  }

  private static void pgCreates(String url, int seconds, int[] threadCounts) throws Exception {
    String schema = "bench_" + Long.toHexString(System.nanoTime());
    try (Connection admin = DriverManager.getConnection(url);
        Statement s = admin.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      s.execute("CREATE TABLE " + schema + ".raw (id TEXT PRIMARY KEY, body BYTEA NOT NULL)");
      try {
        for (int threads : threadCounts) {
          List<Connection> connections = new ArrayList<>();
          ThreadLocal<Connection> mine = ThreadLocal.withInitial(() -> {
            try {
              Connection c = DriverManager.getConnection(url);
              synchronized (connections) {
                connections.add(c);
              }
              return c;
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
          byte[] body = new byte[300];
          double rawRate = rate(threads, seconds, n -> {
            try (PreparedStatement insert = mine.get().prepareStatement(
                "INSERT INTO " + schema + ".raw VALUES (?, ?)")) {
              insert.setString(1, UUID.randomUUID().toString());
              insert.setBytes(2, body);
              insert.executeUpdate(); // autocommit: INSERT + COMMIT
            }
          });
          for (Connection c : connections) {
            c.close();
          }
          double one;
          try (PostgresStore store = pgStore(url, schema, "one_" + threads, threads);
              GreenVn engine = engine(store.allocations(), 1)) {
            one = rate(threads, seconds, n -> create(engine, n, 1));
          }
          double two;
          try (PostgresStore a = pgStore(url, schema, "two_" + threads, threads);
              PostgresStore b = pgStore(url, schema, "two_" + threads, threads);
              GreenVn engineA = engine(a.allocations(), 1);
              GreenVn engineB = engine(b.allocations(), 1)) {
            // Each node gets `threads` creating threads, alternating by operation number.
            two = rate(2 * threads, seconds,
                n -> create((n & 1) == 0 ? engineA : engineB, n, 1));
          }
          System.out.printf("postgres threads/node=%d raw INSERT+COMMIT: %.0f/s; 1 node: %.0f/s"
              + " (ratio %.2f); 2 nodes: %.0f/s (ratio %.2f to raw with %d threads)%n", threads,
              rawRate, one, one / rawRate, two, two / rawRate, threads);
        }
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
        try (Statement drop = admin.createStatement();
            var rs = drop.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '"
                + schema + "_%'")) {
          List<String> extra = new ArrayList<>();
          while (rs.next()) {
            extra.add(rs.getString(1));
          }
          for (String name : extra) {
            s.execute("DROP SCHEMA " + name + " CASCADE");
          }
        }
      }
    }
  }

  private static PostgresStore pgStore(String url, String base, String suffix, int threads) {
    return PostgresStore.builder(url).schema(base + "_" + suffix).poolSize(threads + 2).open();
  }

  /** An engine with {@code tenants} tenants, each with its own {@value #POOL} numbers. */
  private static GreenVn engine(org.greenvn.allocation.AllocationStore store, int tenants) {
    GreenVn.Builder builder = GreenVn.builder().store(store).expirySweep(Duration.ZERO);
    for (int t = 0; t < tenants; t++) {
      Tenant.Builder tenant = Tenant.builder(tenantSid(t)).defaultDeallocation(
          Duration.ofDays(3650));
      for (int v = 0; v < POOL; v++) {
        tenant.number(BenchFixtures.vn(t * POOL + v), Region.values()[v % Region.values().length],
            NumberType.MOBILE);
      }
      builder.tenant(tenant.build());
    }
    return builder.build();
  }

  private static String tenantSid(int t) {
    return t == 0 ? BenchFixtures.TENANT : BenchFixtures.TENANT + t;
  }

  /** Create number {@code n}, with parties of its own, in tenant {@code n % tenants}. */
  private static void create(GreenVn engine, long n, int tenants) {
    int i = (int) (n % 900_000);
    engine.allocations().create(tenantSid((int) (n % tenants)), BenchFixtures.request(
        "c-" + n + "-" + UUID.randomUUID(), BenchFixtures.aParty(i), BenchFixtures.bParty(i)));
  }

  // ---------------------------------------------------------------- start-up and heap

  private static void sqliteFill(Path dir, int count) throws Exception {
    Path data = fresh(dir);
    long start = System.nanoTime();
    try (SqliteStore store = SqliteStore.open(data)) {
      // the schema
    }
    Properties p = new Properties();
    p.setProperty("journal_mode", "WAL");
    p.setProperty("synchronous", "OFF");
    try (Connection c = DriverManager.getConnection(
        "jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME), p)) {
      c.setAutoCommit(false);
      BulkLoad bulk = new BulkLoad(c);
      Instant now = Instant.now();
      Duration life = Duration.ofDays(3650);
      List<PhoneNumber> pool = new ArrayList<>();
      for (int v = 0; v < POOL; v++) {
        pool.add(PhoneNumber.of(BenchFixtures.vn(v)));
      }
      for (int i = 0; i < count; i++) {
        // Parties unique to each allocation: valid E.164 text, made without parsing.
        Allocation a = new Allocation(
            BenchFixtures.TENANT, UUID.randomUUID().toString(), "fill-" + i, pool.get(i % POOL),
            List.of(new PhoneNumber(BenchFixtures.aParty(i))),
            List.of(new PhoneNumber(BenchFixtures.bParty(i))), List.of(), List.of(),
            Usage.TWOWAY, false, Preferences.none(), Optional.empty(), life,
            AllocationState.ACTIVE, now, now, now.plus(life), Optional.empty(), Optional.empty(),
            1);
        bulk.add(a);
        if (i % 10_000 == 9_999) {
          bulk.flush();
        }
      }
      bulk.flush();
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
    System.out.printf("filled %s with %d active allocations in %.1f s (%d MiB)%n", data, count,
        (System.nanoTime() - start) / 1e9, Files.size(data.resolve(SqliteStore.FILE_NAME)) >> 20);
  }

  private static void sqliteStart(Path dir) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long mainAt = System.currentTimeMillis();
    long t0 = System.nanoTime();
    SqliteStore store = SqliteStore.open(dir);
    long opened = System.nanoTime();
    GreenVn engine = engine(store.allocations(), 1);
    long built = System.nanoTime();
    int i = 123_457;
    RoutingDecision decision =
        engine.route(BenchFixtures.vn(i % POOL), BenchFixtures.aParty(i));
    long routed = System.nanoTime();
    if (!(decision instanceof Bridge b) || !b.targets().get(0).e164()
        .equals(BenchFixtures.bParty(i))) {
      throw new IllegalStateException("Not routed: " + decision);
    }
    int indexed = ((JdbcAllocationStore) store.allocations()).indexedCount();
    System.out.printf("start to routable with %d active allocations: JVM start to main %d ms;"
        + " open (Flyway + index rebuild) %d ms; engine %d ms; first route %d ms;"
        + " main to routable %d ms; JVM start to routable %d ms%n", indexed,
        mainAt - jvmStart, ms(opened - t0), ms(built - opened), ms(routed - built),
        ms(routed - t0), mainAt - jvmStart + ms(routed - t0));

    long withIndex = usedHeapAfterGc();
    engine.close();
    store.close();
    store = null;
    engine = null;
    decision = null;
    long without = usedHeapAfterGc();
    System.out.printf("heap after GC with the store open: %d MiB; closed: %d MiB;"
        + " per active allocation: %d bytes%n", withIndex >> 20, without >> 20,
        (withIndex - without) / indexed);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used,
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static Path fresh(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    return Files.createDirectories(dir);
  }
}
