package org.greenvn.http;

import java.lang.reflect.Method;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    return virtualThreadFactory() != null;
  }

  static ExecutorService create() {
    Method factory = virtualThreadFactory();
    if (factory != null) {
      try {
        return (ExecutorService) factory.invoke(null);
      } catch (ReflectiveOperationException e) {
        // fall through to the pool
      }
    }
    return boundedPool();
  }

  private static Method virtualThreadFactory() {
    try {
      return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static ExecutorService boundedPool() {
    int threads = Math.min(64, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
    AtomicInteger count = new AtomicInteger();
    ThreadFactory named =
        r -> {
          Thread thread = new Thread(r, "greenvn-http-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            named,
            new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
