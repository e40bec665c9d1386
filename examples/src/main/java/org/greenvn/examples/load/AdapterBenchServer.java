package org.greenvn.examples.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.greenvn.asterisk.AdapterSettings;
import org.greenvn.asterisk.FlowSettings;
import org.greenvn.asterisk.GreenVnAgiServer;
import org.greenvn.concurrent.Threads;

/**
 * The {@code greenvn} target of {@code bench/agi-load.sh}: a {@link GreenVn} engine (in-memory
 * store) holding one allocation per virtual number of a bench tenant, behind the FastAGI adapter
 * ({@link GreenVnAgiServer}) on a loopback port. It writes the {@link AgiLoad} spec of those
 * allocations, prints a line ending in {@code (listening)}, then a stats line every
 * {@code --stats-every} (the floors' format, plus the engine's event counts) until killed:
 *
 * <pre>
 * java -cp ... org.greenvn.examples.load.AdapterBenchServer --port 14573 --vns 200 \
 *     --spec-out /tmp/spec.txt --stats-every 5s
 * java -cp ... org.greenvn.examples.load.AgiLoad --port 14573 --spec /tmp/spec.txt ...
 * </pre>
 *
 * <p>How the scenarios stay what they claim over a long run: see {@link BenchEngine}.
 */
public final class AdapterBenchServer {

  private AdapterBenchServer() {}

  /**
   * Command-line entry.
   *
   * @param args {@code --host 127.0.0.1|::1}, {@code --port N} (4573), {@code --vns N} (200),
   *     {@code --spec-out FILE} (required), {@code --threads auto|virtual|pool} (auto: what the
   *     adapter does, virtual threads on JDK 21+, a pool on 17; the adapter has no other choice,
   *     so {@code virtual} fails on 17 and {@code pool} on 21+), {@code --pool-max N} (500: the
   *     most calls at once on JDK 17), {@code --pool-core} (accepted for the floors' sake; the
   *     adapter's pool keeps no idle thread), {@code --expiry-sweep 5s},
   *     {@code --stats-every 5s}, {@code --run-for 0s} (0: until killed)
   * @throws Exception if the wait is interrupted
   */
  public static void main(String[] args) throws Exception {
    BenchEngine engine;
    GreenVnAgiServer server;
    Duration statsEvery;
    Duration runFor;
    Path specOut;
    try {
      Flags flags =
          Flags.parse(args)
              .allowOnly(
                  List.of(
                      "host", "port", "vns", "spec-out", "threads", "pool-core", "pool-max",
                      "expiry-sweep", "stats-every", "run-for"));
      InetAddress address = Loopback.require(flags.value("host").orElse("127.0.0.1"));
      int port = flags.intValue("port", flags.value("port").orElse("4573"));
      int vns = flags.intValue("vns", flags.value("vns").orElse("200"));
      int poolMax = flags.intValue("pool-max", flags.value("pool-max").orElse("500"));
      flags.intValue("pool-core", flags.value("pool-core").orElse("10"));
      checkThreads(flags.value("threads").orElse("auto"));
      Duration sweep = Durations.parse("expiry-sweep", flags.value("expiry-sweep").orElse("5s"));
      statsEvery = Durations.parse("stats-every", flags.value("stats-every").orElse("5s"));
      runFor = Durations.parse("run-for", flags.value("run-for").orElse("0s"));
      specOut =
          Path.of(
              flags.value("spec-out")
                  .orElseThrow(() -> new LoadOptionException("--spec-out FILE is required")));
      engine = BenchEngine.create(vns, sweep);
      server = serve(engine, address, port, poolMax);
      writeSpec(specOut, engine.specLines());
    } catch (IllegalArgumentException e) { // LoadOptionException included
      System.err.println("adapter-bench-server: " + e.getMessage());
      System.exit(2);
      return;
    } catch (UncheckedIOException e) {
      System.err.println("adapter-bench-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    run(engine, server, specOut, statsEvery, runFor);
  }

  /** The adapter over the bench engine, dialling as the floors do; port 0 takes a free one. */
  static GreenVnAgiServer serve(
      BenchEngine engine, InetAddress address, int port, int maxPlatformThreads) {
    return GreenVnAgiServer.builder(engine.greenVn())
        .bindAddress(address)
        .port(port)
        .maxPlatformThreads(maxPlatformThreads)
        .shutdownGrace(Duration.ofSeconds(2))
        .settings(
            AdapterSettings.builder()
                .defaultFlowSettings(FlowSettings.dialing(BenchEngine.DIAL_TEMPLATE))
                .build())
        .start();
  }

  private static void run(
      BenchEngine engine,
      GreenVnAgiServer server,
      Path specOut,
      Duration statsEvery,
      Duration runFor)
      throws InterruptedException {
    long start = System.nanoTime();
    long startCpu = FloorServers.processCpuNanos();
    PeakSampler peak = new PeakSampler(server);
    peak.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(stats(engine, server, peak, start, startCpu, "final"));
                  server.close();
                  engine.greenVn().close();
                  stopped.countDown();
                }));
    String host = server.bindAddress().getHostAddress();
    System.out.println(
        "greenvn adapter on " + (host.contains(":") ? "[" + host + "]" : host) + ":"
            + server.port() + " with " + engine.allocations() + " allocations, "
            + threadsDescription() + ", spec " + specOut + ", pid "
            + ProcessHandle.current().pid() + " (listening)");
    long deadline = runFor.isZero() ? Long.MAX_VALUE : start + runFor.toNanos();
    long tick = statsEvery.isZero() ? TimeUnit.SECONDS.toNanos(1) : statsEvery.toNanos();
    while (!stopped.await(
        Math.min(tick, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
      if (System.nanoTime() >= deadline) {
        System.exit(0);
      }
      if (!statsEvery.isZero()) {
        System.out.println(stats(engine, server, peak, start, startCpu, "stats"));
      }
    }
  }

  private static void checkThreads(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "auto":
        return;
      case "virtual":
        if (!Threads.virtualThreadsAvailable()) {
          throw new LoadOptionException(
              "virtual threads need JDK 21+, this is JDK " + Runtime.version().feature());
        }
        return;
      case "pool":
        if (Threads.virtualThreadsAvailable()) {
          throw new LoadOptionException(
              "the adapter runs calls on virtual threads whenever the JVM has them (JDK "
                  + Runtime.version().feature() + "); a pool is JDK 17's only");
        }
        return;
      default:
        throw new LoadOptionException("threads '" + name + "': use auto, virtual or pool");
    }
  }

  private static String threadsDescription() {
    return Threads.virtualThreadsAvailable()
        ? "virtual threads (JDK " + Runtime.version().feature() + ")"
        : "platform pool (JDK " + Runtime.version().feature() + ")";
  }

  static void writeSpec(Path file, List<String> lines) {
    List<String> all = new ArrayList<>();
    all.add("# greenvn bench allocations: vn, known caller (party A), unknown caller (X: a fresh");
    all.add("# digit per call), the A side's PIN. Written by AdapterBenchServer.");
    all.addAll(lines);
    try {
      Files.write(file, all, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the spec " + file, e);
    }
  }

  static String stats(
      BenchEngine engine, GreenVnAgiServer server, PeakSampler peak, long startNanos,
      long startCpuNanos, String label) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return String.format(
        Locale.ROOT,
        "%s t=%.0fs active=%d peak_active=%d pending_outcomes=%d heap_used=%dMiB"
            + " heap_after_gc=%dMiB heap_committed=%dMiB heap_max=%dMiB platform_threads=%d"
            + " peak_platform_threads=%d cpu_ms=%d events %s",
        label,
        (System.nanoTime() - startNanos) / 1e9,
        server.activeCalls(),
        peak.peak(),
        server.pendingOutcomes(),
        heap.getUsed() >> 20,
        FloorServers.heapAfterLastGc() >> 20,
        heap.getCommitted() >> 20,
        heap.getMax() >> 20,
        threads.getThreadCount(),
        threads.getPeakThreadCount(),
        (FloorServers.processCpuNanos() - startCpuNanos) / 1_000_000,
        engine.eventCounts());
  }

  /**
   * Samples the adapter's running calls every 100 ms: the adapter exposes the count, not its
   * peak, so the peak reported is the highest sample.
   */
  static final class PeakSampler extends Thread {
    private final GreenVnAgiServer server;
    private volatile int peak;

    PeakSampler(GreenVnAgiServer server) {
      super("bench-peak-sampler");
      setDaemon(true);
      this.server = server;
    }

    int peak() {
      return Math.max(peak, server.activeCalls());
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        int now = server.activeCalls();
        if (now > peak) {
          peak = now;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
