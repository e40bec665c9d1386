package org.greenvn.store.jdbc;

import java.lang.management.ManagementFactory;
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

/**
 * Measures the heap the routing index takes per active allocation: not a test, a measurement to
 * run by hand (the command is in docs/stores.md).
 *
 * <p>Allocations have the usual shape: a UUID id, an order-number connection id, one A and one B
 * number, no PIN, on one of 500 virtual numbers.
 */
public final class RoutingIndexFootprint {

  private RoutingIndexFootprint() {}

  /** Prints the bytes per allocation for {@code args[0]} allocations (default 500,000). */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    long before = usedAfterGc();
    RoutingIndex index = new RoutingIndex();
    for (int i = 0; i < count; i++) {
      PhoneNumber vn = new PhoneNumber("+9140482" + String.format("%05d", i % 500));
      PhoneNumber a = new PhoneNumber("+9198" + String.format("%08d", i));
      PhoneNumber b = new PhoneNumber("+9197" + String.format("%08d", i));
      index.put(
          new Allocation(
              "acme", UUID.randomUUID().toString(), "order-" + (10_000_000 + i), vn, List.of(a),
              List.of(b), List.of(), List.of(), Usage.TWOWAY, false, Preferences.none(),
              Optional.empty(), Duration.ofHours(24), AllocationState.ACTIVE, t0, t0,
              t0.plus(Duration.ofHours(24)), Optional.empty(), Optional.empty(), 1));
    }
    long after = usedAfterGc();
    System.out.printf(
        "%d allocations indexed: %.0f bytes each (%d MiB)%n",
        index.size(), (after - before) / (double) count, (after - before) >> 20);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
