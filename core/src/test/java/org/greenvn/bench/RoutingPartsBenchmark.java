package org.greenvn.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.greenvn.phone.CallerIdNormalizer;
import org.greenvn.phone.PhoneNumber;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of a routing decision that {@link RoutingBenchmark} finds expensive, each alone, so
 * that its figures can be explained: the random call id {@link GreenVn#route} draws, the clock
 * read every call session makes, and reading a caller id through {@link CallerIdNormalizer} with
 * its cache of 100,000 caller ids (the router's) when the callers number {@code callers}.
 *
 * <p>No engine is built: these run in seconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RoutingPartsBenchmark {

  /** Caller ids as a PBX sends them (E.164 text), visited in order, and the router's cache. */
  @State(Scope.Benchmark)
  public static class Callers {

    @Param({"10000", "1000000"})
    public int callers;

    String[] ids;
    int next;
    CallerIdNormalizer cached;
    CallerIdNormalizer uncached;

    @Setup(Level.Trial)
    public void setUp() {
      ids = new String[callers];
      for (int i = 0; i < callers; i++) {
        ids[i] = BenchFixtures.aParty(i);
      }
      cached = CallerIdNormalizer.forRegion("IN"); // as the router makes it: 100,000 entries
      uncached = CallerIdNormalizer.forRegion("IN", 0);
      for (String id : ids) {
        if (cached.normalize(id).isEmpty()) {
          throw new IllegalStateException("not a number: " + id);
        }
      }
    }

    String nextId() {
      String id = ids[next];
      next = next + 1 == ids.length ? 0 : next + 1;
      return id;
    }
  }

  /** The call id {@link GreenVn#route} makes for every call. */
  @Benchmark
  public String randomCallId() {
    return UUID.randomUUID().toString();
  }

  /** The clock read each call session makes (the engine's default clock). */
  @Benchmark
  public Instant systemClock() {
    return Clock.systemUTC().instant();
  }

  /** A caller id read through the router's normalizer, callers cycling in a fixed order. */
  @Benchmark
  public Optional<PhoneNumber> normalizeCached(Callers c) {
    return c.cached.normalize(c.nextId());
  }

  /** A caller id parsed by libphonenumber every time (no cache). */
  @Benchmark
  public Optional<PhoneNumber> normalizeUncached(Callers c) {
    return c.uncached.normalize(c.nextId());
  }
}
