package org.greenvn.examples.load;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread plumbing shared by the load client and the floor servers. The code compiles with
 * {@code --release 17}, so virtual threads (JDK 21+) are reached through reflection at run time.
 */
final class Threads {

  private Threads() {}

  /** A virtual-thread-per-task executor, when the running JDK has one. */
  static Optional<ExecutorService> virtualPerTask() {
    try {
      Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return Optional.of((ExecutorService) factory.invoke(null));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("virtual threads present but not usable", e);
    }
  }

  static boolean virtualAvailable() {
    try {
      Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** Daemon platform threads named {@code prefix-N}, so a stuck bench never pins the JVM. */
  static ThreadFactory daemon(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
