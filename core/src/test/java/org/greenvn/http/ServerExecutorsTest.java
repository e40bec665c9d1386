package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/** The default executor: virtual threads where the JVM has them, a bounded pool on 17. */
class ServerExecutorsTest {

  @Test
  void virtualThreadsAreFoundAtRunTimeExactlyFromJava21() throws Exception {
    boolean expected = Runtime.version().feature() >= 21;

    assertThat(ServerExecutors.virtualThreadsAvailable()).isEqualTo(expected);
    ExecutorService executor = ServerExecutors.create();
    try {
      boolean[] virtual = new boolean[1];
      executor.submit(() -> virtual[0] = isVirtual(Thread.currentThread())).get();
      assertThat(virtual[0]).isEqualTo(expected);
      if (!expected) {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) executor;
        // Sized for requests that wait on a commit, not by cores alone: 32 per core, 64..256.
        assertThat(pool.getMaximumPoolSize())
            .isBetween(64, 256)
            .isEqualTo(
                Math.min(256, Math.max(64, 32 * Runtime.getRuntime().availableProcessors())));
        assertThat(pool.getQueue().remainingCapacity()).isEqualTo(1024);
      }
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void thePublicFactoryGivesTheServersOwnKindOfExecutor() throws Exception {
    ExecutorService executor = GreenVnHttpServer.newDefaultExecutor();
    try {
      boolean[] virtual = new boolean[1];
      executor.submit(() -> virtual[0] = isVirtual(Thread.currentThread())).get();
      assertThat(virtual[0]).isEqualTo(ServerExecutors.virtualThreadsAvailable());
      assertThat(executor instanceof ThreadPoolExecutor)
          .isEqualTo(!ServerExecutors.virtualThreadsAvailable());
    } finally {
      executor.shutdown();
    }
  }

  private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
    try {
      return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
