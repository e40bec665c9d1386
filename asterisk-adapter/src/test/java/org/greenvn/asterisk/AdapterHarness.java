package org.greenvn.asterisk;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.greenvn.event.CallEvent;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.PinPolicy;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;

/**
 * An engine on a movable clock behind a real FastAGI server on an ephemeral loopback port, set up
 * like the Asterisk of the captured sessions: VN {@code +914048212136}, parties dialled as
 * {@code Local/<number>@parties}, PINs of 4 digits, three wrong PINs lock a caller out.
 */
final class AdapterHarness implements AutoCloseable {

  static final String VN = "+914048212136";
  static final String IDLE_VN = "+918041234567";
  static final String CALLER = "+919876543210";
  static final String PARTY = "+919800000001";

  final GreenVnTestKit kit;
  final GreenVnAgiServer server;

  AdapterHarness() {
    this(UnaryOperator.identity(), UnaryOperator.identity());
  }

  AdapterHarness(
      UnaryOperator<Flow> flow, UnaryOperator<AdapterSettings.Builder> settings) {
    Tenant tenant =
        Tenant.builder("acme")
            .number(VN, Region.AP, NumberType.LANDLINE)
            .number(IDLE_VN, Region.KA, NumberType.LANDLINE)
            .flow(flow.apply(Flow.withDefaults(Flow.DEFAULT_ID).withPinMaxDigits(4)))
            .pinPolicy(
                new PinPolicy(
                    3, Duration.ofHours(1), Duration.ofHours(1), 50, Duration.ofMinutes(10),
                    Duration.ofMinutes(10)))
            .build();
    this.kit = GreenVnTestKit.forTenant(tenant);
    this.server =
        GreenVnAgiServer.builder(kit.greenVn())
            .port(0)
            .clock(kit.clock())
            .readTimeout(Duration.ofSeconds(5))
            .shutdownGrace(Duration.ofSeconds(2))
            .settings(
                settings
                    .apply(
                        AdapterSettings.builder()
                            .defaultFlowSettings(FlowSettings.dialing("Local/{number}@parties")))
                    .build())
            .start();
  }

  Allocation allocate(UnaryOperator<AllocationRequest.Builder> request) {
    return kit.allocate(request.apply(AllocationRequest.builder().connectionId("order-42"))
        .build());
  }

  /** A call from {@code callerId} to the VN, as the captured sessions' Asterisk places it. */
  FakeAsterisk call(String callerId, String uniqueId) {
    return call(AgiEnvironment.builder().callerId(callerId).uniqueId(uniqueId).build());
  }

  FakeAsterisk call(AgiEnvironment env) {
    return FakeAsterisk.connect(server.port(), env);
  }

  /** Advances the engine's (and the adapter's) clock: what the peer does before replying. */
  void elapse(long millis) {
    kit.clock().advance(Duration.ofMillis(millis));
  }

  List<CallEvent> callEvents() {
    return kit.events(CallEvent.class);
  }

  CallEvent onlyCallEvent() {
    List<CallEvent> events = callEvents();
    if (events.size() != 1) {
      throw new AssertionError("Expected one call event, got " + events);
    }
    return events.get(0);
  }

  /** Waits (bounded) for a condition that the server reaches on its own threads. */
  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    server.close();
    kit.close();
  }
}
