package org.greenvn.examples.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.greenvn.allocation.Allocation;
import org.greenvn.concurrent.Threads;
import org.greenvn.examples.server.ServerConfig;
import org.greenvn.examples.server.StandaloneServer;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.store.sqlite.SqliteStore;
import org.slf4j.LoggerFactory;

/**
 * The whole-system soak. Runs the real standalone server in this JVM (its own configuration
 * format, SQLite in a temporary directory, HTTP and FastAGI on 127.0.0.1 ephemeral ports, webhooks
 * to a local receiver that verifies every signature and sometimes refuses or stalls), drives
 * allocation creates, reads, updates, VN moves and deletes from several HTTP workers and FastAGI
 * calls of every kind from several simulated Asterisk channels, with allocations expiring every
 * few seconds throughout; then drains, reads everything back over the API and from the SQLite
 * file, and checks it with {@link SoakChecker}. Heap and live threads are compared with a
 * baseline taken after a warm-up, with the soak's own load threads ended and its records spilled
 * to disk.
 *
 * <pre>
 * mvn -B -q -pl examples -am compile exec:java \
 *     -Dexec.mainClass=org.greenvn.examples.soak.Soak -Dexec.args='--duration 10m'
 * </pre>
 *
 * <p>Exits 0 when it passed, 1 with the violations listed, 2 for bad flags.
 */
public final class Soak {

  /** How long after an allocation's expiry the server's 1 s sweep has certainly run. */
  static final long SWEEP_SLACK_MILLIS = 2_500;
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);
  /**
   * Thread families that may appear after the baseline: started on first use by the JDK (the
   * common pool, the reference-handler helpers), never per call or per request.
   */
  private static final Set<String> LAZY_FAMILIES =
      Set.of("ForkJoinPool.commonPool-worker-#", "process reaper", "Attach Listener",
          "Common-Cleaner", "VirtualThread-unparker", "ForkJoinPool-#-worker-#");
  /**
   * Pool threads a family should be back within before the end snapshot is taken: the soak waits
   * up to the settle time for pools that grew under load to reach it.
   */
  private static final int SETTLE_SLACK = 4;
  /** The webhook dispatcher's attempts in flight at most (its default {@code maxInFlight}). */
  private static final int DISPATCHER_IN_FLIGHT = 16;

  private Soak() {}

  /** Runs the soak with the flags of {@link SoakOptions#parse}; exits non-zero on violations. */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(SoakOptions.usage());
      return;
    }
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("soak: " + e.getMessage());
      System.err.print(SoakOptions.usage());
      System.exit(2);
      return;
    }
    SoakReport report = run(options, System.out);
    System.out.print(report.toText());
    System.out.flush();
    System.exit(report.passed() ? 0 : 1);
  }

  /**
   * Runs one soak and returns its report; progress lines go to {@code log}.
   *
   * @throws IllegalStateException if {@code GREENVN_HTTP_PORT} or {@code GREENVN_AGI_PORT} is
   *     set (they would replace the soak's ephemeral ports)
   */
  static SoakReport run(SoakOptions options, PrintStream log)
      throws IOException, InterruptedException {
    for (String variable : List.of("GREENVN_HTTP_PORT", "GREENVN_AGI_PORT")) {
      if (System.getenv(variable) != null) {
        throw new IllegalStateException(variable + " is set: unset it for the soak");
      }
    }
    long started = System.nanoTime();
    Path dataDir = Files.createTempDirectory("greenvn-soak-");
    // Each refused webhook is an INFO line by design; thousands of them would bury the report.
    Logger greenvn = (Logger) LoggerFactory.getLogger("org.greenvn");
    Level level = greenvn.getLevel();
    greenvn.setLevel(Level.WARN);
    try {
      return new Run(options, log, dataDir).execute(started);
    } finally {
      greenvn.setLevel(level);
      deleteTree(dataDir);
    }
  }

  /** One run's state; its references are dropped before the end snapshot. */
  private static final class Run {
    private final SoakOptions options;
    private final PrintStream log;
    private final Path dataDir;
    private final String secret;
    private final long epochSecond = Instant.now().getEpochSecond();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicLong callNumbers = new AtomicLong();
    private final SoakNumbers numbers = new SoakNumbers();
    private Ledger ledger = new Ledger();
    private long phaseSeed;

    Run(SoakOptions options, PrintStream log, Path dataDir) {
      this.options = options;
      this.log = log;
      this.dataDir = dataDir;
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      this.secret = "whsec_" + Base64.getEncoder().encodeToString(key);
      this.phaseSeed = options.seed();
    }

    SoakReport execute(long startedNanos) throws IOException, InterruptedException {
      // The soak's own pools exist before the baseline and after the end snapshot, so they
      // count in both and cancel out; its load threads are started and joined per phase.
      ExecutorService clientPool = Executors.newFixedThreadPool(4, Threads.daemon("soak-client"));
      ExecutorService receiverPool =
          Executors.newFixedThreadPool(8, Threads.daemon("soak-receiver"));
      WebhookReceiver receiver = new WebhookReceiver(secret, receiverPool);
      ServerConfig config = SoakServerConfig.of(dataDir, receiver, secret);
      StandaloneServer server = StandaloneServer.start(config);
      ResourceSnapshot baseline;
      ResourceSnapshot end;
      Path spill = dataDir.resolve("soak-evidence.bin");
      Map<String, Long> counts;
      Map<String, Long> events;
      long requests;
      long refusals;
      long slow;
      long redeliveries;
      try {
        ApiClient api =
            new ApiClient(server.httpUri(), SoakNumbers.TENANT, SoakServerConfig.API_KEY,
                SoakServerConfig.TOKEN, clientPool);
        InetSocketAddress agi = new InetSocketAddress(server.agiAddress(), server.agiPort());
        log.printf("soak: server on %s and agi://127.0.0.1:%d, SQLite in %s%n",
            server.httpUri(), server.agiPort(), dataDir);

        phase("warm-up", options.warmup(), api, agi);
        drain(api, receiver, "warm-up");
        baseline = ResourceSnapshot.take();
        log.printf("soak: baseline heap %.1f MiB, %d live threads%n",
            baseline.heapUsedBytes() / 1048576.0, baseline.liveThreads());

        phase("load", options.duration(), api, agi);
        drain(api, receiver, "load");

        long backlog = backlog(api.metrics());
        long readAt = System.currentTimeMillis();
        Map<String, ObservedAllocation> reads = readBack(api);
        List<ExpectedAllocation> expected = new ArrayList<>();
        for (TrackedAllocation a : ledger.all()) {
          expected.add(a.expectation(readAt, SWEEP_SLACK_MILLIS));
        }
        List<Delivery> deliveries = receiver.deliveries();
        events = new TreeMap<>();
        for (Delivery d : deliveries) {
          events.merge(d.type(), 1L, Long::sum);
          if (d.attempts() > 1) {
            events.merge("(delivered after a retry)", 1L, Long::sum);
          }
        }
        SoakEvidence evidence =
            new SoakEvidence(expected, ledger.calls(), deliveries, reads, List.of(), backlog, 0,
                receiver.undelivered(), receiver.badSignatures(), ledger.errors());
        counts = ledger.counts();
        requests = receiver.requests();
        refusals = receiver.refusals();
        slow = receiver.slowAnswers();
        redeliveries = receiver.redeliveries();
        // The soak's records must not count as the server's heap: spill them and let go.
        write(spill, evidence);
        evidence = null;
        expected = null;
        deliveries = null;
        reads = null;
        ledger = null;
        receiver.forget();
        end = settledSnapshot(baseline);
      } finally {
        server.close();
        receiver.close();
        clientPool.shutdownNow();
        receiverPool.shutdownNow();
      }
      SoakEvidence evidence = read(spill);
      Stored stored = readStore(dataDir);
      evidence =
          new SoakEvidence(evidence.allocations(), evidence.calls(), evidence.deliveries(),
              evidence.apiReads(), stored.active(), evidence.metricsBacklog(),
              stored.outboxRows(), evidence.undeliveredWebhookIds(), evidence.badSignatures(),
              evidence.operationalErrors());
      List<Violation> violations = new ArrayList<>(SoakChecker.check(evidence));
      violations.addAll(
          SoakChecker.resources(
              baseline, end,
              new ResourceTolerance(options.heapSlackMiB() * 1048576L, inFlightBound(options),
                  LAZY_FAMILIES)));
      return new SoakReport(
          "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
          options, Duration.ofNanos(System.nanoTime() - startedNanos), counts, events, requests,
          refusals, slow, redeliveries, evidence.allocations().size(), evidence.calls().size(),
          baseline, end, violations);
    }

    /** Runs the HTTP and call workers together for {@code length}, then joins them. */
    private void phase(String name, Duration length, ApiClient api, InetSocketAddress agi)
        throws InterruptedException {
      long deadline = System.nanoTime() + length.toNanos();
      List<Thread> workers = new ArrayList<>();
      for (int i = 0; i < options.httpWorkers(); i++) {
        workers.add(new Thread(
            new AllocationWorker(api, ledger, phaseSeed++, deadline,
                options.maxOperationsPerWorker(), options.maxLiveLongLived(), "soak" + name,
                connectionIds),
            "soak-load-http-" + i));
      }
      for (int i = 0; i < options.callWorkers(); i++) {
        workers.add(new Thread(
            new CallWorker(agi, ledger, numbers, phaseSeed++, deadline,
                options.maxOperationsPerWorker(), epochSecond, callNumbers),
            "soak-load-call-" + i));
      }
      log.printf("soak: %s for %ds with %d HTTP and %d call workers%n", name,
          length.toSeconds(), options.httpWorkers(), options.callWorkers());
      workers.forEach(Thread::start);
      // Each worker stops starting operations at the deadline; one in flight ends within its
      // own timeouts (30 s HTTP, 30 s AGI read): wait that long past it at most.
      long joinBy = deadline + TimeUnit.SECONDS.toNanos(70);
      for (Thread worker : workers) {
        worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
        if (worker.isAlive()) {
          ledger.error(worker.getName() + " still running 70 s after the " + name
              + " phase's end");
          worker.interrupt();
        }
      }
    }

    /**
     * Waits until every short-lived allocation has certainly expired, the outbox is empty, no
     * refused delivery is pending and the receiver has been quiet for 2 s; at most the drain
     * timeout.
     */
    private void drain(ApiClient api, WebhookReceiver receiver, String after)
        throws InterruptedException {
      long deadline = System.nanoTime() + options.drainTimeout().toNanos();
      long backlog = -1;
      while (System.nanoTime() < deadline) {
        boolean expired =
            System.currentTimeMillis() > ledger.latestShortExpiryMillis() + SWEEP_SLACK_MILLIS;
        backlog = backlog(api.metrics());
        if (expired && backlog == 0 && receiver.undelivered().isEmpty()
            && receiver.quietNanos() > QUIET_NANOS) {
          return;
        }
        Thread.sleep(250);
      }
      ledger.error("the drain after the " + after + " phase timed out after "
          + options.drainTimeout().toSeconds() + " s (webhook backlog " + backlog + ", "
          + receiver.undelivered().size() + " refused deliveries pending)");
    }

    /** Reads every acknowledged allocation back over the API. */
    private Map<String, ObservedAllocation> readBack(ApiClient api) {
      Map<String, ObservedAllocation> reads = new HashMap<>();
      for (TrackedAllocation a : ledger.all()) {
        ApiAnswer answer = api.get(a.greenvnId);
        if (answer.ok()) {
          reads.put(a.greenvnId, new ObservedAllocation(a.greenvnId,
              answer.data().path("state").asText(), AllocationWorker.partiesOf(answer.data())));
        } else {
          ledger.error("final read of " + a.greenvnId + ": unexpected " + answer);
        }
      }
      return reads;
    }

    /**
     * The end snapshot, once the pools that grew under load have shrunk back within the
     * tolerance, or after the settle time (then the checker reports what is left).
     */
    private ResourceSnapshot settledSnapshot(ResourceSnapshot baseline)
        throws InterruptedException {
      long deadline = System.nanoTime() + options.threadSettle().toNanos();
      ResourceTolerance threadsOnly =
          new ResourceTolerance(Long.MAX_VALUE, SETTLE_SLACK, LAZY_FAMILIES);
      while (true) {
        ResourceSnapshot now = ResourceSnapshot.take();
        if (SoakChecker.resources(baseline, now, threadsOnly).isEmpty()
            || System.nanoTime() > deadline) {
          return now;
        }
        Thread.sleep(1_000);
      }
    }
  }

  /**
   * How far a thread family may end above its baseline: as many threads as there can be things
   * in flight at once (each worker's one request or call, each webhook attempt). A pool still
   * holding idle threads from the peak (the JDK HTTP client's workers idle for 60 s) stays
   * within it; a thread kept per call, request or delivery goes past it within the first
   * seconds of load.
   */
  static int inFlightBound(SoakOptions options) {
    return options.httpWorkers() + options.callWorkers() + DISPATCHER_IN_FLIGHT;
  }

  /** The webhook backlog gauge's value in a Prometheus text page; -1 when absent. */
  static long backlog(String metrics) {
    if (metrics == null) {
      return -1;
    }
    long sum = -1;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("greenvn_webhook_backlog")) {
        String value = line.substring(line.lastIndexOf(' ') + 1);
        sum = Math.max(sum, 0) + (long) Double.parseDouble(value);
      }
    }
    return sum;
  }

  private record Stored(List<ObservedAllocation> active, long outboxRows) {}

  /** The active allocations and the pending webhooks in the SQLite file, the server stopped. */
  private static Stored readStore(Path dataDir) {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      List<String> ids = new ArrayList<>();
      long outbox;
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
          Statement s = c.createStatement()) {
        try (ResultSet r = s.executeQuery(
            "SELECT greenvn_id FROM greenvn_allocation WHERE active = 1")) {
          while (r.next()) {
            ids.add(r.getString(1));
          }
        }
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM greenvn_webhook")) {
          r.next();
          outbox = r.getLong(1);
        }
      }
      List<ObservedAllocation> active = new ArrayList<>();
      for (String id : ids) {
        store.allocations().find(id).ifPresent(a -> active.add(observed(a)));
      }
      return new Stored(active, outbox);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the soak's SQLite file: " + e, e);
    }
  }

  private static ObservedAllocation observed(Allocation a) {
    return new ObservedAllocation(
        a.greenvnId(),
        a.isActive() ? "active" : "vault",
        new Parties(
            a.greenvn().e164(),
            a.aPartyNumbers().stream().map(PhoneNumber::e164).collect(Collectors.toSet()),
            a.bPartyNumbers().stream().map(PhoneNumber::e164).collect(Collectors.toSet()),
            a.aPartyPins().stream().map(p -> (long) p.value()).collect(Collectors.toSet()),
            a.bPartyPins().stream().map(p -> (long) p.value()).collect(Collectors.toSet()),
            a.usage().wireName()));
  }

  private static void write(Path file, SoakEvidence evidence) throws IOException {
    try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
      out.writeObject(evidence);
    }
  }

  private static SoakEvidence read(Path file) throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
      return (SoakEvidence) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("soak: could not remove " + root + ": " + e.getMessage());
    }
  }
}
