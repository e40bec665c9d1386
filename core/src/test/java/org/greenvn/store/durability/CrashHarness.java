package org.greenvn.store.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.greenvn.GreenVn;
import org.greenvn.TestFixtures;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.phone.PhoneNumber;

/**
 * The crash test, for any durable store: an {@link EngineChild} churns allocations (creates,
 * party and virtual-number updates, deletes on three threads) and reports each acknowledged one;
 * at a random moment (seeded) it is killed with SIGKILL; then the store is opened again, as a
 * restarted engine would, and checked:
 *
 * <ul>
 *   <li>it opens, and for SQLite {@code PRAGMA integrity_check} and {@code foreign_key_check}
 *       pass on the file before anything else touches it;
 *   <li>every acknowledged operation is there in its acknowledged state: the allocation's last
 *       acknowledged snapshot (version, active or in the vault, virtual number, parties, PINs)
 *       is what the store holds, or the one operation the killed thread had in flight on it
 *       committed (exactly one version later);
 *   <li>the store holds no allocation nobody asked for: unacknowledged ones are at most the
 *       creations in flight at the kill;
 *   <li>no (virtual number, number) or (virtual number, PIN) is held by two active allocations,
 *       the routing index rebuilt at open holds exactly the active ones and routes each number
 *       of each to it, and the route rows are those of active allocations;
 *   <li>the store takes writes: the test deletes the survivors and purges the vault through an
 *       engine, so each trial starts on the same store, emptied.
 * </ul>
 *
 * <p>Trials default to {@value #DEFAULT_TRIALS}; {@code -Dgreenvn.crash.trials=1000} runs more
 * and {@code -Dgreenvn.crash.seed=N} repeats a run (the seed is printed). The next children warm
 * up while a trial runs and is checked.
 */
public final class CrashHarness {

  /** The system property giving the number of trials. */
  public static final String TRIALS_PROPERTY = "greenvn.crash.trials";

  /** The system property giving the seed of the kill moments and workloads. */
  public static final String SEED_PROPERTY = "greenvn.crash.seed";

  static final int DEFAULT_TRIALS = 20;
  private static final int POOL = 8;
  private static final int THREADS = 3;
  /** Children warming up ahead of the trial that will use them. */
  private static final int STANDBY = 2;
  /** One kill in this many is timed from the open command, so it may land while opening. */
  private static final int EARLY_KILL_ONE_IN = 6;
  private static final int MAX_KILL_DELAY_MICROS = 800_000;

  private CrashHarness() {}

  /** The number of trials asked for, or {@value #DEFAULT_TRIALS}. */
  public static int trials() {
    return Integer.getInteger(TRIALS_PROPERTY, DEFAULT_TRIALS);
  }

  /** The seed asked for, or a new one. */
  public static long seed() {
    Long given = Long.getLong(SEED_PROPERTY);
    return given != null ? given : new Random().nextLong();
  }

  /**
   * Runs the trials on the store of {@code spec}, which must be empty; child logs go to
   * {@code workDir}. Fails at the first trial whose check fails, naming the seed.
   *
   * @return the figures of the run, for the test's log
   */
  public static String run(StoreSpec spec, Path workDir, int trials, long seed) throws Exception {
    System.out.printf("crash test on the %s: %d trials, seed %d (-D%s=%d repeats it)%n",
        spec, trials, seed, SEED_PROPERTY, seed);
    Random random = new Random(seed);
    long acknowledged = 0;
    long inFlightCommitted = 0;
    int earlyKills = 0;
    long started = System.nanoTime();
    // Children warm up ahead (a JVM start and a throw-away store take longer than a trial): the
    // next ones start while a trial runs and is checked.
    Deque<ChildProcess> standby = new ArrayDeque<>();
    try {
      for (int trial = 1; trial <= trials; trial++) {
        while (standby.size() < Math.min(STANDBY, trials - trial + 1)) {
          standby.add(ChildProcess.start(workDir));
        }
        try (ChildProcess child = standby.poll()) {
          child.awaitReady();
          long workloadSeed = random.nextLong();
          boolean early = random.nextInt(EARLY_KILL_ONE_IN) == 0;
          long delayMicros = random.nextInt(MAX_KILL_DELAY_MICROS);
          child.send("OPEN", "1000", Integer.toString(POOL), spec.encode());
          child.send("CHURN", Long.toString(workloadSeed), Integer.toString(THREADS));
          if (!early) {
            child.await("OPENED");
          }
          LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(delayMicros));
          int exit = child.kill();
          assertThat(exit).as("exit status of a child killed by destroyForcibly (SIGKILL)")
              .isEqualTo(ChildProcess.SIGKILL_EXIT);
          String label = String.format("trial %d of seed %d (workload seed %d, killed %d us"
              + " after %s)", trial, seed, workloadSeed, delayMicros,
              early ? "the open command" : "the store opened");
          Outcome outcome = check(spec, child.lines(), label);
          acknowledged += outcome.acknowledged;
          inFlightCommitted += outcome.inFlightCommitted;
          if (!outcome.opened) {
            earlyKills++;
          }
          System.out.printf("  %s: %d acknowledged, %d in-flight writes found committed%n",
              label, outcome.acknowledged, outcome.inFlightCommitted);
        }
      }
    } finally {
      for (ChildProcess left : standby) {
        left.close();
      }
    }
    String summary = String.format("%d trials on the %s in %d s: %d acknowledged operations"
        + " checked, %d in-flight writes found committed, %d kills before the store was open",
        trials, spec, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), acknowledged,
        inFlightCommitted, earlyKills);
    System.out.println(summary);
    return summary;
  }

  private record Outcome(int acknowledged, int inFlightCommitted, boolean opened) {}

  private static Outcome check(StoreSpec spec, List<List<String>> lines, String label)
      throws SQLException {
    Map<String, String> acked = new HashMap<>();
    Map<String, List<String>> inFlight = new HashMap<>(); // thread -> [kind, id]
    int acknowledged = 0;
    boolean opened = false;
    for (List<String> f : lines) {
      switch (f.get(0)) {
        case "OPENED" -> opened = true;
        case "T" -> inFlight.put(f.get(1), f.subList(2, 4));
        case "A" -> {
          String snapshot = String.join("\t", f.subList(3, f.size()));
          acked.put(Snapshot.id(snapshot), snapshot);
          inFlight.remove(f.get(1));
          acknowledged++;
        }
        case "F" -> inFlight.remove(f.get(1));
        case "X" -> throw new AssertionError(label + ": a write failed in the child: " + f);
        default -> { }
      }
    }
    if (spec.isSqlite()) {
      checkSqliteFile(spec, label);
    }
    try (StoreSpec.Opened store = spec.open()) {
      AllocationStore allocations = store.allocations();
      Map<String, Allocation> stored = new HashMap<>();
      for (String id : ids(spec)) {
        stored.put(id, allocations.find(id).orElseThrow());
      }
      int inFlightCommitted = 0;
      for (Map.Entry<String, String> ack : acked.entrySet()) {
        Allocation now = stored.get(ack.getKey());
        assertThat(now).as("%s: acknowledged allocation %s is in the store", label, ack.getKey())
            .isNotNull();
        String snapshot = Snapshot.of(now);
        if (!snapshot.equals(ack.getValue())) {
          boolean wasInFlight =
              inFlight.values().stream().anyMatch(op -> op.get(1).equals(ack.getKey()));
          assertThat(wasInFlight && now.version() == Snapshot.version(ack.getValue()) + 1)
              .as("%s: allocation %s was acknowledged as%n  %s%nbut the store holds%n  %s%n"
                  + "its thread's last lines:%n%s", label, ack.getKey(), ack.getValue(),
                  snapshot, history(lines, ack.getKey()))
              .isTrue();
          inFlightCommitted++;
        }
      }
      long creationsInFlight =
          inFlight.values().stream().filter(op -> op.get(0).equals("create")).count();
      List<Allocation> unknown =
          stored.values().stream().filter(a -> !acked.containsKey(a.greenvnId())).toList();
      assertThat(unknown.size())
          .as("%s: allocations never acknowledged %s, with %d creations in flight; the"
              + " child's lines:%n%s", label, unknown, creationsInFlight, tail(lines))
          .isLessThanOrEqualTo((int) creationsInFlight);
      for (Allocation a : unknown) {
        assertThat(a.version()).as("%s: unacknowledged creation %s", label, a).isEqualTo(1);
      }
      inFlightCommitted += unknown.size();

      List<Allocation> active = stored.values().stream().filter(Allocation::isActive).toList();
      TestFixtures.checkNothingHeldTwice(active);
      checkRouting(spec, store, active, label);
      emptyThroughAnEngine(spec, store, active, label);
      return new Outcome(acknowledged, inFlightCommitted, opened);
    }
  }

  /** The child's last lines, for failures. */
  private static String tail(List<List<String>> lines) {
    StringBuilder out = new StringBuilder();
    for (List<String> f : lines.subList(Math.max(0, lines.size() - 60), lines.size())) {
      out.append("  ").append(String.join(" ", f)).append(System.lineSeparator());
    }
    return out.toString();
  }

  /** The lines of the thread that worked on {@code id}, from its creation on: for failures. */
  private static String history(List<List<String>> lines, String id) {
    String thread = null;
    StringBuilder out = new StringBuilder();
    for (List<String> f : lines) {
      if (thread == null && f.get(0).equals("A") && f.contains(id)) {
        thread = f.get(1);
      }
      if (thread != null && f.size() > 1 && f.get(1).equals(thread)) {
        out.append("  ").append(String.join(" ", f)).append(System.lineSeparator());
      }
    }
    return out.toString();
  }

  private static void checkSqliteFile(StoreSpec spec, String label) throws SQLException {
    try (Connection c = spec.connect(); Statement s = c.createStatement()) {
      List<String> integrity = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        while (rs.next()) {
          integrity.add(rs.getString(1));
        }
      }
      assertThat(integrity).as("%s: PRAGMA integrity_check", label).containsExactly("ok");
      try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
        assertThat(rs.next()).as("%s: PRAGMA foreign_key_check finds a row", label).isFalse();
      }
    }
  }

  private static void checkRouting(
      StoreSpec spec, StoreSpec.Opened store, List<Allocation> active, String label)
      throws SQLException {
    assertThat(store.indexed()).as("%s: allocations in the rebuilt routing index", label)
        .isEqualTo(active.size());
    long keys = 0;
    for (Allocation a : active) {
      Set<Object> distinct = new HashSet<>();
      for (PhoneNumber number : a.allNumbers()) {
        distinct.add(number);
        assertThat(store.allocations().findActiveByNumber(a.greenvn(), number))
            .as("%s: %s routes on %s", label, number, a.greenvn()).contains(a);
      }
      distinct.addAll(a.allPins());
      keys += distinct.size();
    }
    try (Connection c = spec.connect(); Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT count(*) FROM greenvn_route"))
          .as("%s: route rows, one per number and PIN of each active allocation", label)
          .isEqualTo(keys);
      assertThat(count(s, "SELECT count(*) FROM greenvn_route r JOIN greenvn_allocation a"
          + " ON a.greenvn_id = r.greenvn_id WHERE a.active = 0"))
          .as("%s: route rows of allocations in the vault", label).isZero();
    }
  }

  /** Deletes the survivors and forgets the vault through an engine: the store takes writes. */
  private static void emptyThroughAnEngine(
      StoreSpec spec, StoreSpec.Opened store, List<Allocation> active, String label)
      throws SQLException {
    try (GreenVn engine = GreenVn.builder().store(store.allocations())
        .tenant(WorkloadPlan.tenant(POOL)).expirySweep(Duration.ZERO).build()) {
      for (Allocation a : active) {
        engine.allocations().delete(WorkloadPlan.TENANT, a.greenvnId());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // vaulted strictly before now
      engine.allocations().purgeVault(Duration.ZERO);
    }
    try (Connection c = spec.connect(); Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT count(*) FROM greenvn_allocation"))
          .as("%s: allocations left after deleting and purging", label).isZero();
    }
  }

  private static List<String> ids(StoreSpec spec) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = spec.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT greenvn_id FROM greenvn_allocation")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
