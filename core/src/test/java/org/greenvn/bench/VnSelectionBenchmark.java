package org.greenvn.bench;

import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.AllocationService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * VN selection ({@link AllocationService#create}) at a pool of 1,000 and of 100,000 virtual
 * numbers, each carrying 1,000,000 active allocations.
 *
 * <p>Each invocation creates an allocation and deletes it again, so the store holds exactly
 * {@code activeAllocations} active allocations throughout: the figure is the cost of one
 * create-plus-delete pair. The pair's parties come from a ring of {@value #RING} requests whose
 * numbers no pre-filled allocation holds.
 *
 * <ul>
 *   <li>{@code parties=fresh}: both parties are new numbers, so nothing is excluded.
 *   <li>{@code parties=hub50}: the A party is {@link BenchFixtures#HUB}, which already holds an
 *       allocation on half of the pool's numbers (500 or 50,000 of them); selection must skip
 *       those. The B party is new.
 * </ul>
 *
 * <p>Goal: the 100,000-number pool costs at most ~1.5x the 1,000-number pool, in both cases.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class VnSelectionBenchmark {

  private static final int RING = 4096;

  /** An engine holding {@code activeAllocations} allocations over {@code poolSize} numbers. */
  @State(Scope.Benchmark)
  public static class Engine {

    @Param({"1000", "100000"})
    public int poolSize;

    @Param({"1000000"})
    public int activeAllocations;

    @Param({"fresh", "hub50"})
    public String parties;

    AllocationService allocations;
    AllocationRequest[] requests;
    int next;
    private GreenVn greenVn;

    @Setup(Level.Trial)
    public void setUp() {
      long start = System.nanoTime();
      greenVn = BenchFixtures.engine(poolSize);
      allocations = greenVn.allocations();
      boolean hub = switch (parties) {
        case "fresh" -> false;
        case "hub50" -> true;
        default -> throw new IllegalArgumentException("parties: " + parties);
      };
      int hubAllocations = hub ? poolSize / 2 : 0;
      BenchFixtures.fill(greenVn, activeAllocations, hubAllocations, null);
      requests = new AllocationRequest[RING];
      for (int k = 0; k < RING; k++) {
        String a = hub ? BenchFixtures.HUB : BenchFixtures.aParty(BenchFixtures.FRESH_BASE + k);
        String b = BenchFixtures.bParty(BenchFixtures.FRESH_BASE + k);
        requests[k] = BenchFixtures.request("bench-" + k, a, b);
      }
      check();
      System.out.printf(
          "%n[setup] pool=%d active=%d hubAllocations=%d in %.1f s; heap in use %d MiB%n",
          poolSize, activeAllocations, hubAllocations, (System.nanoTime() - start) / 1e9,
          BenchFixtures.usedHeapMib());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      check();
      System.out.printf(
          "%n[teardown] %d create/delete pairs ran; heap in use %d MiB%n",
          next, BenchFixtures.usedHeapMib());
      greenVn.close();
    }

    private void check() {
      long active = BenchFixtures.activeAllocations(greenVn);
      if (active != activeAllocations) {
        throw new IllegalStateException(
            "expected " + activeAllocations + " active allocations, found " + active);
      }
    }
  }

  /** Creates one allocation (VN selection) and deletes it: one pair per invocation. */
  @Benchmark
  public Allocation createThenDelete(Engine e) {
    AllocationRequest request = e.requests[e.next++ & (RING - 1)];
    Allocation created = e.allocations.create(BenchFixtures.TENANT, request);
    e.allocations.delete(BenchFixtures.TENANT, created.greenvnId());
    return created;
  }
}
