package org.greenvn.examples.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM's heap after a full collection and its live platform threads, grouped by family (a
 * thread's name with its digits replaced by {@code #}: {@code pool-3-thread-7} is
 * {@code pool-#-thread-#}).
 *
 * @param heapUsedBytes heap in use after {@code System.gc()} (the least of a few tries)
 * @param threads live platform threads by family
 */
record ResourceSnapshot(long heapUsedBytes, Map<String, Integer> threads) {

  ResourceSnapshot {
    threads = Map.copyOf(threads);
  }

  int liveThreads() {
    return threads.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Collects garbage a few times and takes the least heap seen, then counts threads. */
  static ResourceSnapshot take() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(150);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return new ResourceSnapshot(least, threadFamilies());
  }

  static Map<String, Integer> threadFamilies() {
    Map<String, Integer> families = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive()) {
        families.merge(family(thread.getName()), 1, Integer::sum);
      }
    }
    return families;
  }

  static String family(String threadName) {
    return threadName.replaceAll("[0-9]+", "#");
  }
}
