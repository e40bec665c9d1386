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

  private static ExecutorService boundedPool() {
    int threads = Math.min(64, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
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
