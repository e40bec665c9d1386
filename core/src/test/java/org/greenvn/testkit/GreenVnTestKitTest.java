package org.greenvn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.B2;
import static org.greenvn.TestNumbers.OUTSIDER;
import static org.greenvn.TestNumbers.SID;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.Usage;
import org.greenvn.event.CallEvent;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.event.OutOfAllocationEvent;
import org.greenvn.event.VerificationFailedEvent;
import org.greenvn.event.VerificationSucceededEvent;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.RejectReason;
import org.greenvn.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GreenVnTestKitTest {

  private static final String VN = AP_L.number().e164();

  private static final Tenant TENANT = Tenant.builder(SID).number(AP_L).build();

  private final GreenVnTestKit kit = GreenVnTestKit.forTenant(TENANT);

  @AfterEach
  void close() {
    kit.close();
  }

  // ---------------------------------------------------------------- expectations

  @Test
  void expectBridgeToPassesForTheRightTargetsInAnyOrder() {
    kit.allocate(order("order-1").bPartyNumbers(B1, B2).build());

    SimulatedCall call = kit.call(A1, VN);

    assertThat(call.expectBridgeTo(B1, B2)).isSameAs(call);
    assertThat(call.expectBridgeTo(B2, B1)).isSameAs(call);
    assertThat(call.bridgeTargets())
        .containsExactly(PhoneNumber.of(B1), PhoneNumber.of(B2));
  }

  @Test
  void expectBridgeToFailsNamingTheTargetsActuallyRung() {
    kit.allocate(order("order-1").bPartyNumbers(B1, B2).build());
    SimulatedCall call = kit.call(A1, VN);

    assertThatThrownBy(() -> call.expectBridgeTo(B1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(B1)
        .hasMessageContaining(B2);
    assertThatThrownBy(() -> call.expectBridgeTo("+919800000003"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("+919800000003")
        .hasMessageContaining(B1);
  }

  @Test
  void expectBridgeToFailsNamingTheRejectWhenTheCallWasRejected() {
    SimulatedCall call = kit.call(A1, VN);

    assertThatThrownBy(() -> call.expectBridgeTo(B1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Bridge")
        .hasMessageContaining("Reject")
        .hasMessageContaining("NOT_IN_SERVICE");
  }

  @Test
  void expectBridgeToFailsNamingThePromptWhenAPinWasAskedFor() {
    kit.allocate(order("order-1").bPartyPins(8642).build());
    SimulatedCall call = kit.call(OUTSIDER, VN);

    assertThatThrownBy(() -> call.expectBridgeTo(A1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PromptPin");
  }

  @Test
  void expectPinPromptPassesOnAPromptAndFailsNamingABridge() {
    kit.allocate(order("order-1").bPartyPins(8642).build());

    SimulatedCall prompted = kit.call(OUTSIDER, VN);
    SimulatedCall bridged = kit.call(A1, VN);

    assertThat(prompted.expectPinPrompt()).isSameAs(prompted);
    assertThatThrownBy(bridged::expectPinPrompt)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PromptPin")
        .hasMessageContaining("Bridge")
        .hasMessageContaining(B1);
  }

  @Test
  void expectRejectedPassesForTheRightReasonAndFailsNamingTheActualOne() {
    kit.allocate(order("order-1").build());
    SimulatedCall rejected = kit.call(B1, VN);

    assertThat(rejected.expectRejected(RejectReason.ONEWAY)).isSameAs(rejected);
    assertThatThrownBy(() -> rejected.expectRejected(RejectReason.NOT_IN_SERVICE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("NOT_IN_SERVICE")
        .hasMessageContaining("ONEWAY");
  }

  @Test
  void expectRejectedFailsNamingTheBridgeWhenTheCallWasBridged() {
    kit.allocate(order("order-1").build());
    SimulatedCall bridged = kit.call(A1, VN);

    assertThatThrownBy(() -> bridged.expectRejected(RejectReason.ONEWAY))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Reject")
        .hasMessageContaining("Bridge");
  }

  @Test
  void enterPinKeysDigitsAtAPromptAndFailsNamingTheDecisionOtherwise() {
    Allocation order = kit.allocate(order("order-1").bPartyPins(8642).build());

    SimulatedCall joined = kit.call(OUTSIDER, VN).enterPin("8642");
    SimulatedCall bridged = kit.call(A1, VN);

    joined.expectRejected(RejectReason.ONEWAY);
    assertThat(kit.allocation(order.greenvnId()).bPartyNumbers())
        .contains(PhoneNumber.of(OUTSIDER));
    assertThatThrownBy(() -> bridged.enterPin("8642"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Bridge");
  }

  @Test
  void expectationsDoNotChangeTheDecision() {
    kit.allocate(order("order-1").build());
    SimulatedCall call = kit.call(A1, VN);

    assertThatThrownBy(call::expectPinPrompt).isInstanceOf(AssertionError.class);

    assertThat(call.decision()).isInstanceOf(Bridge.class);
    assertThat(call.session().decision()).isSameAs(call.decision());
  }

  // ---------------------------------------------------------------- ending calls

  @Test
  void answerMovesTheClockByTheTalkTimeAndReturnsTheCallEvent() {
    kit.allocate(order("order-1").build());

    CallEvent event = kit.call(A1, VN).answer(Duration.ofSeconds(42));

    assertThat(kit.clock().instant()).isEqualTo(GreenVnTestKit.START.plusSeconds(42));
    assertThat(event.onCallDuration()).isEqualTo(Duration.ofSeconds(42));
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.COMPLETED);
    assertThat(event.to()).contains(PhoneNumber.of(B1));
    assertThat(event.occurredAt()).isEqualTo(GreenVnTestKit.START.plusSeconds(42));
    assertThat(event.startTime()).isEqualTo(GreenVnTestKit.START);
    assertThat(kit.events(CallEvent.class)).containsExactly(event);
  }

  @Test
  void answerFailsNamingTheDecisionWhenTheCallWasNotBridged() {
    SimulatedCall call = kit.call(A1, VN);

    assertThatThrownBy(() -> call.answer(Duration.ofSeconds(5)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("NOT_IN_SERVICE");
    assertThat(kit.clock().instant()).isEqualTo(GreenVnTestKit.START);
  }

  @Test
  void unansweredMovesTheClockByTheRingTimeAndReturnsTheCallEvent() {
    kit.allocate(order("order-1").build());

    CallEvent event = kit.call(A1, VN).unanswered(DialCallStatus.NO_ANSWER, Duration.ofSeconds(30));

    assertThat(kit.clock().instant()).isEqualTo(GreenVnTestKit.START.plusSeconds(30));
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.NO_ANSWER);
    assertThat(event.dialCallDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(event.onCallDuration()).isZero();
  }

  @Test
  void hangUpReportsACallEventOnlyForCallsMatchedToAnAllocation() {
    kit.allocate(order("order-1").build());

    Optional<CallEvent> oneway = kit.call(B1, VN).hangUp();
    Optional<CallEvent> stranger = kit.call(OUTSIDER, VN).hangUp();

    assertThat(oneway).isPresent();
    assertThat(oneway.get().from()).contains(PhoneNumber.of(B1));
    assertThat(stranger).isEmpty();
    assertThat(kit.events(CallEvent.class)).containsExactly(oneway.get());
  }

  // ---------------------------------------------------------------- events

  @Test
  void eventsAreRecordedOldestFirstAndFilteredByKind() {
    kit.allocate(order("order-1").bPartyPins(8642).deallocationDuration("15m").build());

    kit.call(OUTSIDER, VN).enterPin("1111").enterPin("8642");
    kit.call(A1, VN).answer(Duration.ofSeconds(3));
    kit.advance(Duration.ofMinutes(15));
    kit.call(A1, VN);

    assertThat(kit.events())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "VerificationFailedEvent", "VerificationSucceededEvent", "CallEvent",
            "DeallocationEvent", "OutOfAllocationEvent");
    assertThat(kit.events(VerificationFailedEvent.class)).hasSize(1);
    assertThat(kit.events(VerificationSucceededEvent.class)).hasSize(1);
    assertThat(kit.events(CallEvent.class)).hasSize(1);
    assertThat(kit.events(DeallocationEvent.class)).hasSize(1);
    assertThat(kit.events(OutOfAllocationEvent.class)).hasSize(1);
    assertThat(kit.events(GreenVnEvent.class)).isEqualTo(kit.events());
  }

  @Test
  void eventsIsASnapshotThatCannotBeChanged() {
    kit.call(A1, VN);
    List<GreenVnEvent> snapshot = kit.events();

    kit.call(A1, VN);

    assertThat(snapshot).hasSize(1);
    assertThat(kit.events()).hasSize(2);
    assertThatThrownBy(snapshot::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void clearEventsForgetsWhatWasRecordedAndKeepsRecording() {
    kit.call(A1, VN);
    kit.call(B1, VN);
    assertThat(kit.events()).hasSize(2);

    kit.clearEvents();

    assertThat(kit.events()).isEmpty();
    assertThat(kit.events(OutOfAllocationEvent.class)).isEmpty();
    kit.call(OUTSIDER, VN);
    assertThat(kit.events(OutOfAllocationEvent.class))
        .singleElement()
        .extracting(OutOfAllocationEvent::callSid)
        .isEqualTo("test-call-3");
  }

  // ---------------------------------------------------------------- time

  @Test
  void advanceExpiresWhatIsDueAndReturnsHowMany() {
    Allocation short1 = kit.allocate(order("order-1").deallocationDuration("15m").build());
    Allocation short2 = kit.allocate(lasting("order-2", "+919800000021", "+919800000022", "15m"));
    Allocation longer = kit.allocate(lasting("order-3", "+919800000031", "+919800000032", "30m"));

    assertThat(kit.advance(Duration.ofMinutes(14))).isZero();
    assertThat(kit.advance(Duration.ofMinutes(1))).isEqualTo(2);
    assertThat(kit.advance(Duration.ofMinutes(14))).isZero();
    assertThat(kit.advance(Duration.ofMinutes(1))).isEqualTo(1);
    assertThat(kit.advance(Duration.ofHours(1))).isZero();

    assertThat(kit.clock().instant()).isEqualTo(GreenVnTestKit.START.plus(Duration.ofMinutes(90)));
    assertThat(kit.allocation(short1.greenvnId()).state()).isEqualTo(AllocationState.VAULT);
    assertThat(kit.allocation(short2.greenvnId()).state()).isEqualTo(AllocationState.VAULT);
    assertThat(kit.allocation(longer.greenvnId()).state()).isEqualTo(AllocationState.VAULT);
    assertThat(kit.events(DeallocationEvent.class))
        .extracting(DeallocationEvent::connectionId)
        .containsExactlyInAnyOrder("order-1", "order-2", "order-3");
  }

  @Test
  void advanceUsesTheTenantsDefaultDeallocationWhenNoneIsGiven() {
    Allocation order = kit.allocate(order("order-1").build());

    assertThat(kit.advance(Duration.ofHours(24).minusSeconds(1))).isZero();
    assertThat(kit.allocation(order.greenvnId()).isActive()).isTrue();
    assertThat(kit.advance(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(kit.allocation(order.greenvnId()).isActive()).isFalse();
  }

  @Test
  void clockStartsAtTheDocumentedInstantAndOnlyMovesWhenTold() {
    assertThat(GreenVnTestKit.START).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(kit.clock().instant()).isEqualTo(GreenVnTestKit.START);

    kit.call(A1, VN);

    assertThat(kit.clock().instant()).isEqualTo(GreenVnTestKit.START);
  }

  @Test
  void mutableClockMovesForwardIsSettableAndSharesTimeAcrossZones() {
    MutableClock clock = MutableClock.startingAt(GreenVnTestKit.START);
    Clock kolkata = clock.withZone(ZoneId.of("Asia/Kolkata"));

    clock.advance(Duration.ofMinutes(3));
    assertThat(clock.instant()).isEqualTo(GreenVnTestKit.START.plusSeconds(180));
    assertThat(kolkata.instant()).isEqualTo(clock.instant());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(kolkata.getZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));

    clock.set(Instant.parse("2030-05-05T05:05:05Z"));
    assertThat(kolkata.instant()).isEqualTo(Instant.parse("2030-05-05T05:05:05Z"));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-05-05T05:05:05Z"));
  }

  // ---------------------------------------------------------------- calls and accessors

  @Test
  void callsAreNumberedTestCallOneTwoThree() {
    kit.allocate(order("order-1").bPartyPins(8642).build());

    SimulatedCall first = kit.call(A1, VN);
    SimulatedCall second = kit.call(OUTSIDER, VN).enterPin("1111");
    SimulatedCall third = kit.call("anonymous", "+918041234567");

    assertThat(first.session().callSid()).isEqualTo("test-call-1");
    assertThat(second.session().callSid()).isEqualTo("test-call-2");
    assertThat(third.session().callSid()).isEqualTo("test-call-3");
    assertThat(kit.events(VerificationFailedEvent.class))
        .singleElement()
        .extracting(VerificationFailedEvent::callSid)
        .isEqualTo("test-call-2");
    assertThat(kit.events(OutOfAllocationEvent.class))
        .singleElement()
        .extracting(OutOfAllocationEvent::callSid)
        .isEqualTo("test-call-3");
    assertThat(first.answer(Duration.ofSeconds(1)).callSid()).isEqualTo("test-call-1");
  }

  @Test
  void eachKitNumbersItsOwnCalls() {
    try (GreenVnTestKit other = GreenVnTestKit.forTenant(TENANT)) {
      kit.call(A1, VN);
      kit.call(A1, VN);

      assertThat(other.call(A1, VN).session().callSid()).isEqualTo("test-call-1");
      assertThat(other.events()).hasSize(1);
      assertThat(kit.events()).hasSize(2);
    }
  }

  @Test
  void accessorsExposeTheEngineTheTenantAndCurrentAllocations() {
    Allocation created = kit.allocate(order("order-1").bPartyPins(8642).build());

    assertThat(kit.tenant()).isSameAs(TENANT);
    assertThat(kit.greenVn().allocations().get(SID, created.greenvnId()))
        .isEqualTo(created);
    assertThat(kit.greenVn().route(VN, A1)).isInstanceOf(Bridge.class);
    kit.call(OUTSIDER, VN).enterPin("8642");
    Allocation now = kit.allocation(created.greenvnId());
    assertThat(now.version()).isEqualTo(created.version() + 1);
    assertThat(now.bPartyNumbers()).contains(PhoneNumber.of(OUTSIDER));
    assertThat(created.bPartyNumbers()).doesNotContain(PhoneNumber.of(OUTSIDER));
  }

  private static AllocationRequest lasting(String connectionId, String a, String b, String time) {
    return twoway(connectionId, a, b).deallocationDuration(time).build();
  }

  private static AllocationRequest.Builder order(String connectionId) {
    return AllocationRequest.builder()
        .connectionId(connectionId)
        .aPartyNumbers(A1)
        .bPartyNumbers(B1)
        .usage(Usage.ONEWAY);
  }
}
