package org.greenvn.concurrent;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread plumbing shared by greenvn's servers. greenvn compiles with {@code --release 17}, so
 * virtual threads (Java 21 and later) are found by reflection when the code runs.
 */
public final class Threads {

  private static final Method VIRTUAL_PER_TASK = lookUpVirtualPerTask();

  private Threads() {}

  /** Whether this JVM has virtual threads. */
  public static boolean virtualThreadsAvailable() {
    return VIRTUAL_PER_TASK != null;
  }

  /**
   * A new executor that starts a virtual thread per task, when this JVM has virtual threads.
   *
   * @throws IllegalStateException if the JVM has them but the executor cannot be made
   */
  public static Optional<ExecutorService> virtualThreadPerTaskExecutor() {
    if (VIRTUAL_PER_TASK == null) {
      return Optional.empty();
    }
    try {
      return Optional.of((ExecutorService) VIRTUAL_PER_TASK.invoke(null));
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Virtual threads are present but cannot be started", e);
    }
  }

  /**
   * Daemon platform threads named {@code prefix-1}, {@code prefix-2}, ...: they never keep the
   * JVM alive, and a thread dump says whose they are.
   */
  public static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static Method lookUpVirtualPerTask() {
    try {
      return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
