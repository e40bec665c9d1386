package org.greenvn.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.CallPartyUpdate;
import org.greenvn.allocation.Usage;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.CallSession;
import org.greenvn.routing.PromptPin;
import org.greenvn.routing.RoutingDecision;
import org.greenvn.tenant.PinPolicy;
import org.greenvn.tenant.Tenant;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The PIN step of a call from an unknown caller: {@link CallSession#enterPin} with the right PIN
 * (the caller joins the allocation, then gets its bridge) and with a wrong one (the failure is
 * counted, then the caller is prompted again), on an engine whose allocations all have a PIN.
 *
 * <p>Each invocation gets a new call from its own unknown caller, started outside the timing
 * ({@link Level#Invocation} set-up, which asserts the call was prompted): the figure is
 * {@code enterPin} alone. A right PIN adds the caller to the allocation for good, so the
 * invocation's tear-down takes it out again through the API ({@code updateCallParty}), also
 * outside the timing; every invocation of {@link #rightPin} is thus a first join by a stranger,
 * onto an allocation of one B party. Per-invocation timing adds two clock reads (about 30 ns
 * each here) to every figure, a few percent of these.
 *
 * <p>Wrong PINs: the tenant's {@link PinPolicy} has thresholds that are never reached (one
 * second windows), so that every wrong PIN walks the whole verification-failed path (event,
 * the guard's per-caller and per-number windows, the lock-out and throttle checks, the next
 * prompt) rather than the cheap refusal of a locked-out caller or throttled number; the
 * tear-down checks that each answer was a new prompt. {@link #promptUnknownCaller} is the step
 * before, {@code startCall} for such a caller, as the baseline of the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PinBenchmark {

  static final int POOL = 10_000;
  /** Unknown callers: {@code +9197xxxxxxxx}, which no allocation holds. */
  static final int CALLERS = 1 << 16;

  private static final long UNKNOWN_BASE = 9_700_000_000L;
  private static final int PIN_BASE = 100_000;
  /** Six digits, no allocation's PIN (theirs are {@value #PIN_BASE} + i, i below 900,000). */
  private static final String WRONG_PIN = "999999";

  /** An engine whose every allocation has a B-party PIN, and the calls of unknown callers. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"100000"})
    public int activeAllocations;

    GreenVn greenVn;
    Allocation[] allocations;
    String[] dialled;
    String[] pins;
    String[] unknownCallers;
    int nextAllocation;
    int nextCaller;
    long calls;

    @Setup(Level.Trial)
    public void setUp() {
      long start = System.nanoTime();
      greenVn =
          GreenVn.builder().tenant(pinTenant()).expirySweep(Duration.ZERO).build();
      allocations = new Allocation[activeAllocations];
      dialled = new String[activeAllocations];
      pins = new String[activeAllocations];
      for (int i = 0; i < activeAllocations; i++) {
        long pin = PIN_BASE + i;
        AllocationRequest request =
            AllocationRequest.builder()
                .connectionId("pin-" + i)
                .aPartyNumbers(BenchFixtures.aParty(i))
                .bPartyNumbers(BenchFixtures.bParty(i))
                .bPartyPins(pin)
                .usage(Usage.TWOWAY)
                .deallocationDuration("3650d")
                .build();
        allocations[i] = greenVn.allocations().create(BenchFixtures.TENANT, request);
        dialled[i] = allocations[i].greenvn().e164();
        pins[i] = Long.toString(pin);
      }
      unknownCallers = new String[CALLERS];
      for (int i = 0; i < CALLERS; i++) {
        unknownCallers[i] = "+91" + (UNKNOWN_BASE + i);
      }
      System.out.printf(
          "%n[setup] pin engine pool=%d active=%d in %.1f s; heap in use %d MiB%n",
          POOL, activeAllocations, (System.nanoTime() - start) / 1e9,
          BenchFixtures.usedHeapMib());
    }

    /** The next allocation, round robin, and a call to its number from the next stranger. */
    CallSession nextCall(int allocation) {
      String caller = unknownCallers[nextCaller];
      nextCaller = nextCaller + 1 == CALLERS ? 0 : nextCaller + 1;
      calls++;
      CallSession session =
          greenVn.startCall("pin-call-" + calls, dialled[allocation], caller);
      if (!(session.decision() instanceof PromptPin)) {
        throw new IllegalStateException("not prompted: " + session.decision());
      }
      return session;
    }

    int nextAllocation() {
      int i = nextAllocation;
      nextAllocation = i + 1 == allocations.length ? 0 : i + 1;
      return i;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      greenVn.close();
    }
  }

  /** One call about to key the right PIN; the tear-down takes the joined caller out again. */
  @State(Scope.Thread)
  public static class RightPinCall {
    int allocation;
    CallSession session;
    RoutingDecision answer;

    @Setup(Level.Invocation)
    public void start(Engine e) {
      allocation = e.nextAllocation();
      session = e.nextCall(allocation);
    }

    @TearDown(Level.Invocation)
    public void undoJoin(Engine e) {
      if (!(answer instanceof Bridge)) {
        throw new IllegalStateException("a right PIN was not bridged: " + answer);
      }
      Allocation original = e.allocations[allocation];
      e.greenVn
          .allocations()
          .updateCallParty(
              BenchFixtures.TENANT,
              original.greenvnId(),
              CallPartyUpdate.builder()
                  .bPartyNumbers(original.bPartyNumbers().get(0).e164())
                  .build());
    }
  }

  /** One call about to key a wrong PIN. */
  @State(Scope.Thread)
  public static class WrongPinCall {
    CallSession session;
    RoutingDecision answer;

    @Setup(Level.Invocation)
    public void start(Engine e) {
      session = e.nextCall(e.nextAllocation());
    }

    @TearDown(Level.Invocation)
    public void check() {
      if (!(answer instanceof PromptPin prompt) || prompt.notice().isEmpty()) {
        throw new IllegalStateException("a wrong PIN was not prompted again: " + answer);
      }
    }
  }

  /** Index of the allocation and the caller of {@link #promptUnknownCaller}. */
  @State(Scope.Thread)
  public static class PromptCursor {
    int allocation;
    int caller;
    long calls;
  }

  /** A tenant with {@value #POOL} numbers and a PIN policy that never fires within a run. */
  static Tenant pinTenant() {
    Tenant.Builder builder =
        Tenant.builder(BenchFixtures.TENANT)
            .defaultDeallocation(Duration.ofDays(3650))
            .pinPolicy(
                new PinPolicy(
                    Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    Region[] regions = Region.values();
    for (int i = 0; i < POOL; i++) {
      builder.number(BenchFixtures.vn(i), regions[i % regions.length], NumberType.MOBILE);
    }
    return builder.build();
  }

  /** The right PIN: the join, then the bridge. */
  @Benchmark
  public RoutingDecision rightPin(Engine e, RightPinCall call) {
    call.answer = call.session.enterPin(e.pins[call.allocation]);
    return call.answer;
  }

  /** A wrong PIN: verification failed, the guard counts it, the caller is prompted again. */
  @Benchmark
  public RoutingDecision wrongPin(WrongPinCall call) {
    call.answer = call.session.enterPin(WRONG_PIN);
    return call.answer;
  }

  /** The step before: a stranger's call to a number with PINs, answered with a PIN prompt. */
  @Benchmark
  public RoutingDecision promptUnknownCaller(Engine e, PromptCursor c) {
    int i = c.allocation;
    c.allocation = i + 1 == e.allocations.length ? 0 : i + 1;
    String caller = e.unknownCallers[c.caller];
    c.caller = c.caller + 1 == CALLERS ? 0 : c.caller + 1;
    return e.greenVn.startCall("prompt", e.dialled[i], caller).decision();
  }
}
