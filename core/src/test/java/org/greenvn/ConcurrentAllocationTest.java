package org.greenvn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.greenvn.TestFixtures.checkNothingHeldTwice;
import static org.greenvn.TestNumbers.SID;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.AllocationService;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.ErrorCode;
import org.greenvn.allocation.GreenVnException;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Usage;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Many threads create and delete allocations whose parties overlap, on a small pool: whatever the
 * interleaving, no number and no PIN is held twice on one virtual number, and nothing a caller
 * was told is lost. Also with two engines sharing one store, where only the store's own checks
 * stand between them.
 */
class ConcurrentAllocationTest {

  private static final List<String> VNS =
      List.of(
          "+914048212136", "+918041234567", "+914040000001", "+914040000002", "+914040000003");
  private static final List<String> NUMBERS =
      List.of(
          "+919800000001", "+919800000002", "+919800000003", "+919800000004", "+919800000005",
          "+919800000006", "+919800000007", "+919800000008", "+919800000009", "+919800000010",
          "+919800000011", "+919800000012");
  private static final List<Long> PINS = List.of(1111L, 2222L, 3333L);
  private static final int THREADS = 8;
  private static final int OPERATIONS_PER_THREAD = 2_000;
  private static final long TIMEOUT_SECONDS = 120;

  /** What one thread did, as the engine acknowledged it. */
  private static final class Worker {
    final Map<String, Allocation> created = new HashMap<>();
    final Set<String> deleted = new HashSet<>();
    final List<Throwable> unexpected = new ArrayList<>();
    int creates;
    int deletes;
    int refusals;
  }

  @Test
  void concurrentCreatesAndDeletesOnOneEngineNeverDoubleBookAndLoseNothing() throws Exception {
    InMemoryAllocationStore store = new InMemoryAllocationStore();
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    try (GreenVn engine = engine(store, clock)) {
      AllocationService service = engine.allocations();

      List<Worker> workers = run(store, thread -> service);

      List<Allocation> active = checkNothingLost(service, workers);
      checkNothingHeldTwice(active);
      checkStoreIndexes(store, service, workers);
      assertThat(store.activeCountByGreenvn(SID)).isEqualTo(countPerVn(active));
      Map<PhoneNumber, Integer> loads = new HashMap<>();
      for (VnLoad load : service.utilisation(SID)) {
        if (load.activeAllocations() != 0) {
          loads.put(load.number().number(), load.activeAllocations());
        }
      }
      assertThat(loads).as("pool loads").isEqualTo(countPerVn(active));
    }
  }

  @Test
  void twoEnginesSharingOneStoreNeverDoubleBookAndLoseNothing() throws Exception {
    InMemoryAllocationStore store = new InMemoryAllocationStore();
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    try (GreenVn first = engine(store, clock);
        GreenVn second = engine(store, clock)) {
      List<AllocationService> services = List.of(first.allocations(), second.allocations());
      // Each call goes to either engine: a thread's creates and deletes cross engines.
      List<Worker> workers =
          run(store, thread -> services.get(ThreadLocalRandom.current().nextInt(2)));

      List<Allocation> active = checkNothingLost(first.allocations(), workers);
      checkNothingLost(second.allocations(), workers);
      checkNothingHeldTwice(active);
      checkStoreIndexes(store, first.allocations(), workers);
      assertThat(store.activeCountByGreenvn(SID)).isEqualTo(countPerVn(active));
    }
  }

  // ------------------------------------------------------------------ the workload

  private static GreenVn engine(InMemoryAllocationStore store, MutableClock clock) {
    Tenant.Builder tenant = Tenant.builder(SID);
    for (String vn : VNS) {
      tenant.number(vn, Region.AP, NumberType.LANDLINE);
    }
    return TestFixtures.engine(clock, store, tenant.build());
  }

  /**
   * Runs the threads from one start gate; {@code serviceFor} gives the service of each call (its
   * argument is the thread's index).
   */
  private static List<Worker> run(
      AllocationStore store, IntFunction<AllocationService> serviceFor) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Worker>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return work(thread, store, serviceFor);
                }));
      }
      assertThat(ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("threads started").isTrue();
      go.countDown();
      List<Worker> workers = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      for (Future<Worker> future : futures) {
        long left = Math.max(1, deadline - System.nanoTime());
        try {
          workers.add(future.get(left, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          fail("The threads did not finish within " + TIMEOUT_SECONDS + " s: deadlock?");
        } catch (ExecutionException e) {
          throw new AssertionError("A thread died", e.getCause());
        }
      }
      for (Worker worker : workers) {
        if (!worker.unexpected.isEmpty()) {
          Throwable first = worker.unexpected.get(0);
          throw new AssertionError(
              worker.unexpected.size() + " unexpected failures, the first: " + first, first);
        }
      }
      int creates = workers.stream().mapToInt(w -> w.creates).sum();
      int deletes = workers.stream().mapToInt(w -> w.deletes).sum();
      int refusals = workers.stream().mapToInt(w -> w.refusals).sum();
      assertThat(creates).as("successful creates").isGreaterThan(THREADS * 10);
      assertThat(deletes).as("successful deletes").isGreaterThan(THREADS * 10);
      assertThat(refusals).as("creates refused for want of a free number").isPositive();
      return workers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Worker work(
      int thread, AllocationStore store, IntFunction<AllocationService> serviceFor) {
    Random random = new Random(1_000L + thread);
    Worker worker = new Worker();
    List<String> mine = new ArrayList<>();
    for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
      AllocationService service = serviceFor.apply(thread);
      try {
        if (mine.isEmpty() || random.nextBoolean()) {
          create(service, random, "t" + thread + "-" + op, worker, mine)
              .ifPresent(created -> checkStillHolds(store, created));
        } else {
          String id = mine.remove(random.nextInt(mine.size()));
          checkStillHolds(store, worker.created.get(id));
          Allocation deleted = service.delete(SID, id);
          if (deleted.state() != AllocationState.VAULT || !deleted.greenvnId().equals(id)) {
            worker.unexpected.add(new AssertionError("delete returned " + deleted));
          }
          worker.deleted.add(id);
          worker.deletes++;
        }
      } catch (RuntimeException | AssertionError e) {
        worker.unexpected.add(e);
      }
    }
    return worker;
  }

  /**
   * Only its own thread deletes an allocation, so while that thread runs, the allocation is active
   * and must hold each of its numbers and PINs: a double booking shows here as another holder.
   */
  private static void checkStillHolds(AllocationStore store, Allocation allocation) {
    String id = allocation.greenvnId();
    for (PhoneNumber number : allocation.allNumbers()) {
      String holder =
          store.findActiveByNumber(allocation.greenvn(), number)
              .map(Allocation::greenvnId)
              .orElse("nobody");
      if (!holder.equals(id)) {
        throw new AssertionError(number + " of " + allocation + " is held by " + holder);
      }
    }
    for (Pin pin : allocation.allPins()) {
      String holder =
          store.findActiveByPin(allocation.greenvn(), pin)
              .map(Allocation::greenvnId)
              .orElse("nobody");
      if (!holder.equals(id)) {
        throw new AssertionError("A PIN of " + allocation + " is held by " + holder);
      }
    }
  }

  private static Optional<Allocation> create(
      AllocationService service, Random random, String connection, Worker worker,
      List<String> mine) {
    List<String> shuffled = new ArrayList<>(NUMBERS);
    Collections.shuffle(shuffled, random);
    AllocationRequest.Builder request =
        AllocationRequest.builder()
            .connectionId(connection)
            .aPartyNumbers(shuffled.get(0))
            .bPartyNumbers(
                random.nextInt(4) == 0 ? shuffled.subList(1, 3) : shuffled.subList(1, 2))
            .usage(random.nextBoolean() ? Usage.ONEWAY : Usage.TWOWAY)
            .deallocationDuration("1d");
    if (random.nextInt(4) == 0) {
      request.bPartyPins(List.of(PINS.get(random.nextInt(PINS.size()))));
    }
    try {
      Allocation created = service.create(SID, request.build());
      worker.created.put(created.greenvnId(), created);
      mine.add(created.greenvnId());
      worker.creates++;
      return Optional.of(created);
    } catch (GreenVnException e) {
      if (e.code() != ErrorCode.NO_FREE_VN) {
        throw e;
      }
      worker.refusals++;
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------ the checks

  /**
   * Every create that returned can be read back as it was created, in the vault exactly when its
   * thread deleted it; and creates minus deletes is what is active. Returns the active ones.
   */
  private static List<Allocation> checkNothingLost(
      AllocationService service, List<Worker> workers) {
    List<Allocation> active = new ArrayList<>();
    for (Worker worker : workers) {
      for (Allocation created : worker.created.values()) {
        Allocation now = service.get(SID, created.greenvnId());
        boolean deleted = worker.deleted.contains(created.greenvnId());
        assertThat(now.state())
            .as("state of %s, deleted by its thread: %s", created, deleted)
            .isEqualTo(deleted ? AllocationState.VAULT : AllocationState.ACTIVE);
        assertThat(now.connectionId()).isEqualTo(created.connectionId());
        assertThat(now.greenvn()).isEqualTo(created.greenvn());
        assertThat(now.aPartyNumbers()).isEqualTo(created.aPartyNumbers());
        assertThat(now.bPartyNumbers()).isEqualTo(created.bPartyNumbers());
        assertThat(now.bPartyPins()).isEqualTo(created.bPartyPins());
        if (now.isActive()) {
          assertThat(now).isEqualTo(created);
          active.add(now);
        }
      }
      assertThat(worker.deleted).isSubsetOf(worker.created.keySet());
    }
    int creates = workers.stream().mapToInt(w -> w.creates).sum();
    int deletes = workers.stream().mapToInt(w -> w.deletes).sum();
    assertThat(active).as("active allocations = creates - deletes").hasSize(creates - deletes);
    return active;
  }

  /** The store's look-ups agree with the allocations: nothing stale is left routable. */
  private static void checkStoreIndexes(
      InMemoryAllocationStore store, AllocationService service, List<Worker> workers) {
    for (Worker worker : workers) {
      for (String id : worker.created.keySet()) {
        Allocation a = service.get(SID, id);
        for (PhoneNumber number : a.allNumbers()) {
          String holder =
              store.findActiveByNumber(a.greenvn(), number).map(Allocation::greenvnId).orElse("");
          if (a.isActive()) {
            assertThat(holder).as("holder of %s on %s", number, a.greenvn()).isEqualTo(id);
          } else {
            assertThat(holder).as("holder of %s on %s", number, a.greenvn()).isNotEqualTo(id);
          }
        }
        for (Pin pin : a.allPins()) {
          String holder =
              store.findActiveByPin(a.greenvn(), pin).map(Allocation::greenvnId).orElse("");
          assertThat(holder.equals(id)).as("%s holds its PIN", a).isEqualTo(a.isActive());
        }
        assertThat(store.findActiveByConnectionId(SID, a.connectionId()).isPresent())
            .as("%s found by its connection id", a)
            .isEqualTo(a.isActive());
      }
    }
  }

  private static Map<PhoneNumber, Integer> countPerVn(List<Allocation> active) {
    return active.stream()
        .collect(Collectors.groupingBy(Allocation::greenvn, Collectors.summingInt(a -> 1)));
  }
}
