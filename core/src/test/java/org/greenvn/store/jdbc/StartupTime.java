package org.greenvn.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.store.sqlite.SqliteStore;

/**
 * A measurement, not a test: how long a SQLite store with {@code args[1]} active allocations
 * (default 1,000,000) takes from open to its first routed look-up. The rows are written straight
 * into a migrated file first (the store's own write path would take far longer to fill it).
 * Arguments: a directory on the disk to measure, the count.
 */
public final class StartupTime {

  private StartupTime() {}

  /** Fills a file, then prints the time from open to routable. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : "/tmp"), "startup");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    SqliteStore.open(dir).close(); // migrates
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("greenvn.db"))) {
      c.setAutoCommit(false);
      try (PreparedStatement allocation = c.prepareStatement(
              "INSERT INTO greenvn_allocation (greenvn_id, tenant_sid, connection_id, greenvn,"
                  + " active, expires_at, vaulted_at, version, body)"
                  + " VALUES (?, 'acme', ?, ?, 1, ?, NULL, 1, ?)");
          PreparedStatement route = c.prepareStatement(
              "INSERT INTO greenvn_route (greenvn, route_key, greenvn_id) VALUES (?, ?, ?)")) {
        for (int i = 0; i < count; i++) {
          PhoneNumber vn = new PhoneNumber("+9140482" + String.format("%05d", i % 500));
          Allocation a = new Allocation(
              "acme", UUID.randomUUID().toString(), "order-" + i, vn,
              List.of(new PhoneNumber("+9198" + String.format("%08d", i))),
              List.of(new PhoneNumber("+9197" + String.format("%08d", i))), List.of(), List.of(),
              Usage.TWOWAY, false, Preferences.none(), Optional.empty(), Duration.ofDays(1),
              AllocationState.ACTIVE, t0, t0, t0.plus(Duration.ofDays(1)), Optional.empty(),
              Optional.empty(), 1);
          allocation.setString(1, a.greenvnId());
          allocation.setString(2, a.connectionId());
          allocation.setString(3, vn.e164());
          allocation.setLong(4, RouteKeys.nanos(a.expiresAt()));
          allocation.setBytes(5, AllocationCodec.encode(a));
          allocation.addBatch();
          for (long key : RouteKeys.of(a)) {
            route.setLong(1, RouteKeys.digits(vn));
            route.setLong(2, key);
            route.setString(3, a.greenvnId());
            route.addBatch();
          }
          if (i % 10_000 == 9_999) {
            allocation.executeBatch();
            route.executeBatch();
          }
        }
        allocation.executeBatch();
        route.executeBatch();
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
    long start = System.nanoTime();
    try (SqliteStore store = SqliteStore.open(dir)) {
      boolean routed = store.allocations().findActiveByNumber(
          new PhoneNumber("+914048200007"), new PhoneNumber("+919800000007")).isPresent();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%d active allocations: routable %.2f s after open (first look-up %s)%n",
          count, seconds, routed ? "found" : "MISSED");
    }
  }
}
