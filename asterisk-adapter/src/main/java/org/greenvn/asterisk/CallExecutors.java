package org.greenvn.asterisk;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.greenvn.concurrent.Threads;
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
    return Threads.virtualThreadsAvailable();
  }

  /**
   * An executor for calls: a virtual thread per call when the JVM has them, else a pool of at
   * most {@code maxPlatformThreads} that refuses calls beyond it.
   */
  static ExecutorService create(int maxPlatformThreads) {
    try {
      Optional<ExecutorService> virtual = Threads.virtualThreadPerTaskExecutor();
      if (virtual.isPresent()) {
        if (LOGGED.compareAndSet(false, true)) {
          LOG.info("FastAGI calls run on virtual threads (Java {})", Runtime.version().feature());
        }
        return virtual.get();
      }
    } catch (RuntimeException e) {
      LOG.warn("Virtual threads are present but could not be started; using a pool", e);
    }
    if (LOGGED.compareAndSet(false, true)) {
      LOG.info(
          "FastAGI calls run on a pool of at most {} platform threads (Java {}: no virtual"
              + " threads; calls beyond it are refused)",
          maxPlatformThreads,
          Runtime.version().feature());
    }
    return new ThreadPoolExecutor(
        0, maxPlatformThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        Threads.daemon("greenvn-agi"));
  }
}
