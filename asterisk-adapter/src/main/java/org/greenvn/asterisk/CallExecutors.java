package org.greenvn.asterisk;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where calls run. We compile for Java 17, so virtual threads are found by reflection: on 21 or
 * newer every call gets its own virtual thread and no call is refused for want of a thread; on 17
 * calls share a bounded pool of platform threads, and the log says so once.
 */
final class CallExecutors {

  private static final Logger LOG = LoggerFactory.getLogger(CallExecutors.class);
  private static final AtomicBoolean LOGGED = new AtomicBoolean();

  private CallExecutors() {}

  /** Whether this JVM has virtual threads. */
  static boolean virtualThreadsAvailable() {
    return virtualThreadFactory() != null;
  }

  /**
   * An executor for calls: a virtual thread per call when the JVM has them, else a pool of at
   * most {@code maxPlatformThreads} that refuses calls beyond it.
   */
  static ExecutorService create(int maxPlatformThreads) {
    Method factory = virtualThreadFactory();
    if (factory != null) {
      try {
        ExecutorService executor = (ExecutorService) factory.invoke(null);
        if (LOGGED.compareAndSet(false, true)) {
          LOG.info("FastAGI calls run on virtual threads (Java {})", Runtime.version().feature());
        }
        return executor;
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.warn("Virtual threads are present but could not be started; using a pool", e);
      }
    }
    if (LOGGED.compareAndSet(false, true)) {
      LOG.info(
          "FastAGI calls run on a pool of at most {} platform threads (Java {}: no virtual"
              + " threads; calls beyond it are refused)",
          maxPlatformThreads,
          Runtime.version().feature());
    }
    return new ThreadPoolExecutor(
        0, maxPlatformThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads());
  }

  private static Method virtualThreadFactory() {
    try {
      return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, "greenvn-agi-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
