package org.greenvn.bench;

import java.time.Duration;
import java.util.List;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.Usage;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.Tenant;

/**
 * Numbers, tenants and pre-filled engines for the JMH benchmarks in this package.
 *
 * <p>Every number is a valid Indian mobile number for libphonenumber ({@link PhoneNumber#of}):
 * virtual numbers are {@code +9170000xxxxx}, A parties {@code +9198xxxxxxxx}, B parties
 * {@code +9199xxxxxxxx} and the hub (a party that sits on many allocations) {@code +919000000000}.
 * Engines are filled through the public API only: {@code allocations().create} in a loop, with
 * no expiry sweep and allocations that live for ten years.
 */
final class BenchFixtures {

  /** The tenant every benchmark engine serves. */
  static final String TENANT = "bench";

  /** A number held by many allocations at once (a shop's or a driver's phone). */
  static final String HUB = "+919000000000";

  /** Parties at or above this index are never used by the pre-filled allocations. */
  static final int FRESH_BASE = 1_100_000;

  /** The largest pool the number plan has room for. */
  static final int MAX_POOL = 100_000;

  private static final long VN_BASE = 7_000_000_000L;
  private static final long A_BASE = 9_800_000_000L;
  private static final long B_BASE = 9_900_000_000L;
  private static final String LIFETIME = "3650d";
  private static final Region[] REGIONS = Region.values();

  private BenchFixtures() {}

  /** The i-th virtual number, i below {@link #MAX_POOL}. */
  static String vn(int i) {
    if (i < 0 || i >= MAX_POOL) {
      throw new IllegalArgumentException("vn index out of range: " + i);
    }
    return "+91" + (VN_BASE + i);
  }

  /** The i-th A-party number. */
  static String aParty(int i) {
    return "+91" + (A_BASE + i);
  }

  /** The i-th B-party number. */
  static String bParty(int i) {
    return "+91" + (B_BASE + i);
  }

  /** A tenant with {@code poolSize} mobile virtual numbers spread evenly over the regions. */
  static Tenant tenant(int poolSize) {
    Tenant.Builder builder = Tenant.builder(TENANT).defaultDeallocation(Duration.ofDays(3650));
    for (int i = 0; i < poolSize; i++) {
      builder.number(vn(i), REGIONS[i % REGIONS.length], NumberType.MOBILE);
    }
    return builder.build();
  }

  /** An engine over {@link #tenant(int)} with the in-memory store and no expiry sweep. */
  static GreenVn engine(int poolSize) {
    return GreenVn.builder().tenant(tenant(poolSize)).expirySweep(Duration.ZERO).build();
  }

  /** A twoway request between two numbers that lives for ten years. */
  static AllocationRequest request(String connectionId, String aParty, String bParty) {
    return AllocationRequest.builder()
        .connectionId(connectionId)
        .aPartyNumbers(aParty)
        .bPartyNumbers(bParty)
        .usage(Usage.TWOWAY)
        .deallocationDuration(LIFETIME)
        .build();
  }

  /**
   * Fills an engine with {@code count} active allocations. The first {@code hubAllocations} have
   * {@link #HUB} as their A party (so the hub ends up held on that many distinct virtual numbers);
   * the others have A party {@code aParty(i)}; every allocation i has B party {@code bParty(i)}.
   *
   * @param created if not null, receives allocation i at index i
   */
  static void fill(GreenVn greenVn, int count, int hubAllocations, Allocation[] created) {
    if (count >= FRESH_BASE) {
      throw new IllegalArgumentException("count overlaps the fresh parties: " + count);
    }
    for (int i = 0; i < count; i++) {
      String a = i < hubAllocations ? HUB : aParty(i);
      Allocation allocation =
          greenVn.allocations().create(TENANT, request("setup-" + i, a, bParty(i)));
      if (created != null) {
        created[i] = allocation;
      }
    }
  }

  /** The number of active allocations the engine's pool counts. */
  static long activeAllocations(GreenVn greenVn) {
    List<VnLoad> loads = greenVn.allocations().utilisation(TENANT);
    long total = 0;
    for (VnLoad load : loads) {
      total += load.activeAllocations();
    }
    return total;
  }

  /** Heap in use after a full GC, in MiB (a hint for -Xmx, not a measurement). */
  static long usedHeapMib() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }
}
