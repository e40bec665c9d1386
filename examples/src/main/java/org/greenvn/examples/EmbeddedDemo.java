package org.greenvn.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.GreenVnException;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.event.EventJson;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.routing.CallOutcome;
import org.greenvn.routing.CallSession;
import org.greenvn.event.Disconnector;
import org.greenvn.routing.Bridge;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.MutableClock;

/**
 * Embeds greenvn in a program: one tenant with a small pool, an allocation, a few calls (a known
 * caller, an unknown caller who joins with a PIN, a oneway refusal), a bad request, and the
 * allocation's expiry, each printed with the decision or the event's JSON body.
 */
public final class EmbeddedDemo {

  private EmbeddedDemo() {}

  /** Runs the demo and prints to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}. */
  static void run(PrintStream out) {
    Tenant demo =
        Tenant.builder("demo")
            .number("+914048212136", Region.AP, NumberType.LANDLINE)
            .number("+918041234567", Region.KA, NumberType.LANDLINE)
            .number("+919000000001", Region.KA, NumberType.MOBILE)
            .number("+917000000001", Region.DL, NumberType.MOBILE)
            .build();
    EventJson json = EventJson.forZone(ZoneId.of("Asia/Kolkata"));
    MutableClock clock = MutableClock.startingAt(java.time.Instant.parse("2026-11-29T10:00:00Z"));
    try (GreenVn greenVn =
        GreenVn.builder()
            .clock(clock)
            .tenant(demo)
            .expirySweep(Duration.ZERO)
            .listener(event -> out.println("  event " + event.type() + ": " + json.toJson(event)))
            .build()) {

      out.println("1. Allocate a number for order-42 near PIN code 560041 (Bengaluru):");
      Allocation order =
          greenVn
              .allocations()
              .create(
                  "demo",
                  AllocationRequest.builder()
                      .connectionId("order-42")
                      .aPartyNumbers("+919876543210")
                      .bPartyNumbers("+919800000001")
                      .bPartyPins(2345)
                      .usage(Usage.ONEWAY)
                      .preferences(Preferences.builder().pinCode("560041").build())
                      .deallocationDuration("600s")
                      .build());
      String vn = order.greenvn().e164();
      out.println("  " + order);

      out.println("2. The customer calls the number, caller id in national form:");
      CallSession call = greenVn.startCall("call-1", vn, "09876543210");
      out.println("  decision: " + call.decision());
      Bridge bridge = (Bridge) call.decision();
      clock.advance(Duration.ofSeconds(95));
      call.complete(
          CallOutcome.answered(
              bridge.targets().get(0), Duration.ofSeconds(5), Duration.ofSeconds(90),
              Disconnector.CALLER));

      out.println("3. A second delivery agent calls, unknown, and keys the B-party PIN:");
      CallSession agent = greenVn.startCall("call-2", vn, "+919811111111");
      out.println("  decision: " + agent.decision());
      out.println("  after PIN: " + agent.enterPin("2345"));
      agent.complete(CallOutcome.notDialled(Disconnector.CALLER));

      out.println("4. A bad request gets the spec's code:");
      try {
        greenVn
            .allocations()
            .create(
                "demo",
                AllocationRequest.builder()
                    .connectionId("order-43")
                    .aPartyNumbers("+919876543210")
                    .bPartyNumbers("+919876543210")
                    .usage("twoway")
                    .build());
      } catch (GreenVnException e) {
        out.printf(
            Locale.ROOT, "  refused: code %d, HTTP %d, %s%n", e.code().code(),
            e.code().httpStatus(), e.getMessage());
      }

      out.println("5. Ten minutes later the allocation expires:");
      clock.advance(Duration.ofMinutes(10));
      out.println("  expired: " + greenVn.expireDue());
      out.println("  the customer calls again: " + greenVn.route(vn, "09876543210"));

      List<String> loads =
          greenVn.allocations().utilisation("demo").stream()
              .map(l -> l.number().number() + "=" + l.activeAllocations())
              .toList();
      out.println("6. Pool load now: " + loads);
    }
  }
}
