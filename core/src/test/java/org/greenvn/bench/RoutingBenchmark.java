package org.greenvn.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.RoutingDecision;
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
 * A routing decision for a known caller at 10,000 and at 1,000,000 active allocations, beside
 * its floor: a bare {@link ConcurrentHashMap#get} over as many keys of the same shape.
 *
 * <p>Every call dials the virtual number of a pre-filled allocation from that allocation's A
 * party, both as E.164 text; the answer is a {@link Bridge}. Calls visit the allocations in one
 * fixed random order ({@code *Hot} variants: only the first {@value #HOT} of that order), and
 * the floor visits its keys in the same order, so both miss the CPU caches alike.
 *
 * <ul>
 *   <li>{@link #route}: {@link GreenVn#route}, the whole decision as a caller of the engine sees
 *       it (it names the call from a counter).
 *   <li>{@link #startCallDecision}: {@code startCall(sid, ...).decision()}, the decision as the
 *       FastAGI adapter asks it, with the PBX's call id.
 *   <li>{@link #routeHot}: {@link #route} at 1,000,000 allocations with the calls limited to
 *       {@value #HOT} of them: the store is large but every caller id is in the router's cache.
 *   <li>{@link #floorMapGet}, {@link #floorMapGetHot}: {@code map.get(new Key(vn, caller))} on a
 *       {@code ConcurrentHashMap} holding one entry per allocation, keyed by a record of the
 *       virtual number's and the caller's E.164 text.
 * </ul>
 *
 * <p>Goal: route at most 2x its floor. {@link RoutingPartsBenchmark} times the parts of a
 * decision that explain the gap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class RoutingBenchmark {

  static final int POOL = 10_000;
  static final int HOT = 10_000;
  private static final long SEED = 0x6172_6565_6e76_6eL;

  /** The calls: dialled number and caller id of every allocation, in one fixed random order. */
  abstract static class Calls {
    String[] dialled;
    String[] callers;
    int next;
    int hotNext;

    final void shuffle() {
      SplittableRandom random = new SplittableRandom(SEED);
      for (int i = dialled.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        String d = dialled[i];
        dialled[i] = dialled[j];
        dialled[j] = d;
        String c = callers[i];
        callers[i] = callers[j];
        callers[j] = c;
      }
    }

    final int nextIndex() {
      int i = next;
      next = i + 1 == dialled.length ? 0 : i + 1;
      return i;
    }

    final int nextHotIndex() {
      int i = hotNext;
      hotNext = i + 1 == Math.min(HOT, dialled.length) ? 0 : i + 1;
      return i;
    }
  }

  /** An engine with {@code count} allocations over {@value #POOL} numbers, filled by the API. */
  abstract static class EngineCalls extends Calls {
    GreenVn greenVn;

    final void build(int count) {
      long start = System.nanoTime();
      greenVn = BenchFixtures.engine(POOL);
      Allocation[] created = new Allocation[count];
      BenchFixtures.fill(greenVn, count, 0, created);
      dialled = new String[count];
      callers = new String[count];
      for (int i = 0; i < count; i++) {
        dialled[i] = created[i].greenvn().e164();
        callers[i] = BenchFixtures.aParty(i);
      }
      created = null;
      shuffle();
      for (int i = 0; i < Math.min(1000, count); i++) {
        RoutingDecision decision = greenVn.route(dialled[i], callers[i]);
        if (!(decision instanceof Bridge)) {
          throw new IllegalStateException("not a bridge: " + decision);
        }
      }
      System.out.printf(
          "%n[setup] engine pool=%d active=%d in %.1f s; heap in use %d MiB%n",
          POOL, count, (System.nanoTime() - start) / 1e9, BenchFixtures.usedHeapMib());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      greenVn.close();
    }
  }

  /** The engine at both sizes. */
  @State(Scope.Benchmark)
  public static class Engine extends EngineCalls {
    @Param({"10000", "1000000"})
    public int activeAllocations;

    @Setup(Level.Trial)
    public void setUp() {
      build(activeAllocations);
    }
  }

  /** The engine at 1,000,000 allocations only (at 10,000 the hot variant is the plain one). */
  @State(Scope.Benchmark)
  public static class LargeEngine extends EngineCalls {
    @Param({"1000000"})
    public int activeAllocations;

    @Setup(Level.Trial)
    public void setUp() {
      build(activeAllocations);
    }
  }

  /** The floor's key: the same shape as the store's route key, two E.164 texts. */
  record Key(String greenvn, String number) {}

  /** A bare map with one entry per allocation, keyed like the store's routes. */
  abstract static class FloorCalls extends Calls {
    Map<Key, Object> map;

    final void build(int count) {
      map = new ConcurrentHashMap<>();
      dialled = new String[count];
      callers = new String[count];
      // As in the engine: one text per virtual number, shared by its allocations; the texts
      // looked up are equal to the stored ones but not the same objects.
      String[] storedVns = new String[POOL];
      String[] dialledVns = new String[POOL];
      for (int v = 0; v < POOL; v++) {
        storedVns[v] = BenchFixtures.vn(v);
        dialledVns[v] = BenchFixtures.vn(v);
      }
      for (int i = 0; i < count; i++) {
        // The engine spreads allocations round-robin over the pool; so does the floor.
        dialled[i] = dialledVns[i % POOL];
        callers[i] = BenchFixtures.aParty(i);
        map.put(new Key(storedVns[i % POOL], BenchFixtures.aParty(i)), new Object());
      }
      shuffle();
      for (int i = 0; i < count; i++) {
        if (map.get(new Key(dialled[i], callers[i])) == null) {
          throw new IllegalStateException("floor key missing at " + i);
        }
      }
    }
  }

  /** The floor at both sizes. */
  @State(Scope.Benchmark)
  public static class Floor extends FloorCalls {
    @Param({"10000", "1000000"})
    public int activeAllocations;

    @Setup(Level.Trial)
    public void setUp() {
      build(activeAllocations);
    }
  }

  /** The floor at 1,000,000 entries only, for the hot variant. */
  @State(Scope.Benchmark)
  public static class LargeFloor extends FloorCalls {
    @Param({"1000000"})
    public int activeAllocations;

    @Setup(Level.Trial)
    public void setUp() {
      build(activeAllocations);
    }
  }

  /** The engine's decision for a known caller, through {@link GreenVn#route}. */
  @Benchmark
  public RoutingDecision route(Engine e) {
    int i = e.nextIndex();
    return e.greenVn.route(e.dialled[i], e.callers[i]);
  }

  /**
   * The decision as the FastAGI adapter asks it: {@code startCall} with the PBX's call id, then
   * {@code decision()}.
   */
  @Benchmark
  public RoutingDecision startCallDecision(Engine e) {
    int i = e.nextIndex();
    return e.greenVn.startCall("bench-call", e.dialled[i], e.callers[i]).decision();
  }

  /**
   * As {@link #route} at 1,000,000 allocations, the calls limited to {@value #HOT} of them (so
   * that the router's caller-id cache holds every caller).
   */
  @Benchmark
  public RoutingDecision routeHot(LargeEngine e) {
    int i = e.nextHotIndex();
    return e.greenVn.route(e.dialled[i], e.callers[i]);
  }

  /** The floor of {@link #route}: one map read. */
  @Benchmark
  public Object floorMapGet(Floor f) {
    int i = f.nextIndex();
    return f.map.get(new Key(f.dialled[i], f.callers[i]));
  }

  /** The floor of {@link #routeHot}. */
  @Benchmark
  public Object floorMapGetHot(LargeFloor f) {
    int i = f.nextHotIndex();
    return f.map.get(new Key(f.dialled[i], f.callers[i]));
  }
}
