package org.greenvn.examples.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.event.CallEvent;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.PinPolicy;
import org.greenvn.tenant.Tenant;

/**
 * The engine behind the bench's adapter: tenant {@code bench} with {@code vns} virtual numbers
 * ({@code +9140482000..}), exclusive, so each carries exactly one twoway allocation: party A a
 * known caller ({@code 9198765...}), party B the number dialled ({@code +9198000...}), a 4-digit
 * PIN on side A.
 *
 * <p>Why every scenario stays what it claims over a long run:
 *
 * <ul>
 *   <li>A right PIN adds the caller to side A, after which that caller is bridged without a
 *       prompt. The spec's unknown caller is {@code +447700XXXXXX}: {@link AgiLoad} fills the
 *       {@code X}s with the call's number, so every unknown caller is new to the allocation
 *       (unique for the first million calls of a run). Side A grows by one number per
 *       {@code pin-right} call, as it would in production.
 *   <li>Lock-out counts wrong PINs per (caller, number): with a fresh caller each call it never
 *       triggers; the tenant keeps the default thresholds for it (5 per hour).
 *   <li>The throttle counts wrong PINs per number from any caller: {@code pin-wrong} keys 3 per
 *       call, so at the default 50 per 10 min a VN would stop prompting after about 17 such
 *       calls. The bench tenant raises it to {@link Integer#MAX_VALUE} per second: it never
 *       fires, and its window (the deque of recent failures per VN) stays a second long.
 * </ul>
 */
final class BenchEngine {

  /** The dial template: the floors dial {@code PJSIP/<party>@carrier} as well. */
  static final String DIAL_TEMPLATE = "PJSIP/{number}@carrier";

  /** The unknown caller of every allocation, {@code X}s filled per call by {@link AgiLoad}. */
  static final String UNKNOWN_CALLER_TEMPLATE = "+447700XXXXXX";

  static final String TENANT = "bench";

  private final GreenVn greenVn;
  private final List<String> specLines;
  private final Map<String, LongAdder> events;

  private BenchEngine(GreenVn greenVn, List<String> specLines, Map<String, LongAdder> events) {
    this.greenVn = greenVn;
    this.specLines = specLines;
    this.events = events;
  }

  /**
   * Builds the engine and its allocations.
   *
   * @param vns how many virtual numbers, hence allocations (1 to 10,000)
   * @param expirySweep the engine's expiry sweep period
   */
  static BenchEngine create(int vns, Duration expirySweep) {
    if (vns < 1 || vns > 10_000) {
      throw new LoadOptionException("vns " + vns + " is not 1..10000");
    }
    Tenant.Builder tenant =
        Tenant.builder(TENANT)
            .exclusiveNumbers(true)
            .flow(Flow.withDefaults(Flow.DEFAULT_ID).withPinMaxDigits(4))
            .pinPolicy(
                new PinPolicy(
                    5, Duration.ofHours(1), Duration.ofHours(1), Integer.MAX_VALUE,
                    Duration.ofSeconds(1), Duration.ofSeconds(1)));
    for (int i = 0; i < vns; i++) {
      tenant.number(vn(i), Region.AP, NumberType.LANDLINE);
    }
    Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    GreenVn engine =
        GreenVn.builder()
            .tenant(tenant.build())
            .expirySweep(expirySweep)
            .listener(event -> counts.computeIfAbsent(key(event), k -> new LongAdder())
                .increment())
            .build();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < vns; i++) {
      int pin = 1000 + (i * 37) % 9000;
      Allocation allocation =
          engine
              .allocations()
              .create(
                  TENANT,
                  AllocationRequest.builder()
                      .connectionId("bench-" + i)
                      .aPartyNumbers(knownCaller(i))
                      .bPartyNumbers(party(i))
                      .aPartyPins(pin)
                      .usage("twoway")
                      .build());
      lines.add(
          "vn=" + allocation.greenvn().e164() + " known=" + knownCaller(i).substring(1)
              + " unknown=" + UNKNOWN_CALLER_TEMPLATE + " pin=" + pin);
    }
    return new BenchEngine(engine, List.copyOf(lines), counts);
  }

  static String vn(int i) {
    return String.format(Locale.ROOT, "+9140482%05d", i);
  }

  /** Party A, sent by the load as Asterisk does: digits without '+'. */
  static String knownCaller(int i) {
    return String.format(Locale.ROOT, "+9198765%05d", i);
  }

  /** Party B: the number dialled for A's calls. */
  static String party(int i) {
    return String.format(Locale.ROOT, "+9198000%05d", i);
  }

  private static String key(GreenVnEvent event) {
    String type = event.type().name().toLowerCase(Locale.ROOT);
    return event instanceof CallEvent call
        ? type + ":" + call.dialCallStatus().name().toLowerCase(Locale.ROOT)
        : type;
  }

  GreenVn greenVn() {
    return greenVn;
  }

  int allocations() {
    return specLines.size();
  }

  /** The spec file's lines, one per allocation, in the load's {@code vn=... known=...} format. */
  List<String> specLines() {
    return specLines;
  }

  /** The events emitted so far by kind, e.g. {@code call:completed=12,verification_failed=3}. */
  String eventCounts() {
    Map<String, Long> sorted = new TreeMap<>();
    events.forEach((k, v) -> sorted.put(k, v.sum()));
    StringBuilder out = new StringBuilder();
    sorted.forEach((k, v) -> out.append(out.length() == 0 ? "" : ",").append(k).append('=')
        .append(v));
    return out.length() == 0 ? "none" : out.toString();
  }

  /** One event count, 0 when none was emitted. */
  long eventCount(String key) {
    LongAdder count = events.get(key);
    return count == null ? 0 : count.sum();
  }
}
