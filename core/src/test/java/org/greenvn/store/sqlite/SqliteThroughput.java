package org.greenvn.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;

/**
 * A quick measurement, not a test: durable inserts per second through the SQLite store with
 * concurrent writers, beside a raw SQLite loop (one row insert and one commit at a time, WAL,
 * {@code synchronous=FULL}) on the same disk, in one run. Bounded by count. Arguments: a
 * directory on the disk to measure, the number of inserts (default 2,000), writer threads
 * (default 16). {@code -Dsync=NORMAL} opens the store with {@code synchronous=NORMAL}.
 */
public final class SqliteThroughput {

  private SqliteThroughput() {}

  /** Prints both rates and their ratio. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : "/tmp"), "tput");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    double raw = raw(dir.resolve("raw.db"), count);
    double store = store(dir.resolve("store"), count, threads);
    System.out.printf("raw insert+commit loop: %.0f/s; store inserts (%d writers): %.0f/s;"
        + " ratio %.2f%n", raw, threads, store, store / raw);
  }

  private static double raw(Path file, int count) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB)");
      }
      byte[] body = new byte[120];
      long start = System.nanoTime();
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int i = 0; i < count; i++) {
          insert.setString(1, UUID.randomUUID().toString());
          insert.setBytes(2, body);
          insert.executeUpdate(); // auto-commit: one commit each
        }
      }
      return count / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double store(Path dir, int count, int threads) throws Exception {
    SqliteStore.Synchronous sync =
        SqliteStore.Synchronous.valueOf(System.getProperty("sync", "FULL"));
    try (SqliteStore sqlite = SqliteStore.builder(dir).synchronous(sync).open()) {
      AllocationStore store = sqlite.allocations();
      Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        done.add(pool.submit(() -> store.insert(new Allocation(
            "acme", UUID.randomUUID().toString(), "order-" + n,
            new PhoneNumber("+9140482" + String.format("%05d", n % 500)),
            List.of(new PhoneNumber("+9198" + String.format("%08d", n))),
            List.of(new PhoneNumber("+9197" + String.format("%08d", n))), List.of(), List.of(),
            Usage.TWOWAY, false, Preferences.none(), Optional.empty(), Duration.ofHours(1),
            AllocationState.ACTIVE, t0, t0, t0.plusSeconds(3600), Optional.empty(),
            Optional.empty(), 1))));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double rate = count / ((System.nanoTime() - start) / 1e9);
      pool.shutdown();
      return rate;
    }
  }
}
