package org.greenvn.bench;

import java.util.Arrays;
import java.util.Locale;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.RoutingDecision;

/**
 * {@link RoutingBenchmark}'s decision and floor timed in interleaved rounds, for a machine whose
 * load swings within a minute: JMH runs the floor and the decision one after the other, tens of
 * seconds apart, so a neighbour's burst can fall on either. Here each round times the floor,
 * {@code startCall(...).decision()} and {@code route} for one slice each, back to back, in an
 * order that rotates from round to round, and the ratio is taken within the round; the median of
 * the rounds' ratios is the figure.
 *
 * <p>Same engine, same floor, same keys and order as {@link RoutingBenchmark} (its state
 * classes are reused). Not JMH: a hand-written loop, so the absolute times include the loop and
 * a clock read every 1,024 operations, alike for all three; compare ratios, and the JMH figures
 * for absolute times. Every result is checked (a decision must be a {@link Bridge}, the floor's
 * read must hit), which keeps the JIT from dropping the work.
 *
 * <pre>
 * java -Xms6g -Xmx6g -cp CP org.greenvn.bench.RoutingRounds ACTIVE [ROUNDS [SLICE_MS]]
 * </pre>
 */
final class RoutingRounds {

  private static final int BATCH = 1024;

  private RoutingRounds() {}

  /** Runs {@code ACTIVE [ROUNDS [SLICE_MS]]}; see the class comment. */
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: RoutingRounds ACTIVE [ROUNDS [SLICE_MS]]   e.g. 10000 21 300");
      System.exit(2);
    }
    int active = Integer.parseInt(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 21;
    long slice = (args.length > 2 ? Long.parseLong(args[2]) : 300) * 1_000_000L;
    int warmUp = 5;
    RoutingBenchmark.Engine engine = new RoutingBenchmark.Engine();
    engine.activeAllocations = active;
    engine.setUp();
    RoutingBenchmark.Floor floor = new RoutingBenchmark.Floor();
    floor.activeAllocations = active;
    floor.setUp();
    System.out.printf(
        "[rounds] active=%d rounds=%d (+%d warm-up) slice=%d ms%n", active, rounds, warmUp,
        slice / 1_000_000);
    System.out.println("round floor_ns startCall_ns route_ns startCall/floor route/floor");
    double[] startRatios = new double[rounds];
    double[] routeRatios = new double[rounds];
    double[][] ns = new double[3][rounds];
    for (int r = -warmUp; r < rounds; r++) {
      double[] t = new double[3];
      for (int k = 0; k < 3; k++) {
        int variant = Math.floorMod(r + k, 3);
        t[variant] =
            switch (variant) {
              case 0 -> timeFloor(floor, slice);
              case 1 -> timeStartCall(engine, slice);
              default -> timeRoute(engine, slice);
            };
      }
      if (r >= 0) {
        for (int v = 0; v < 3; v++) {
          ns[v][r] = t[v];
        }
        startRatios[r] = t[1] / t[0];
        routeRatios[r] = t[2] / t[0];
      }
      System.out.printf(
          Locale.ROOT, "%s %.1f %.1f %.1f %.2f %.2f%n", r < 0 ? "warm" + (r + warmUp) : r, t[0],
          t[1], t[2], t[1] / t[0], t[2] / t[0]);
    }
    System.out.printf(
        Locale.ROOT,
        "[median] floor %.1f ns, startCall %.1f ns, route %.1f ns; per-round ratio median: "
            + "startCall/floor %.2f (range %.2f-%.2f), route/floor %.2f (range %.2f-%.2f)%n",
        median(ns[0]), median(ns[1]), median(ns[2]), median(startRatios), min(startRatios),
        max(startRatios), median(routeRatios), min(routeRatios), max(routeRatios));
    engine.tearDown();
  }

  // The three timing loops below are copies on purpose. One loop taking the operation as a lambda
  // would call all three through one call site, which the JIT then leaves megamorphic: a virtual
  // call added to every operation, a large part of the ~40 ns floor and a small part of a
  // decision, so it would bias the ratio. JMH generates a loop per benchmark for the same reason.
  private static double timeFloor(RoutingBenchmark.Floor f, long slice) {
    long ops = 0;
    long start = System.nanoTime();
    long deadline = start + slice;
    long now;
    do {
      for (int k = 0; k < BATCH; k++) {
        int i = f.nextIndex();
        if (f.map.get(new RoutingBenchmark.Key(f.dialled[i], f.callers[i])) == null) {
          throw new IllegalStateException("floor missed at " + i);
        }
      }
      ops += BATCH;
    } while ((now = System.nanoTime()) < deadline);
    return (double) (now - start) / ops;
  }

  private static double timeStartCall(RoutingBenchmark.Engine e, long slice) {
    long ops = 0;
    long start = System.nanoTime();
    long deadline = start + slice;
    long now;
    do {
      for (int k = 0; k < BATCH; k++) {
        int i = e.nextIndex();
        check(e.greenVn.startCall("bench-call", e.dialled[i], e.callers[i]).decision());
      }
      ops += BATCH;
    } while ((now = System.nanoTime()) < deadline);
    return (double) (now - start) / ops;
  }

  private static double timeRoute(RoutingBenchmark.Engine e, long slice) {
    long ops = 0;
    long start = System.nanoTime();
    long deadline = start + slice;
    long now;
    do {
      for (int k = 0; k < BATCH; k++) {
        int i = e.nextIndex();
        check(e.greenVn.route(e.dialled[i], e.callers[i]));
      }
      ops += BATCH;
    } while ((now = System.nanoTime()) < deadline);
    return (double) (now - start) / ops;
  }

  private static void check(RoutingDecision decision) {
    if (!(decision instanceof Bridge)) {
      throw new IllegalStateException("not a bridge: " + decision);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
