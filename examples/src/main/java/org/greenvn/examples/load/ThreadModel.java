package org.greenvn.examples.load;

import java.util.Locale;
import org.greenvn.concurrent.Threads;

/**
 * Which threads run the AGI scripts of a server: one virtual thread per call (JDK 21+), or a
 * bounded pool of platform threads, where a call beyond the maximum is refused (its socket
 * closed), as Asterisk-Java's {@code DefaultAgiServer} does.
 */
public final class ThreadModel {

  /** The two kinds of model. */
  public enum Kind {
    /** One virtual thread per call; needs JDK 21+. */
    VIRTUAL,
    /** A platform thread pool of {@code core..max} threads, no queue. */
    POOL
  }

  private final Kind kind;
  private final int coreThreads;
  private final int maxThreads;

  private ThreadModel(Kind kind, int coreThreads, int maxThreads) {
    this.kind = kind;
    this.coreThreads = coreThreads;
    this.maxThreads = maxThreads;
  }

  /**
   * Virtual threads when the running JDK has them, else a pool of {@code core..max}.
   *
   * @throws LoadOptionException for pool sizes out of order
   */
  public static ThreadModel auto(int coreThreads, int maxThreads) {
    return Threads.virtualThreadsAvailable() ? virtual() : pool(coreThreads, maxThreads);
  }

  /**
   * One virtual thread per call.
   *
   * @throws LoadOptionException on a JDK without virtual threads (before 21)
   */
  public static ThreadModel virtual() {
    if (!Threads.virtualThreadsAvailable()) {
      throw new LoadOptionException(
          "virtual threads need JDK 21+, this is JDK " + Runtime.version().feature());
    }
    return new ThreadModel(Kind.VIRTUAL, 0, 0);
  }

  /**
   * A bounded platform thread pool; idle threads above {@code coreThreads} end after 50 s.
   *
   * @throws LoadOptionException unless {@code 0 <= coreThreads <= maxThreads} and
   *     {@code maxThreads >= 1}
   */
  public static ThreadModel pool(int coreThreads, int maxThreads) {
    if (coreThreads < 0 || maxThreads < 1 || coreThreads > maxThreads) {
      throw new LoadOptionException(
          "pool sizes core=" + coreThreads + " max=" + maxThreads + ": need 0 <= core <= max,"
              + " max >= 1");
    }
    return new ThreadModel(Kind.POOL, coreThreads, maxThreads);
  }

  /** The kind of model. */
  public Kind kind() {
    return kind;
  }

  /** Pool threads kept when idle (pool model only). */
  public int coreThreads() {
    return coreThreads;
  }

  /** Most pool threads, so most calls at once (pool model only). */
  public int maxThreads() {
    return maxThreads;
  }

  @Override
  public String toString() {
    return kind == Kind.VIRTUAL
        ? "virtual threads (JDK " + Runtime.version().feature() + ")"
        : String.format(
            Locale.ROOT, "platform pool %d..%d threads (JDK %d)", coreThreads, maxThreads,
            Runtime.version().feature());
  }
}
