package org.greenvn.store.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.greenvn.TestFixtures;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.DeallocationCause;

/**
 * Two engine processes ({@link EngineChild}) on one database, each creating on two threads with
 * parties drawn from six A and six B numbers and PINs from three values, on a pool of three
 * virtual numbers, so that most creations conflict; allocations expire within 1 to 3 s, some
 * are deleted early, and both engines sweep expiries every 100 ms. Then:
 *
 * <ul>
 *   <li><b>every response</b>: each acknowledged allocation holds its numbers and PINs from its
 *       acknowledgement until its expiry time or the call that deleted it; no two of them, from
 *       either node, hold one (virtual number, number) or (virtual number, PIN) over overlapping
 *       intervals (times of the one system clock both processes and their engines read);
 *   <li><b>the database</b>, right after the load: its active allocations hold nothing twice;
 *   <li><b>routing across nodes</b>: an allocation created on one node routes on the other at
 *       once; a change of its parties, and its deletion, route there after the store's
 *       staleness bound;
 *   <li><b>expiry once</b>: when nothing is active any more, the deallocation events of both
 *       processes number the allocations the database holds as expired, one for each.
 * </ul>
 */
public final class TwoNodeHarness {

  /** The staleness bound the stores are opened with (their default). */
  public static final Duration STALENESS_BOUND = Duration.ofSeconds(1);

  private static final int POOL = 3;
  private static final int THREADS = 2;
  private static final long LOAD_MILLIS = 4_000;
  private static final long SETTLE_MILLIS = 30_000;

  private TwoNodeHarness() {}

  /**
   * Runs the test on the store of {@code spec}, which must be empty; child logs go to
   * {@code workDir}.
   *
   * @return the figures of the run, for the test's log
   */
  public static String run(StoreSpec spec, Path workDir, long seed) throws Exception {
    System.out.printf("two-node test on the %s, seed %d%n", spec, seed);
    Random random = new Random(seed);
    try (ChildProcess one = ChildProcess.start(workDir);
        ChildProcess two = ChildProcess.start(workDir)) {
      one.awaitReady();
      two.awaitReady();
      for (ChildProcess node : List.of(one, two)) {
        node.send("OPEN", "100", Integer.toString(POOL), spec.encode());
        node.await("OPENED");
      }
      for (ChildProcess node : List.of(one, two)) {
        node.send("LOAD", Long.toString(random.nextLong()), Integer.toString(THREADS),
            Long.toString(LOAD_MILLIS));
      }
      one.await("LOADED");
      two.await("LOADED");
      int activeAfterLoad = checkDatabaseHoldsNothingTwice(spec);

      routeAcrossNodes(one, two);

      awaitNothingActive(spec);
      List<List<String>> lines = new ArrayList<>();
      Map<String, Allocation> stored = new HashMap<>();
      long expired = awaitEveryExpiryEvent(spec, one, two, stored);
      for (ChildProcess node : List.of(one, two)) {
        node.send("QUIT");
        node.await("BYE");
        assertThat(node.awaitExit()).as("exit status of a child that quit").isZero();
        lines.addAll(node.lines());
      }
      return checkResponses(lines, stored, expired, activeAfterLoad);
    }
  }

  private static int checkDatabaseHoldsNothingTwice(StoreSpec spec) {
    try (StoreSpec.Opened store = spec.open()) {
      List<Allocation> active = new ArrayList<>();
      for (Allocation a : all(spec, store).values()) {
        if (a.isActive()) {
          active.add(a);
        }
      }
      TestFixtures.checkNothingHeldTwice(active);
      return active.size();
    }
  }

  /** Node one creates, changes and deletes; node two routes; then the other way round. */
  private static void routeAcrossNodes(ChildProcess one, ChildProcess two)
      throws InterruptedException {
    String caller = WorkloadPlan.aParty(50);
    String first = WorkloadPlan.bParty(50);
    List<String> created = ask(one, "CREATED", "CREATE", "cross-1", caller, first);
    String id = created.get(1);
    String vn = created.get(4);
    assertThat(route(two, vn, caller)).as("created on node one, routed on node two at once")
        .containsExactly("bridge", id, first);

    String second = WorkloadPlan.bParty(51);
    ask(one, "UPDATED", "UPDATE", id, second);
    TimeUnit.MILLISECONDS.sleep(STALENESS_BOUND.toMillis() + 1);
    assertThat(route(two, vn, caller)).as("parties changed on node one, after the bound")
        .containsExactly("bridge", id, second);

    ask(one, "DELETED", "DELETE", id);
    TimeUnit.MILLISECONDS.sleep(STALENESS_BOUND.toMillis() + 1);
    assertThat(route(two, vn, caller).get(0)).as("deleted on node one, after the bound")
        .isNotEqualTo("bridge");

    String otherCaller = WorkloadPlan.aParty(52);
    String otherTarget = WorkloadPlan.bParty(52);
    List<String> back =
        ask(two, "CREATED", "CREATE", "cross-2", otherCaller, otherTarget);
    String backId = back.get(1);
    assertThat(route(one, back.get(4), otherCaller))
        .as("created on node two, routed on node one at once")
        .containsExactly("bridge", backId, otherTarget);
    ask(two, "DELETED", "DELETE", backId);
  }

  /** Sends a command and waits for its reply line. */
  private static List<String> ask(ChildProcess node, String reply, String... command) {
    node.send(command);
    return node.await(reply);
  }

  private static List<String> route(ChildProcess node, String vn, String caller) {
    node.send("ROUTE", vn, caller);
    return node.await("ROUTED").subList(1, 4);
  }

  private static void awaitNothingActive(StoreSpec spec) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
    long active;
    do {
      TimeUnit.MILLISECONDS.sleep(100);
      try (Connection c = spec.connect(); Statement s = c.createStatement()) {
        active = CrashHarness.count(s,
            "SELECT count(*) FROM greenvn_allocation WHERE active = 1");
      }
    } while (active > 0 && System.nanoTime() < deadline);
    assertThat(active).as("allocations still active %d ms after the load", SETTLE_MILLIS)
        .isZero();
  }

  /**
   * Reads every allocation into {@code stored} and waits until the two processes have printed
   * as many deallocation events as the database holds expired allocations (an event follows its
   * commit by a moment); returns that number.
   */
  private static long awaitEveryExpiryEvent(StoreSpec spec, ChildProcess one, ChildProcess two,
      Map<String, Allocation> stored) throws InterruptedException {
    try (StoreSpec.Opened store = spec.open()) {
      stored.putAll(all(spec, store));
    }
    long expired = stored.values().stream()
        .filter(a -> a.deallocationCause().equals(Optional.of(DeallocationCause.EXPIRED)))
        .count();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
    while (events(one) + events(two) < expired && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return expired;
  }

  private static long events(ChildProcess node) {
    return node.lines().stream().filter(f -> f.get(0).equals("E")).count();
  }

  private static String checkResponses(List<List<String>> lines, Map<String, Allocation> stored,
      long expired, int activeAfterLoad) {
    Map<String, Long> deleteCalledAt = new HashMap<>();
    Map<String, Integer> eventsById = new HashMap<>();
    List<List<String>> creations = new ArrayList<>();
    int refusals = 0;
    for (List<String> f : lines) {
      switch (f.get(0)) {
        case "C" -> creations.add(f);
        case "D" -> deleteCalledAt.put(f.get(1), Long.parseLong(f.get(2)));
        case "E" -> eventsById.merge(f.get(1), 1, Integer::sum);
        case "F" -> refusals++;
        case "X" -> throw new AssertionError("A write failed in a child: " + f);
        default -> { }
      }
    }
    // Each key's holders, with the interval each surely held it over.
    record Held(String id, long from, long to) {}
    Map<String, List<Held>> holders = new HashMap<>();
    for (List<String> c : creations) {
      String snapshot = String.join("\t", c.subList(1, 9));
      String id = Snapshot.id(snapshot);
      long from = Long.parseLong(c.get(9));
      long to =
          Math.min(Long.parseLong(c.get(10)), deleteCalledAt.getOrDefault(id, Long.MAX_VALUE));
      for (String key : Snapshot.keys(snapshot)) {
        holders.computeIfAbsent(key, k -> new ArrayList<>()).add(new Held(id, from, to));
      }
      Allocation now = stored.get(id);
      assertThat(now).as("acknowledged allocation %s is in the database", id).isNotNull();
      assertThat(now.state()).as("%s after every expiry", id).isEqualTo(AllocationState.VAULT);
      DeallocationCause cause = now.deallocationCause().orElseThrow();
      assertThat(cause).as("how %s left", id)
          .isEqualTo(deleteCalledAt.containsKey(id) ? DeallocationCause.DELETED
              : DeallocationCause.EXPIRED);
      assertThat(eventsById.getOrDefault(id, 0)).as("deallocation events of %s", id)
          .isEqualTo(cause == DeallocationCause.EXPIRED ? 1 : 0);
    }
    int overlapsChecked = 0;
    for (Map.Entry<String, List<Held>> key : holders.entrySet()) {
      List<Held> held = key.getValue();
      for (int i = 0; i < held.size(); i++) {
        for (int j = i + 1; j < held.size(); j++) {
          Held x = held.get(i);
          Held y = held.get(j);
          overlapsChecked++;
          assertThat(x.from < y.to && y.from < x.to)
              .as("%s held by %s over [%d, %d) and by %s over [%d, %d) (us)", key.getKey(),
                  x.id, x.from, x.to, y.id, y.from, y.to)
              .isFalse();
        }
      }
    }
    long eventCount = eventsById.values().stream().mapToLong(Integer::longValue).sum();
    assertThat(eventCount).as("deallocation events of both nodes").isEqualTo(expired);
    assertThat(creations).as("creations acknowledged").isNotEmpty();
    assertThat(refusals).as("refused creations (the pool is meant to be contended)")
        .isPositive();
    assertThat(expired).as("expired allocations").isPositive();
    String summary = String.format("two nodes: %d creations acknowledged, %d refused, %d deleted,"
        + " %d expired with %d events, %d active in the database after the load, %d pairs of"
        + " holders of one key checked for overlap", creations.size(), refusals,
        deleteCalledAt.size(), expired, eventCount, activeAfterLoad, overlapsChecked);
    System.out.println(summary);
    return summary;
  }

  private static Map<String, Allocation> all(StoreSpec spec, StoreSpec.Opened store) {
    Map<String, Allocation> all = new HashMap<>();
    try (Connection c = spec.connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT greenvn_id FROM greenvn_allocation")) {
      while (rs.next()) {
        String id = rs.getString(1);
        all.put(id, store.allocations().find(id).orElseThrow());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return all;
  }
}
