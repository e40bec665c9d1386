package org.greenvn.http;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.greenvn.concurrent.Threads;

/**
 * The executor that serves requests when none is given: a virtual thread per request on Java 21 and
 * later, found at run time so that the code still runs on 17; there, a bounded pool whose overflow
 * runs on the server's dispatcher thread, which slows accepting new connections down rather than
 * queueing without end.
 */
final class ServerExecutors {

  private ServerExecutors() {}

  /** Whether this JVM has virtual threads. */
  static boolean virtualThreadsAvailable() {
    return Threads.virtualThreadsAvailable();
  }

  static ExecutorService create() {
    try {
      Optional<ExecutorService> virtual = Threads.virtualThreadPerTaskExecutor();
      if (virtual.isPresent()) {
        return virtual.get();
      }
    } catch (IllegalStateException e) {
      // falls through to the pool
    }
    return boundedPool();
  }

  /**
   * A pool sized for requests that mostly wait rather than compute: a durable create waits for
   * its group's commit (a disk flush), and the writer can only group the creates that are
   * waiting at once. Sized by cores alone (8 threads on 2 cores), at most 8 creates shared a
   * flush; 64 or more let the group grow with the load, as virtual threads do on Java 21+.
   */
  private static ExecutorService boundedPool() {
    int threads = Math.min(256, Math.max(64, 32 * Runtime.getRuntime().availableProcessors()));
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            Threads.daemon("greenvn-http"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
