package org.greenvn.store.durability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.AllocationService;
import org.greenvn.allocation.CallPartyUpdate;
import org.greenvn.allocation.GreenVnException;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Usage;
import org.greenvn.allocation.VnUpdate;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.RoutingDecision;
import org.greenvn.store.sqlite.SqliteStore;

/**
 * An engine in a child JVM, driven by a test over stdin and answering on stdout, one
 * tab-separated line per command or acknowledged operation, each ending in {@code "\t."} so that
 * a line cut short by a kill is recognisable. Written with one {@code write} each (atomic on a
 * pipe), so concurrent workers' lines never mix.
 *
 * <p>It warms up (loads the store, engine and driver classes on a throw-away SQLite file) before
 * it prints {@code READY}, so a test can start the next child while it checks the last one.
 * Commands: {@code OPEN}, {@code CHURN} (the crash workload: runs until killed), {@code LOAD}
 * (the two-node workload), {@code CREATE}, {@code ROUTE}, {@code UPDATE}, {@code DELETE},
 * {@code QUIT}; see {@link ChildProcess} for the parent's side. If stdin closes (the test died)
 * the child exits at once.
 */
public final class EngineChild {

  /** A churn that nobody killed stops by itself after this long. */
  private static final long CHURN_LIMIT_MILLIS = 120_000;

  /** Each load thread makes at least this many attempts, even past the load's duration. */
  private static final int MIN_LOAD_ATTEMPTS = 100;

  /** ...but stops after this long whatever. */
  private static final long LOAD_LIMIT_MILLIS = 30_000;

  private static final OutputStream OUT = new FileOutputStream(FileDescriptor.out);

  private GreenVn engine;
  private StoreSpec.Opened store;

  private EngineChild() {}

  /** Runs the child: warm-up, {@code READY}, then commands until {@code QUIT} or end of input. */
  public static void main(String[] args) throws Exception {
    // Only protocol lines go to stdout: anything a library prints goes to stderr instead, where
    // it cannot run into a protocol line.
    System.setOut(System.err);
    warmUp();
    say("READY");
    new EngineChild().serve(new BufferedReader(new InputStreamReader(System.in, UTF_8)));
  }

  private void serve(BufferedReader in) throws Exception {
    String line;
    while ((line = in.readLine()) != null) {
      String[] f = line.split("\t", -1);
      try {
        switch (f[0]) {
          case "OPEN" -> open(Long.parseLong(f[1]), Integer.parseInt(f[2]),
              StoreSpec.decode(line.split("\t", 4)[3]));
          case "CHURN" -> churn(Long.parseLong(f[1]), Integer.parseInt(f[2]));
          case "LOAD" -> load(Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]));
          case "CREATE" -> say("CREATED", Snapshot.of(service().create(WorkloadPlan.TENANT,
              request(f[1], f[2], f[3], List.of(), "1h"))));
          case "ROUTE" -> route(f[1], f[2]);
          case "UPDATE" -> say("UPDATED", Snapshot.of(service().updateCallParty(
              WorkloadPlan.TENANT, f[1], CallPartyUpdate.builder().bPartyNumbers(f[2]).build())));
          case "DELETE" -> say("DELETED",
              Snapshot.of(service().delete(WorkloadPlan.TENANT, f[1])));
          case "QUIT" -> {
            quit();
            return;
          }
          default -> say("ERROR", "unknown command " + f[0]);
        }
      } catch (RuntimeException e) {
        say("ERROR", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    // The test is gone: leave without closing anything, as a crash would.
    Runtime.getRuntime().halt(0);
  }

  private void open(long sweepMillis, int pool, StoreSpec spec) {
    long start = System.nanoTime();
    store = spec.open();
    engine = GreenVn.builder()
        .store(store.allocations())
        .tenant(WorkloadPlan.tenant(pool))
        .expirySweep(Duration.ofMillis(sweepMillis))
        .listener(
            event -> {
              if (event instanceof DeallocationEvent d) {
                say("E", d.greenvnId());
              }
            })
        .build();
    say("OPENED", Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
  }

  private AllocationService service() {
    if (engine == null) {
      throw new IllegalStateException("OPEN first");
    }
    return engine.allocations();
  }

  private void route(String vn, String caller) {
    if (engine == null) {
      throw new IllegalStateException("OPEN first");
    }
    RoutingDecision decision = engine.route(vn, caller);
    if (decision instanceof Bridge b) {
      say("ROUTED", "bridge", b.greenvnId(),
          b.targets().stream().map(PhoneNumber::e164).collect(Collectors.joining(",")));
    } else {
      say("ROUTED", decision.getClass().getSimpleName().toLowerCase(), "-", "-");
    }
  }

  private void quit() {
    if (engine != null) {
      engine.close();
      store.close();
    }
    say("BYE");
    System.exit(0);
  }

  // ---------------------------------------------------------------- the crash workload

  /**
   * Creates, updates (parties, virtual number) and deletes as fast as it can on {@code threads}
   * threads, each working on the allocations it created. Before each call a thread prints
   * {@code T thread kind id}; after it returns, {@code A thread kind snapshot} (or {@code F
   * thread code} for a refusal, {@code X thread exception} for anything else).
   */
  private void churn(long seed, int threads) {
    AllocationService service = service();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> churnLoop(service, new Random(seed * 7919 + thread),
          thread), "churn-" + t);
      worker.setDaemon(true);
      worker.start();
    }
    Thread limit = new Thread(() -> {
      try {
        Thread.sleep(CHURN_LIMIT_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      say("ERROR", "churn ran " + CHURN_LIMIT_MILLIS + " ms without being killed");
      Runtime.getRuntime().halt(4);
    }, "churn-limit");
    limit.setDaemon(true);
    limit.start();
  }

  private void churnLoop(AllocationService service, Random rnd, int thread) {
    String me = Integer.toString(thread);
    List<String> owned = new ArrayList<>();
    for (long n = 0; ; n++) {
      int dice = rnd.nextInt(100);
      String kind;
      if (owned.size() < 2 || (owned.size() < 12 && dice < 40)) {
        kind = "create";
      } else if (owned.size() >= 12 || dice < 65) {
        kind = "delete";
      } else if (dice < 85) {
        kind = "parties";
      } else {
        kind = "vn";
      }
      String id = kind.equals("create") ? "-" : owned.get(rnd.nextInt(owned.size()));
      say("T", me, kind, id);
      try {
        Allocation result =
            switch (kind) {
              case "create" -> service.create(WorkloadPlan.TENANT, request(
                  "c" + thread + "-" + n + "-" + Long.toHexString(rnd.nextLong()),
                  WorkloadPlan.aParty(rnd.nextInt(12)), WorkloadPlan.bParty(rnd.nextInt(12)),
                  rnd.nextInt(3) == 0 ? List.of(1000L + rnd.nextInt(9000)) : List.of(), "1h"));
              case "delete" -> service.delete(WorkloadPlan.TENANT, id);
              case "parties" -> service.updateCallParty(WorkloadPlan.TENANT, id,
                  CallPartyUpdate.builder()
                      .bPartyNumbers(WorkloadPlan.bParty(rnd.nextInt(12)),
                          WorkloadPlan.bParty(12 + rnd.nextInt(12)))
                      .bPartyPins(rnd.nextBoolean() ? List.of(1000L + rnd.nextInt(9000))
                          : List.of())
                      .build());
              default -> service.updateVn(WorkloadPlan.TENANT, id, VnUpdate.anyNumber());
            };
        say("A", me, kind, Snapshot.of(result));
        if (kind.equals("create")) {
          owned.add(result.greenvnId());
        } else if (kind.equals("delete")) {
          owned.remove(id);
        }
      } catch (GreenVnException e) {
        say("F", me, Integer.toString(e.code().code()));
      } catch (RuntimeException e) {
        say("X", me, e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }

  // ---------------------------------------------------------------- the two-node workload

  /**
   * Creates allocations that expire within seconds, with parties drawn from a few numbers and
   * PINs from a few values, and deletes some early, on {@code threads} threads for {@code
   * millis} (and at least {@value #MIN_LOAD_ATTEMPTS} attempts each). Prints {@code C snapshot
   * acked-at expires-at} per created allocation and {@code D id called-at} per deleted one
   * (times in microseconds of the system clock, which the engine uses too), then {@code
   * LOADED}.
   */
  private void load(long seed, int threads, long millis) throws InterruptedException {
    AllocationService service = service();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long limit = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOAD_LIMIT_MILLIS);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        Random rnd = new Random(seed * 7919 + thread);
        List<String> mine = new ArrayList<>();
        // At least MIN_LOAD_ATTEMPTS per thread however slow the machine (so that conflicts do
        // happen), within LOAD_LIMIT_MILLIS.
        for (long n = 0; (System.nanoTime() < deadline || n < MIN_LOAD_ATTEMPTS)
            && System.nanoTime() < limit; n++) {
          try {
            if (!mine.isEmpty() && rnd.nextInt(10) == 0) {
              String id = mine.remove(rnd.nextInt(mine.size()));
              long calledAt = micros(Instant.now());
              try {
                service.delete(WorkloadPlan.TENANT, id);
                say("D", id, Long.toString(calledAt));
              } catch (GreenVnException e) {
                say("F", Integer.toString(e.code().code())); // expired meanwhile: 22
              }
              continue;
            }
            Allocation a = service.create(WorkloadPlan.TENANT, request(
                "n" + seed + "-" + thread + "-" + n, WorkloadPlan.aParty(rnd.nextInt(6)),
                WorkloadPlan.bParty(rnd.nextInt(6)),
                rnd.nextInt(3) == 0 ? List.of(1111L * (1 + rnd.nextInt(3))) : List.of(),
                (1 + rnd.nextInt(3)) + "s"));
            long ackedAt = micros(Instant.now());
            say("C", Snapshot.of(a), Long.toString(ackedAt),
                Long.toString(micros(a.expiresAt())));
            mine.add(a.greenvnId());
          } catch (GreenVnException e) {
            say("F", Integer.toString(e.code().code()));
          } catch (RuntimeException e) {
            say("X", e.getClass().getName() + ": " + e.getMessage());
          }
        }
      }, "load-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    say("LOADED");
  }

  static long micros(Instant at) {
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
  }

  private static AllocationRequest request(
      String connectionId, String a, String b, List<Long> aPins, String duration) {
    return AllocationRequest.builder()
        .connectionId(connectionId)
        .aPartyNumbers(a)
        .bPartyNumbers(b)
        .aPartyPins(aPins)
        .usage(Usage.TWOWAY)
        .deallocationDuration(duration)
        .build();
  }

  // ---------------------------------------------------------------- output and warm-up

  /** Prints one protocol line: the fields tab-separated, then {@code "\t."}. */
  static void say(String... fields) {
    byte[] line = (String.join("\t", fields) + "\t.\n").getBytes(UTF_8);
    synchronized (OUT) {
      try {
        OUT.write(line);
      } catch (IOException e) {
        Runtime.getRuntime().halt(5); // the test closed the pipe: nobody is listening
      }
    }
  }

  /** Loads what a run needs (drivers, Flyway, engine) on a throw-away SQLite store. */
  private static void warmUp() throws Exception {
    Class.forName("org.postgresql.Driver");
    Class.forName("com.zaxxer.hikari.HikariDataSource");
    Path dir = Files.createTempDirectory("greenvn-warm");
    try {
      // synchronous=NORMAL: the throw-away file need not wait for the disk, and warming up is
      // mostly waiting for it otherwise.
      try (SqliteStore sqlite =
              SqliteStore.builder(dir).synchronous(SqliteStore.Synchronous.NORMAL).open();
          GreenVn warm = GreenVn.builder().store(sqlite.allocations())
              .tenant(WorkloadPlan.tenant(2)).expirySweep(Duration.ZERO).build()) {
        Allocation a = warm.allocations().create(WorkloadPlan.TENANT,
            request("warm", WorkloadPlan.aParty(0), WorkloadPlan.bParty(0), List.of(1234L), "1h"));
        warm.route(a.greenvn().e164(), WorkloadPlan.aParty(0));
        warm.allocations().updateCallParty(WorkloadPlan.TENANT, a.greenvnId(),
            CallPartyUpdate.builder().bPartyNumbers(WorkloadPlan.bParty(1)).build());
        warm.allocations().updateVn(WorkloadPlan.TENANT, a.greenvnId(), VnUpdate.anyNumber());
        warm.allocations().delete(WorkloadPlan.TENANT, a.greenvnId());
        Snapshot.of(a);
        Pin.of(1);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
