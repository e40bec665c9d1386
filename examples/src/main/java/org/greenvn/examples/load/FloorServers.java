package org.greenvn.examples.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts one floor server until killed (or for {@code --run-for}) and prints its heap, threads
 * and calls every {@code --stats-every}:
 *
 * <pre>
 * java -cp ... org.greenvn.examples.load.FloorServers --script bridged --port 4573 \
 *     --threads auto --pool-core 10 --pool-max 500 --stats-every 5s
 * </pre>
 *
 * <p>{@code --threads auto} takes virtual threads on JDK 21+ and the pool otherwise;
 * {@code virtual} fails on JDK 17; {@code pool} forces the pool.
 */
public final class FloorServers {

  private FloorServers() {}

  /**
   * Command-line entry.
   *
   * @param args the flags: {@code --script noop|bridged|bridged-8}, {@code --host}, {@code --port},
   *     {@code --threads auto|virtual|pool}, {@code --pool-core}, {@code --pool-max},
   *     {@code --party}, {@code --stats-every}, {@code --run-for}
   * @throws Exception if the server cannot start or the wait is interrupted
   */
  public static void main(String[] args) throws Exception {
    FloorServer server;
    Duration statsEvery;
    Duration runFor;
    try {
      Flags flags =
          Flags.parse(args)
              .allowOnly(
                  List.of(
                      "script", "host", "port", "threads", "pool-core", "pool-max", "party",
                      "stats-every", "run-for"));
      FloorScript script = script(flags.value("script").orElse("bridged"));
      int core = flags.intValue("pool-core", flags.value("pool-core").orElse("10"));
      int max = flags.intValue("pool-max", flags.value("pool-max").orElse("500"));
      ThreadModel model = threadModel(flags.value("threads").orElse("auto"), core, max);
      int port = flags.intValue("port", flags.value("port").orElse("4573"));
      statsEvery = Durations.parse("stats-every", flags.value("stats-every").orElse("5s"));
      runFor = Durations.parse("run-for", flags.value("run-for").orElse("0s"));
      server =
          FloorServer.start(
              script,
              model,
              flags.value("host").orElse("127.0.0.1"),
              port,
              flags.value("party").orElse(FloorServer.DEFAULT_PARTY));
    } catch (LoadOptionException e) {
      System.err.println("floor-servers: " + e.getMessage());
      System.exit(2);
      return;
    } catch (IOException e) {
      System.err.println("floor-servers: cannot listen: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    long start = System.nanoTime();
    long startCpu = processCpuNanos();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(stats(server, start, startCpu, "final"));
                  server.close();
                  stopped.countDown();
                }));
    System.out.println(
        server + " pid " + ProcessHandle.current().pid() + " (listening)");
    long deadline = runFor.isZero() ? Long.MAX_VALUE : start + runFor.toNanos();
    long tick = statsEvery.isZero() ? TimeUnit.SECONDS.toNanos(1) : statsEvery.toNanos();
    while (!stopped.await(Math.min(tick, Math.max(1, deadline - System.nanoTime())),
        TimeUnit.NANOSECONDS)) {
      if (System.nanoTime() >= deadline) {
        System.exit(0);
      }
      if (!statsEvery.isZero()) {
        System.out.println(stats(server, start, startCpu, "stats"));
      }
    }
  }

  /**
   * CPU time this process has used (all its threads, user and system), or -1 where the JVM does
   * not tell. Set against the calls served it gives a cost per call that the machine's other load
   * disturbs far less than calls per second.
   */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : -1;
  }

  static String stats(FloorServer server, long startNanos, long startCpuNanos, String label) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return String.format(
        Locale.ROOT,
        "%s t=%.0fs active=%d peak_active=%d served=%d rejected=%d heap_used=%dMiB"
            + " heap_after_gc=%dMiB heap_committed=%dMiB heap_max=%dMiB platform_threads=%d"
            + " peak_platform_threads=%d cpu_ms=%d",
        label,
        (System.nanoTime() - startNanos) / 1e9,
        server.activeCalls(),
        server.peakActiveCalls(),
        server.servedCalls(),
        server.rejectedCalls(),
        heap.getUsed() >> 20,
        heapAfterLastGc() >> 20,
        heap.getCommitted() >> 20,
        heap.getMax() >> 20,
        threads.getThreadCount(),
        threads.getPeakThreadCount(),
        (processCpuNanos() - startCpuNanos) / 1_000_000);
  }

  /** Heap in use right after the last collection of each pool: the live set, garbage aside. */
  static long heapAfterLastGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (afterGc != null) {
        used += afterGc.getUsed();
      }
    }
    return used;
  }

  private static FloorScript script(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "noop":
        return FloorScript.NOOP;
      case "bridged":
        return FloorScript.BRIDGED;
      case "bridged-8":
        return FloorScript.BRIDGED_8;
      default:
        throw new LoadOptionException("script '" + name + "': use noop, bridged or bridged-8");
    }
  }

  private static ThreadModel threadModel(String name, int core, int max) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "auto":
        return ThreadModel.auto(core, max);
      case "virtual":
        return ThreadModel.virtual();
      case "pool":
        return ThreadModel.pool(core, max);
      default:
        throw new LoadOptionException("threads '" + name + "': use auto, virtual or pool");
    }
  }
}
