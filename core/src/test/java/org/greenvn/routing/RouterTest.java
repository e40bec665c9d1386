package org.greenvn.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.B2;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.OUTSIDER;
import static org.greenvn.TestNumbers.SID;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.greenvn.GreenVn;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.CallPartyUpdate;
import org.greenvn.allocation.Party;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.event.CallEvent;
import org.greenvn.event.CallInsights;
import org.greenvn.event.CallType;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.greenvn.event.EventListener;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.event.OutOfAllocationEvent;
import org.greenvn.event.VerificationFailedEvent;
import org.greenvn.event.VerificationSucceededEvent;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.PinPolicy;
import org.greenvn.tenant.Prompts;
import org.greenvn.tenant.RingStrategy;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.greenvn.testkit.MutableClock;
import org.greenvn.testkit.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {

  private static final String VN = AP_L.number().e164();
  private static final String VN2 = KA_L.number().e164();
  /** A second caller in no allocation, next to {@link org.greenvn.TestNumbers#OUTSIDER}. */
  private static final String OTHER_OUTSIDER = "+919800000051";
  private static final long A_PIN = 7531;
  private static final long B_PIN = 8642;
  /** The parties of {@link #order2()}, apart from order-1's. */
  private static final String A_ORDER_2 = "+919800000021";
  private static final String B_ORDER_2 = "+919800000022";
  /** Prompts of a flow's own, to tell them from the defaults. */
  private static final Prompts CUSTOM_PROMPTS =
      new Prompts("p-pin", "p-invalid", "p-noservice", "p-oneway", "p-locked", "p-bye");

  private final List<GreenVnTestKit> kits = new ArrayList<>();

  @AfterEach
  void closeKits() {
    kits.forEach(GreenVnTestKit::close);
  }

  // ---------------------------------------------------------------- known callers

  @Test
  void callerInAIsBridgedToTheWholeBPartyShowingTheVnWithTheDefaultFlow() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order =
        kit.allocate(order("order-1", Usage.ONEWAY).bPartyNumbers(B1, B2).build());

    RoutingDecision decision = kit.call(A1, VN).decision();

    assertThat(decision)
        .isEqualTo(
            new Bridge(
                order.tenantSid(), order.greenvnId(), "order-1", Flow.DEFAULT_ID, Party.A,
                List.of(PhoneNumber.of(B1), PhoneNumber.of(B2)), PhoneNumber.of(VN),
                RingStrategy.SIMULTANEOUS, Duration.ofSeconds(30), false));
  }

  @Test
  void aCallAfterAnUpdateOrDeleteIsDecidedByTheAllocationAsItIsNow() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order = kit.allocate(order("order-1", Usage.TWOWAY).build());
    kit.call(A1, VN).expectBridgeTo(B1);
    kit.call(B1, VN).expectBridgeTo(A1);

    kit.greenVn()
        .allocations()
        .updateCallParty(
            SID, order.greenvnId(),
            CallPartyUpdate.builder().bPartyNumbers(B2).usage("oneway").build());

    kit.call(A1, VN).expectBridgeTo(B2);
    assertThat(kit.call(B2, VN).decision())
        .isEqualTo(new Reject(RejectReason.ONEWAY, Prompts.defaults().oneway()));
    assertThat(kit.greenVn().route(VN, B1)).isInstanceOf(Reject.class);

    kit.greenVn().allocations().delete(SID, order.greenvnId());

    assertThat(kit.greenVn().route(VN, A1))
        .isEqualTo(new Reject(RejectReason.NOT_IN_SERVICE, Prompts.defaults().notInService()));
  }

  @Test
  void twoEnginesOnOneStoreEachDecideWithTheirOwnTenantsFlows() {
    InMemoryAllocationStore store = new InMemoryAllocationStore();
    Flow slow = Flow.withDefaults("house").withRingTimeout(Duration.ofSeconds(45));
    Flow fast = Flow.withDefaults("house").withRingTimeout(Duration.ofSeconds(10));
    try (GreenVn first = sharing(store, slow);
        GreenVn second = sharing(store, fast)) {
      first.allocations().create(SID, order("order-1", Usage.TWOWAY).build());

      for (int round = 0; round < 2; round++) {
        assertThat(((Bridge) first.route(VN, A1)).ringTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(((Bridge) second.route(VN, A1)).ringTimeout())
            .isEqualTo(Duration.ofSeconds(10));
      }
    }
  }

  @Test
  void bridgeTakesRingTimeoutStrategyAndRecordingFromTheAllocationsFlow() {
    Flow premium =
        Flow.withDefaults("premium")
            .withRingTimeout(Duration.ofSeconds(45))
            .withRingStrategy(RingStrategy.SEQUENTIAL)
            .withRecording(true);
    GreenVnTestKit kit =
        kit(oneVnTenant().flow(Flow.withDefaults("basic")).flow(premium).build());
    kit.allocate(order("order-1", Usage.TWOWAY).flowId("premium").build());
    kit.allocate(twoway("order-2", "+919800000011", "+919800000012").build());

    Bridge withFlow = (Bridge) kit.call(A1, VN).expectBridgeTo(B1).decision();
    Bridge withDefault =
        (Bridge) kit.call("+919800000011", VN).expectBridgeTo("+919800000012").decision();

    assertThat(withFlow.flowId()).isEqualTo("premium");
    assertThat(withFlow.ringTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(withFlow.ringStrategy()).isEqualTo(RingStrategy.SEQUENTIAL);
    assertThat(withFlow.record()).isTrue();
    assertThat(withDefault.flowId()).isEqualTo("basic");
    assertThat(withDefault.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(withDefault.ringStrategy()).isEqualTo(RingStrategy.SIMULTANEOUS);
    assertThat(withDefault.record()).isFalse();
  }

  @Test
  void callAndVerificationEventsNameTheAllocationsFlowOrTheTenantsDefault() {
    GreenVnTestKit kit =
        kit(oneVnTenant().flow(Flow.withDefaults("basic")).flow(Flow.withDefaults("premium"))
            .build());
    kit.allocate(
        order("order-1", Usage.TWOWAY).flowId("premium").bPartyPins(B_PIN).build());
    kit.allocate(twoway("order-2", "+919800000011", "+919800000012").build());

    kit.call(OUTSIDER, VN).expectPinPrompt().enterPin("8642").answer(Duration.ofSeconds(3));
    kit.call("+919800000011", VN).answer(Duration.ofSeconds(4));

    assertThat(kit.events(VerificationSucceededEvent.class))
        .singleElement()
        .extracting(VerificationSucceededEvent::flowId)
        .isEqualTo("premium");
    assertThat(kit.events(CallEvent.class))
        .extracting(CallEvent::connectionId, CallEvent::flowId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order-1", "premium"),
            org.assertj.core.groups.Tuple.tuple("order-2", "basic"));
  }

  @Test
  void tenantDefaultFlowSettingsApplyToAllocationsNamingNoFlow() {
    Flow custom =
        Flow.withDefaults("house")
            .withRingTimeout(Duration.ofSeconds(12))
            .withRingStrategy(RingStrategy.SEQUENTIAL)
            .withRecording(true);
    GreenVnTestKit kit = kit(oneVnTenant().flow(custom).build());
    kit.allocate(order("order-1", Usage.TWOWAY).build());

    Bridge bridge = (Bridge) kit.call(A1, VN).decision();

    assertThat(bridge.flowId()).isEqualTo("house");
    assertThat(bridge.ringTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(bridge.ringStrategy()).isEqualTo(RingStrategy.SEQUENTIAL);
    assertThat(bridge.record()).isTrue();
  }

  @Test
  void callerInBOfATwowayAllocationIsBridgedToA() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(
        order("order-1", Usage.TWOWAY).aPartyNumbers(A1, "+919800000003").build());

    SimulatedCall call = kit.call(B1, VN).expectBridgeTo(A1, "+919800000003");

    Bridge bridge = (Bridge) call.decision();
    assertThat(bridge.callerParty()).isEqualTo(Party.B);
    assertThat(bridge.callerIdToPresent()).isEqualTo(PhoneNumber.of(VN));
  }

  @Test
  void callerInBOfAOnewayAllocationIsRejectedWithTheFlowsOnewayPrompt() {
    GreenVnTestKit kit =
        kit(oneVnTenant().flow(Flow.withDefaults("default").withPrompts(CUSTOM_PROMPTS)).build());
    Allocation order = kit.allocate(order("order-1", Usage.ONEWAY).build());

    SimulatedCall call = kit.call(B1, VN).expectRejected(RejectReason.ONEWAY);

    assertThat(call.decision()).isEqualTo(new Reject(RejectReason.ONEWAY, "p-oneway"));
    assertThat(call.session().allocation()).map(Allocation::greenvnId)
        .contains(order.greenvnId());
    assertThat(kit.events()).isEmpty();
  }

  @Test
  void routeConvenienceDecidesLikeAStartedCall() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.ONEWAY).build());

    RoutingDecision fromA = kit.greenVn().route(VN, A1);
    RoutingDecision fromB = kit.greenVn().router().route(VN, B1);

    assertThat(fromA).isInstanceOfSatisfying(
        Bridge.class, b -> assertThat(b.targets()).containsExactly(PhoneNumber.of(B1)));
    assertThat(fromB).isInstanceOfSatisfying(
        Reject.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.ONEWAY));
  }

  @Test
  void allocationsSharingAVnEachRouteTheirOwnCallersAndPins() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation first = kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());
    Allocation second = kit.allocate(order2().build());
    assertThat(second.greenvn()).isEqualTo(first.greenvn());

    kit.call(A1, VN).expectBridgeTo(B1);
    kit.call(A_ORDER_2, VN).expectBridgeTo(B_ORDER_2);
    kit.call(OUTSIDER, VN).expectPinPrompt().enterPin("9753").expectBridgeTo(A_ORDER_2);

    assertThat(kit.allocation(second.greenvnId()).bPartyNumbers())
        .contains(PhoneNumber.of(OUTSIDER));
    assertThat(kit.allocation(first.greenvnId()).bPartyNumbers())
        .doesNotContain(PhoneNumber.of(OUTSIDER));
  }

  // ---------------------------------------------------------------- caller id and VN forms

  @ParameterizedTest
  @ValueSource(
      strings = {"+919876543210", "919876543210", "09876543210", "9876543210", " 09876543210 "})
  void everyFormOfTheCallerIdReachesTheSameAllocation(String callerId) {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order = kit.allocate(order("order-1", Usage.ONEWAY).build());

    SimulatedCall call = kit.call(callerId, VN).expectBridgeTo(B1);

    assertThat(call.session().caller()).contains(PhoneNumber.of(A1));
    assertThat(((Bridge) call.decision()).greenvnId()).isEqualTo(order.greenvnId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"914048212136", "04048212136", "4048212136", " +914048212136 "})
  void vnDialledInOtherFormsRoutes(String dialled) {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.ONEWAY).build());

    SimulatedCall call = kit.call(A1, dialled).expectBridgeTo(B1);

    assertThat(call.session().greenvn()).contains(PhoneNumber.of(VN));
  }

  // ---------------------------------------------------------------- PIN flow

  @Test
  void unknownCallerOnAVnWithPinsIsPromptedWithTheFlowsSettings() {
    GreenVnTestKit kit =
        kit(oneVnTenant().flow(Flow.withDefaults("default").withPinMaxDigits(5)).build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());

    RoutingDecision decision = kit.call(OUTSIDER, VN).decision();

    assertThat(decision)
        .isEqualTo(new PromptPin("conf-getpin", Optional.empty(), 3, 5, Duration.ofSeconds(5)));
    assertThat(kit.events()).isEmpty();
  }

  @Test
  void rightPinJoinsTheCallerDurablyAndBridgesThenTheNextCallNeedsNoPin() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order =
        kit.allocate(order("order-1", Usage.TWOWAY).aPartyPins(A_PIN).bPartyPins(B_PIN).build());

    SimulatedCall call = kit.call(OUTSIDER, VN).expectPinPrompt();
    RoutingDecision afterPin = call.session().enterPin("8642");

    assertThat(afterPin).isInstanceOfSatisfying(
        Bridge.class,
        b -> {
          assertThat(b.callerParty()).isEqualTo(Party.B);
          assertThat(b.targets()).containsExactly(PhoneNumber.of(A1));
          assertThat(b.callerIdToPresent()).isEqualTo(PhoneNumber.of(VN));
        });
    assertThat(call.decision()).isSameAs(afterPin);
    assertThat(kit.events(VerificationSucceededEvent.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.tenantSid()).isEqualTo(SID);
              assertThat(e.callSid()).isEqualTo("test-call-1");
              assertThat(e.connectionId()).isEqualTo("order-1");
              assertThat(e.greenvnId()).isEqualTo(order.greenvnId());
              assertThat(e.greenvn()).isEqualTo(PhoneNumber.of(VN));
              assertThat(e.caller()).contains(PhoneNumber.of(OUTSIDER));
              assertThat(e.pin()).isEqualTo("8642");
            });
    Allocation stored = kit.greenVn().allocations().get(SID, order.greenvnId());
    assertThat(stored.bPartyNumbers())
        .containsExactly(PhoneNumber.of(B1), PhoneNumber.of(OUTSIDER));
    assertThat(stored.aPartyNumbers()).containsExactly(PhoneNumber.of(A1));
    assertThat(stored.version()).isEqualTo(order.version() + 1);

    kit.clearEvents();
    kit.call("09800000050", VN).expectBridgeTo(A1);
    kit.call(A1, VN).expectBridgeTo(B1, OUTSIDER);
    assertThat(kit.events()).isEmpty();
  }

  @Test
  void rightAPinJoinsTheAPartyAndBridgesToB() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order =
        kit.allocate(order("order-1", Usage.ONEWAY).aPartyPins(A_PIN).bPartyPins(B_PIN).build());

    kit.call(OUTSIDER, VN).expectPinPrompt().enterPin(" 7531 ").expectBridgeTo(B1);

    assertThat(kit.allocation(order.greenvnId()).aPartyNumbers())
        .containsExactly(PhoneNumber.of(A1), PhoneNumber.of(OUTSIDER));
    assertThat(kit.events(VerificationSucceededEvent.class))
        .singleElement()
        .extracting(VerificationSucceededEvent::pin)
        .isEqualTo("7531");
  }

  @Test
  void rightBPinOnAOnewayAllocationJoinsThenRejectsAsOneway() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order = kit.allocate(order("order-1", Usage.ONEWAY).bPartyPins(B_PIN).build());

    SimulatedCall call =
        kit.call(OUTSIDER, VN).expectPinPrompt().enterPin("8642")
            .expectRejected(RejectReason.ONEWAY);

    assertThat(kit.events(VerificationSucceededEvent.class)).hasSize(1);
    assertThat(kit.allocation(order.greenvnId()).bPartyNumbers())
        .contains(PhoneNumber.of(OUTSIDER));
    assertThat(call.session().allocation()).isPresent();
    kit.call(OUTSIDER, VN).expectRejected(RejectReason.ONEWAY);
    assertThat(kit.events(VerificationSucceededEvent.class)).hasSize(1);
  }

  @Test
  void threeWrongPinsRepromptTwiceWithTheInvalidPinNoticeThenReject() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order =
        kit.allocate(order("order-1", Usage.TWOWAY).aPartyPins(A_PIN).bPartyPins(B_PIN).build());
    SimulatedCall call = kit.call(OUTSIDER, VN);
    CallSession session = call.session();

    assertThat(session.decision())
        .isEqualTo(new PromptPin("conf-getpin", Optional.empty(), 3, 6, Duration.ofSeconds(5)));
    RoutingDecision second = session.enterPin("1111");
    RoutingDecision third = session.enterPin("");
    RoutingDecision last = session.enterPin("07531");

    assertThat(second)
        .isEqualTo(
            new PromptPin(
                "conf-getpin", Optional.of("conf-invalidpin"), 2, 6, Duration.ofSeconds(5)));
    assertThat(third)
        .isEqualTo(
            new PromptPin(
                "conf-getpin", Optional.of("conf-invalidpin"), 1, 6, Duration.ofSeconds(5)));
    assertThat(last).isEqualTo(new Reject(RejectReason.PIN_ATTEMPTS_EXHAUSTED, "vm-goodbye"));
    List<VerificationFailedEvent> failures = kit.events(VerificationFailedEvent.class);
    assertThat(failures).extracting(VerificationFailedEvent::attempt).containsExactly(1, 2, 3);
    assertThat(failures).extracting(VerificationFailedEvent::pin)
        .containsExactly("1111", "", "07531");
    assertThat(failures)
        .allSatisfy(
            f -> {
              assertThat(f.tenantSid()).isEqualTo(SID);
              assertThat(f.callSid()).isEqualTo("test-call-1");
              assertThat(f.greenvn()).isEqualTo(PhoneNumber.of(VN));
              assertThat(f.caller()).contains(PhoneNumber.of(OUTSIDER));
              assertThat(f.startTime()).isEqualTo(GreenVnTestKit.START);
            });
    assertThat(kit.events(VerificationSucceededEvent.class)).isEmpty();
    assertThat(kit.allocation(order.greenvnId()).allNumbers())
        .doesNotContain(PhoneNumber.of(OUTSIDER));
    assertThatThrownBy(() -> session.enterPin("8642")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nullDigitsCountAsAnEmptyWrongEntry() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());
    CallSession session = kit.call(OUTSIDER, VN).session();

    RoutingDecision next = session.enterPin(null);

    assertThat(next).isInstanceOfSatisfying(
        PromptPin.class, p -> assertThat(p.attemptsLeft()).isEqualTo(2));
    assertThat(kit.events(VerificationFailedEvent.class))
        .singleElement()
        .extracting(VerificationFailedEvent::pin)
        .isEqualTo("");
  }

  @Test
  void aPinOfAnotherVnsAllocationIsWrongHere() {
    GreenVnTestKit kit = kit(twoVnTenant().build());
    kit.allocate(orderOn(VN).bPartyPins(B_PIN).build());
    kit.allocate(order2().strict(true).preferences(on(VN2)).build());

    RoutingDecision next = kit.call(OUTSIDER, VN).session().enterPin("9753");

    assertThat(next).isInstanceOf(PromptPin.class);
    assertThat(kit.events(VerificationFailedEvent.class)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void flowPinAttemptsBoundTheWrongPinsOfOneCall(int attempts) {
    GreenVnTestKit kit =
        kit(oneVnTenant().flow(Flow.withDefaults("default").withPinAttempts(attempts)).build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());
    SimulatedCall call = kit.call(OUTSIDER, VN);

    assertThat(call.decision()).isInstanceOfSatisfying(
        PromptPin.class, p -> assertThat(p.attemptsLeft()).isEqualTo(attempts));
    for (int wrong = 1; wrong < attempts; wrong++) {
      int left = attempts - wrong;
      assertThat(call.session().enterPin("1111"))
          .isInstanceOfSatisfying(
              PromptPin.class,
              p -> {
                assertThat(p.attemptsLeft()).isEqualTo(left);
                assertThat(p.notice()).contains("conf-invalidpin");
              });
    }
    assertThat(call.session().enterPin("1111"))
        .isEqualTo(new Reject(RejectReason.PIN_ATTEMPTS_EXHAUSTED, "vm-goodbye"));
    assertThat(kit.events(VerificationFailedEvent.class)).hasSize(attempts);
  }

  @Test
  void aRightPinAfterWrongOnesStillJoins() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order = kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());
    SimulatedCall call = kit.call(OUTSIDER, VN);

    call.session().enterPin("1111");
    call.session().enterPin("2222");
    call.enterPin("8642").expectBridgeTo(A1);

    assertThat(kit.events(VerificationFailedEvent.class)).hasSize(2);
    assertThat(kit.events(VerificationSucceededEvent.class)).hasSize(1);
    assertThat(kit.allocation(order.greenvnId()).bPartyNumbers())
        .contains(PhoneNumber.of(OUTSIDER));
  }

  // ---------------------------------------------------------------- lock-out and throttle

  @Test
  void fiveWrongPinsAcrossCallsLockTheCallerOutOfTheVnForAnHour() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());

    SimulatedCall first = kit.call(OUTSIDER, VN);
    first.session().enterPin("1111");
    first.session().enterPin("1112");
    first.session().enterPin("1113");
    first.expectRejected(RejectReason.PIN_ATTEMPTS_EXHAUSTED);
    kit.clock().advance(Duration.ofMinutes(5));
    SimulatedCall second = kit.call("09800000050", VN).expectPinPrompt();
    second.session().enterPin("1114");
    second.expectPinPrompt();
    RoutingDecision fifth = second.session().enterPin("1115");

    assertThat(fifth).isEqualTo(new Reject(RejectReason.LOCKED_OUT, "vm-goodbye"));
    assertThat(kit.events(VerificationFailedEvent.class)).hasSize(5);

    kit.call(OUTSIDER, VN).expectRejected(RejectReason.LOCKED_OUT);
    kit.call(OTHER_OUTSIDER, VN).expectPinPrompt();
    kit.call(A1, VN).expectBridgeTo(B1);
    assertThat(kit.events(VerificationFailedEvent.class)).hasSize(5);

    kit.clock().advance(Duration.ofMinutes(59));
    kit.call(OUTSIDER, VN).expectRejected(RejectReason.LOCKED_OUT);
    kit.clock().advance(Duration.ofMinutes(1));
    kit.call(OUTSIDER, VN).expectPinPrompt().enterPin("8642").expectBridgeTo(A1);
  }

  @Test
  void lockedOutCallHasTheFlowsLockedOutPromptAndNoEvents() {
    GreenVnTestKit kit =
        kit(oneVnTenant().flow(Flow.withDefaults("default").withPrompts(CUSTOM_PROMPTS)).build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());
    failPins(kit, OUTSIDER, VN, 5);
    kit.clearEvents();

    RoutingDecision decision = kit.call(OUTSIDER, VN).decision();

    assertThat(decision).isEqualTo(new Reject(RejectReason.LOCKED_OUT, "p-locked"));
    assertThat(kit.events()).isEmpty();
  }

  @Test
  void lockOutIsPerVnSoTheSameCallerIsStillPromptedOnAnotherVn() {
    GreenVnTestKit kit = kit(twoVnTenant().build());
    kit.allocate(orderOn(VN).bPartyPins(B_PIN).build());
    kit.allocate(order2().strict(true).preferences(on(VN2)).build());

    failPins(kit, OUTSIDER, VN, 5);

    kit.call(OUTSIDER, VN).expectRejected(RejectReason.LOCKED_OUT);
    kit.call(OUTSIDER, VN2).expectPinPrompt().enterPin("9753").expectBridgeTo(A_ORDER_2);
  }

  @Test
  void wrongPinsOlderThanTheWindowDoNotCountTowardsALockOut() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());

    failPins(kit, OUTSIDER, VN, 4);
    kit.clock().advance(Duration.ofMinutes(61));
    failPins(kit, OUTSIDER, VN, 4);

    kit.call(OUTSIDER, VN).expectPinPrompt();
    failPins(kit, OUTSIDER, VN, 1);
    kit.call(OUTSIDER, VN).expectRejected(RejectReason.LOCKED_OUT);
  }

  @Test
  void customLockOutPolicyIsHonoured() {
    PinPolicy policy =
        new PinPolicy(
            2, Duration.ofMinutes(10), Duration.ofMinutes(15), 50, Duration.ofMinutes(10),
            Duration.ofMinutes(10));
    GreenVnTestKit kit = kit(oneVnTenant().pinPolicy(policy).build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());
    SimulatedCall call = kit.call(OUTSIDER, VN);

    call.session().enterPin("1111");
    RoutingDecision secondWrong = call.session().enterPin("1112");

    assertThat(secondWrong).isInstanceOfSatisfying(
        Reject.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.LOCKED_OUT));
    kit.clock().advance(Duration.ofMinutes(14));
    kit.call(OUTSIDER, VN).expectRejected(RejectReason.LOCKED_OUT);
    kit.clock().advance(Duration.ofMinutes(1));
    kit.call(OUTSIDER, VN).expectPinPrompt();
  }

  @Test
  void withheldCallersAreNeverLockedOutByCallerId() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());

    failPins(kit, "anonymous", VN, 6);

    kit.call("anonymous", VN).expectPinPrompt();
    assertThat(kit.events(VerificationFailedEvent.class))
        .hasSize(6)
        .allSatisfy(f -> assertThat(f.caller()).isEmpty());
  }

  @Test
  void wrongPinsFromManyCallersThrottleTheVnForUnknownCallersOnly() {
    PinPolicy policy =
        new PinPolicy(
            5, Duration.ofHours(1), Duration.ofHours(1), 3, Duration.ofMinutes(10),
            Duration.ofMinutes(10));
    GreenVnTestKit kit = kit(oneVnTenant().pinPolicy(policy).build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());

    RoutingDecision first = kit.call("+919800000061", VN).session().enterPin("1111");
    RoutingDecision second = kit.call("+919800000062", VN).session().enterPin("1111");
    RoutingDecision third = kit.call("+919800000063", VN).session().enterPin("1111");

    assertThat(first).isInstanceOf(PromptPin.class);
    assertThat(second).isInstanceOf(PromptPin.class);
    assertThat(third).isInstanceOfSatisfying(
        Reject.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.THROTTLED));
    kit.call("+919800000064", VN).expectRejected(RejectReason.THROTTLED);
    kit.call("+919800000061", VN).expectRejected(RejectReason.THROTTLED);
    kit.call("anonymous", VN).expectRejected(RejectReason.THROTTLED);
    kit.call(A1, VN).expectBridgeTo(B1);
    kit.call(B1, VN).expectBridgeTo(A1);
    assertThat(kit.events(VerificationFailedEvent.class)).hasSize(3);

    kit.clock().advance(Duration.ofMinutes(10));
    kit.call("+919800000064", VN).expectPinPrompt().enterPin("8642").expectBridgeTo(A1);
  }

  @Test
  void throttleOnOneVnLeavesAnotherVnPrompting() {
    PinPolicy policy =
        new PinPolicy(
            5, Duration.ofHours(1), Duration.ofHours(1), 2, Duration.ofMinutes(10),
            Duration.ofMinutes(10));
    GreenVnTestKit kit = kit(twoVnTenant().pinPolicy(policy).build());
    kit.allocate(orderOn(VN).bPartyPins(B_PIN).build());
    kit.allocate(order2().strict(true).preferences(on(VN2)).build());

    kit.call("+919800000061", VN).session().enterPin("1111");
    kit.call("+919800000062", VN).session().enterPin("1111");

    kit.call("+919800000064", VN).expectRejected(RejectReason.THROTTLED);
    kit.call("+919800000064", VN2).expectPinPrompt();
  }

  // ---------------------------------------------------------------- not in service

  @Test
  void vnWithoutAllocationRejectsAsNotInServiceAndReportsOutOfAllocation() {
    GreenVnTestKit kit = kit(oneVnTenant().build());

    SimulatedCall call = kit.call("09876543210", VN);

    assertThat(call.decision()).isEqualTo(new Reject(RejectReason.NOT_IN_SERVICE, "ss-noservice"));
    OutOfAllocationEvent event = onlyEventIsOutOfAllocation(kit);
    assertThat(event.tenantSid()).isEqualTo(SID);
    assertThat(event.greenvn()).isEqualTo(PhoneNumber.of(VN));
    assertThat(event.caller()).contains(PhoneNumber.of(A1));
    assertThat(event.callSid()).isEqualTo("test-call-1");
    assertThat(event.startTime()).isEqualTo(GreenVnTestKit.START);
  }

  @Test
  void allocationOnAnotherVnDoesNotServeThisVn() {
    GreenVnTestKit kit = kit(twoVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).strict(true).preferences(on(VN2)).build());

    kit.call(A1, VN).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(A1, VN2).expectBridgeTo(B1);

    assertThat(kit.events(OutOfAllocationEvent.class))
        .singleElement()
        .extracting(OutOfAllocationEvent::greenvn)
        .isEqualTo(PhoneNumber.of(VN));
  }

  @Test
  void numberNoTenantOwnsRejectsAsNotInServiceWithAnEventWithoutTenant() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).build());

    SimulatedCall call = kit.call(A1, VN2).expectRejected(RejectReason.NOT_IN_SERVICE);

    OutOfAllocationEvent event = onlyEventIsOutOfAllocation(kit);
    assertThat(event.tenantSid()).isEmpty();
    assertThat(event.greenvn()).isEqualTo(PhoneNumber.of(VN2));
    assertThat(event.callSid()).isEqualTo("test-call-1");
    assertThat(call.session().complete(CallOutcome.notDialled(Disconnector.UNKNOWN))).isEmpty();
  }

  @Test
  void dialledTextThatIsNoNumberRejectsAsNotInServiceWithoutEvent() {
    GreenVnTestKit kit = kit(oneVnTenant().build());

    kit.call(A1, "not-a-number").expectRejected(RejectReason.NOT_IN_SERVICE);

    assertThat(kit.events()).isEmpty();
  }

  @Test
  void unknownCallerOnAVnWhoseAllocationsHaveNoPinsIsNotInService() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).build());

    kit.call(OUTSIDER, VN).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(A1, VN).expectBridgeTo(B1);

    OutOfAllocationEvent event = onlyEventIsOutOfAllocation(kit);
    assertThat(event.tenantSid()).isEqualTo(SID);
    assertThat(event.caller()).contains(PhoneNumber.of(OUTSIDER));
  }

  @Test
  void expiredAllocationNoLongerRoutesOrTakesItsPins() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(
        order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).deallocationDuration("10m").build());
    kit.call(A1, VN).expectBridgeTo(B1);

    assertThat(kit.advance(Duration.ofMinutes(10))).isEqualTo(1);

    kit.call(A1, VN).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(OUTSIDER, VN).expectRejected(RejectReason.NOT_IN_SERVICE);
  }

  // ---------------------------------------------------------------- withheld caller ids

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"anonymous", "Anonymous", "unknown", "private", "restricted", "  "})
  void withheldCallerIsPromptedAndARightPinBridgesWithoutAddingAnyone(String callerId) {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order = kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());

    SimulatedCall call = kit.call(callerId, VN).expectPinPrompt();
    call.enterPin("8642").expectBridgeTo(A1);

    assertThat(call.session().caller()).isEmpty();
    Allocation stored = kit.allocation(order.greenvnId());
    assertThat(stored.allNumbers()).containsExactlyElementsOf(order.allNumbers());
    assertThat(stored.version()).isEqualTo(order.version());
    assertThat(kit.events(VerificationSucceededEvent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.caller()).isEmpty());
    kit.call(callerId, VN).expectPinPrompt();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"anonymous", "unknown"})
  void withheldCallerOnAVnWithoutPinsIsNotInService(String callerId) {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).build());

    kit.call(callerId, VN).expectRejected(RejectReason.NOT_IN_SERVICE);

    assertThat(kit.events(OutOfAllocationEvent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.caller()).isEmpty());
  }

  // ---------------------------------------------------------------- session misuse

  @Test
  void enterPinWhenNoPinWasAskedForThrows() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.ONEWAY).bPartyPins(B_PIN).build());
    CallSession bridged = kit.call(A1, VN).session();
    CallSession rejected = kit.call(B1, VN).session();
    CallSession notInService = kit.call(A1, VN2).session();

    assertThatThrownBy(() -> bridged.enterPin("8642"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Bridge");
    assertThatThrownBy(() -> rejected.enterPin("8642"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> notInService.enterPin("8642"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(kit.events(VerificationSucceededEvent.class)).isEmpty();
    assertThat(kit.events(VerificationFailedEvent.class)).isEmpty();
  }

  @Test
  void enterPinAfterTheCallWasBridgedThrows() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());
    CallSession session = kit.call(OUTSIDER, VN).session();
    session.enterPin("8642");

    assertThatThrownBy(() -> session.enterPin("8642")).isInstanceOf(IllegalStateException.class);
    assertThat(kit.events(VerificationSucceededEvent.class)).hasSize(1);
  }

  @Test
  void completingTwiceThrows() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).build());
    CallSession session = kit.call(A1, VN).session();
    session.complete(CallOutcome.unanswered(DialCallStatus.BUSY, Duration.ofSeconds(3)));

    assertThatThrownBy(
            () ->
                session.complete(
                    CallOutcome.unanswered(DialCallStatus.BUSY, Duration.ofSeconds(3))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(kit.events(CallEvent.class)).hasSize(1);
  }

  @Test
  void completingARejectedCallTwiceAlsoThrows() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    CallSession session = kit.call(A1, VN).session();
    session.complete(CallOutcome.notDialled(Disconnector.CALLER));

    assertThatThrownBy(() -> session.complete(CallOutcome.notDialled(Disconnector.CALLER)))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---------------------------------------------------------------- call events

  @Test
  void answeredCallReportsACompletedCallEventToTheAnsweringNumber() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order =
        kit.allocate(order("order-1", Usage.TWOWAY).bPartyNumbers(B1, B2).build());
    CallSession session = kit.call("09876543210", VN).session();
    kit.clock().advance(Duration.ofSeconds(45));

    Optional<CallEvent> reported =
        session.complete(
            CallOutcome.answered(
                    PhoneNumber.of(B2), Duration.ofSeconds(5), Duration.ofSeconds(40),
                    Disconnector.CALLEE)
                .withRecordingUrl("https://rec.example/test-call-1.mp3"));

    assertThat(reported).isPresent();
    CallEvent event = reported.get();
    assertThat(event.tenantSid()).isEqualTo(SID);
    assertThat(event.callSid()).isEqualTo("test-call-1");
    assertThat(event.connectionId()).isEqualTo("order-1");
    assertThat(event.greenvnId()).isEqualTo(order.greenvnId());
    assertThat(event.greenvn()).isEqualTo(PhoneNumber.of(VN));
    assertThat(event.from()).contains(PhoneNumber.of(A1));
    assertThat(event.to()).contains(PhoneNumber.of(B2));
    assertThat(event.startTime()).isEqualTo(GreenVnTestKit.START);
    assertThat(event.occurredAt()).isEqualTo(GreenVnTestKit.START.plusSeconds(45));
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.COMPLETED);
    assertThat(event.callType()).isEqualTo(CallType.COMPLETED);
    assertThat(event.dialCallDuration()).isEqualTo(Duration.ofSeconds(45));
    assertThat(event.onCallDuration()).isEqualTo(Duration.ofSeconds(40));
    assertThat(event.recordingUrl()).contains("https://rec.example/test-call-1.mp3");
    assertThat(event.insights())
        .contains(
            new CallInsights(
                Disconnector.CALLEE, DialCallStatus.COMPLETED, "CALL_COMPLETED",
                Duration.ofSeconds(5)));
    assertThat(kit.events(CallEvent.class)).containsExactly(event);
  }

  static Stream<Arguments> unansweredOutcomes() {
    return Stream.of(
        Arguments.of(DialCallStatus.BUSY, CallType.CALL_ATTEMPT, "BUSY", Disconnector.UNKNOWN),
        Arguments.of(
            DialCallStatus.NO_ANSWER, CallType.CALL_ATTEMPT, "NO_ANSWER", Disconnector.UNKNOWN),
        Arguments.of(DialCallStatus.FAILED, CallType.CALL_ATTEMPT, "FAILED", Disconnector.UNKNOWN),
        Arguments.of(
            DialCallStatus.CANCELED, CallType.CLIENT_HANGUP, "CALLER_HANGUP",
            Disconnector.CALLER));
  }

  @ParameterizedTest
  @MethodSource("unansweredOutcomes")
  void unansweredCallIsReportedWithItsMappedStatusAndCallType(
      DialCallStatus status, CallType callType, String detailed, Disconnector by) {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyNumbers(B1, B2).build());
    CallSession session = kit.call(A1, VN).session();

    CallEvent event =
        session.complete(CallOutcome.unanswered(status, Duration.ofSeconds(12))).orElseThrow();

    assertThat(event.dialCallStatus()).isEqualTo(status);
    assertThat(event.callType()).isEqualTo(callType);
    assertThat(event.dialCallDuration()).isEqualTo(Duration.ofSeconds(12));
    assertThat(event.onCallDuration()).isEqualTo(Duration.ZERO);
    assertThat(event.to()).contains(PhoneNumber.of(B1));
    assertThat(event.from()).contains(PhoneNumber.of(A1));
    assertThat(event.insights())
        .contains(new CallInsights(by, status, detailed, Duration.ofSeconds(12)));
    assertThat(kit.events(CallEvent.class)).containsExactly(event);
  }

  @Test
  void onewayRejectIsReportedAsACallAttemptWithNobodyCalled() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    Allocation order = kit.allocate(order("order-1", Usage.ONEWAY).build());
    CallSession session = kit.call(B1, VN).session();

    Optional<CallEvent> reported = session.complete(CallOutcome.notDialled(Disconnector.CALLER));

    assertThat(reported).isPresent();
    CallEvent event = reported.get();
    assertThat(event.greenvnId()).isEqualTo(order.greenvnId());
    assertThat(event.from()).contains(PhoneNumber.of(B1));
    assertThat(event.to()).isEmpty();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
    assertThat(event.callType()).isEqualTo(CallType.CALL_ATTEMPT);
    assertThat(event.dialCallDuration()).isZero();
    assertThat(event.onCallDuration()).isZero();
    assertThat(kit.events(CallEvent.class)).containsExactly(event);
  }

  @Test
  void bridgedCallerWhoHangsUpBeforeTheDialIsReportedWithNobodyCalled() {
    // CallEvent#to is "empty when nobody was dialled"; up to e984af7 it named the first target.
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyNumbers(B1, B2).build());
    CallSession session = kit.call(A1, VN).session();

    CallEvent event = session.complete(CallOutcome.notDialled(Disconnector.CALLER)).orElseThrow();

    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
    assertThat(event.dialCallDuration()).isZero();
    assertThat(event.onCallDuration()).isZero();
    assertThat(event.to()).as("nobody was dialled, so no 'to'").isEmpty();
  }

  @Test
  void callOutcomeRefusesContradictoryValues() {
    PhoneNumber b1 = PhoneNumber.of(B1);

    assertThatThrownBy(() -> CallOutcome.unanswered(DialCallStatus.COMPLETED, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CallOutcome.answered(
                    b1, Duration.ofSeconds(-1), Duration.ZERO, Disconnector.CALLER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new CallOutcome(
                    DialCallStatus.COMPLETED, false, Optional.of(b1), Duration.ZERO,
                    Duration.ZERO, Disconnector.CALLER, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CallOutcome.notDialled(Disconnector.CALLER).dialled()).isFalse();
    assertThat(CallOutcome.unanswered(DialCallStatus.CANCELED, Duration.ZERO).disconnectedBy())
        .isEqualTo(Disconnector.CALLER);
  }

  @Test
  void notInServiceAndExhaustedPinCallsReportNoCallEvent() {
    GreenVnTestKit kit = kit(twoVnTenant().build());
    kit.allocate(orderOn(VN).bPartyPins(B_PIN).build());
    CallSession notInService = kit.call(A1, VN2).session();
    CallSession exhausted = kit.call(OUTSIDER, VN).session();
    exhausted.enterPin("1");
    exhausted.enterPin("2");
    exhausted.enterPin("3");

    assertThat(notInService.complete(CallOutcome.notDialled(Disconnector.CALLER))).isEmpty();
    assertThat(exhausted.complete(CallOutcome.notDialled(Disconnector.CALLER))).isEmpty();
    assertThat(kit.events(CallEvent.class)).isEmpty();
  }

  @Test
  void pinJoinedCallIsReportedFromTheJoinedCaller() {
    GreenVnTestKit kit = kit(oneVnTenant().build());
    kit.allocate(order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).build());

    CallEvent event =
        kit.call(OUTSIDER, VN).expectPinPrompt().enterPin("8642").answer(Duration.ofSeconds(9));

    assertThat(event.from()).contains(PhoneNumber.of(OUTSIDER));
    assertThat(event.to()).contains(PhoneNumber.of(A1));
    assertThat(event.callType()).isEqualTo(CallType.COMPLETED);
  }

  // ---------------------------------------------------------------- misbehaving listeners

  @Test
  void throwingListenerRegisteredAtBuildNeverBreaksRoutingOrAllocation() {
    MutableClock clock = MutableClock.startingAt(GreenVnTestKit.START);
    List<GreenVnEvent> seen = Collections.synchronizedList(new ArrayList<>());
    EventListener throwing =
        event -> {
          throw new IllegalStateException("listener down");
        };
    try (GreenVn greenVn = engine(clock).listener(throwing).listener(seen::add).build()) {
      exerciseEveryEvent(greenVn, clock, seen);
    }
  }

  @Test
  void throwingListenerAddedLaterNeverBreaksRoutingOrAllocation() {
    MutableClock clock = MutableClock.startingAt(GreenVnTestKit.START);
    List<GreenVnEvent> seen = Collections.synchronizedList(new ArrayList<>());
    try (GreenVn greenVn = engine(clock).build()) {
      greenVn.addListener(
          event -> {
            throw new AssertionError("listener bug");
          });
      greenVn.addListener(seen::add);
      greenVn.addListener(
          event -> {
            throw new RuntimeException("another broken listener");
          });

      exerciseEveryEvent(greenVn, clock, seen);
    }
  }

  @Test
  void removedListenerGetsNoMoreEvents() {
    MutableClock clock = MutableClock.startingAt(GreenVnTestKit.START);
    List<GreenVnEvent> seen = new ArrayList<>();
    EventListener listener = seen::add;
    try (GreenVn greenVn = engine(clock).build()) {
      greenVn.addListener(listener);
      greenVn.route(VN, A1);
      assertThat(greenVn.removeListener(listener)).isTrue();
      greenVn.route(VN, A1);

      assertThat(seen).hasSize(1);
      assertThat(greenVn.removeListener(listener)).isFalse();
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Allocates order-1 with a B PIN for 15 minutes, then routes, PIN-joins, completes, fails a PIN,
   * misses and expires, checking each step.
   */
  private static void exerciseEveryEvent(
      GreenVn greenVn, MutableClock clock, List<GreenVnEvent> seen) {
    AllocationRequest request =
        order("order-1", Usage.TWOWAY).bPartyPins(B_PIN).deallocationDuration("15m").build();
    Allocation order = greenVn.allocations().create(SID, request);
    assertThat(greenVn.route(VN, A1)).isInstanceOf(Bridge.class);

    CallSession joining = greenVn.startCall("call-1", VN, OUTSIDER);
    assertThat(joining.decision()).isInstanceOf(PromptPin.class);
    assertThat(joining.enterPin("1111")).isInstanceOf(PromptPin.class);
    assertThat(joining.enterPin("8642")).isInstanceOf(Bridge.class);
    assertThat(greenVn.allocations().get(SID, order.greenvnId()).bPartyNumbers())
        .contains(PhoneNumber.of(OUTSIDER));
    assertThat(
            joining.complete(
                CallOutcome.answered(
                    PhoneNumber.of(A1), Duration.ofSeconds(2), Duration.ofSeconds(20),
                    Disconnector.CALLER)))
        .isPresent();
    assertThat(greenVn.route(VN, OUTSIDER)).isInstanceOf(Bridge.class);

    CallSession missing = greenVn.startCall("call-2", VN2, A1);
    assertThat(missing.decision()).isInstanceOf(Reject.class);

    clock.advance(Duration.ofMinutes(15));
    assertThat(greenVn.expireDue()).isEqualTo(1);
    assertThat(greenVn.allocations().get(SID, order.greenvnId()).state())
        .isEqualTo(AllocationState.VAULT);

    assertThat(seen)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            VerificationFailedEvent.class.getSimpleName(),
            VerificationSucceededEvent.class.getSimpleName(),
            CallEvent.class.getSimpleName(),
            OutOfAllocationEvent.class.getSimpleName(),
            DeallocationEvent.class.getSimpleName());
  }

  /** Asserts the kit recorded exactly one event, an out-of-allocation report, and returns it. */
  private static OutOfAllocationEvent onlyEventIsOutOfAllocation(GreenVnTestKit kit) {
    assertThat(kit.events()).singleElement().isInstanceOf(OutOfAllocationEvent.class);
    return (OutOfAllocationEvent) kit.events().get(0);
  }

  private static void failPins(GreenVnTestKit kit, String callerId, String vn, int count) {
    int left = count;
    while (left > 0) {
      SimulatedCall call = kit.call(callerId, vn).expectPinPrompt();
      while (left > 0 && call.decision() instanceof PromptPin) {
        call.session().enterPin("1111");
        left--;
      }
    }
  }

  private GreenVnTestKit kit(Tenant tenant) {
    GreenVnTestKit kit = GreenVnTestKit.forTenant(tenant);
    kits.add(kit);
    return kit;
  }

  /** An engine over {@code store} whose tenant has only {@code flow}. */
  private static GreenVn sharing(InMemoryAllocationStore store, Flow flow) {
    return GreenVn.builder()
        .store(store)
        .tenant(oneVnTenant().flow(flow).build())
        .expirySweep(Duration.ZERO)
        .build();
  }

  private static Tenant.Builder oneVnTenant() {
    return Tenant.builder(SID).number(AP_L);
  }

  private static Tenant.Builder twoVnTenant() {
    return oneVnTenant().number(KA_L);
  }

  /** An engine over {@link #oneVnTenant()} without a sweep, not yet built: add listeners first. */
  private static GreenVn.Builder engine(MutableClock clock) {
    return GreenVn.builder().clock(clock).tenant(oneVnTenant().build()).expirySweep(Duration.ZERO);
  }

  private static Preferences on(String vn) {
    return Preferences.builder().greenvn(vn).build();
  }

  /** A twoway order-1 held strictly on this VN. */
  private static AllocationRequest.Builder orderOn(String vn) {
    return order("order-1", Usage.TWOWAY).strict(true).preferences(on(vn));
  }

  private static AllocationRequest.Builder order(String connectionId, Usage usage) {
    return AllocationRequest.builder()
        .connectionId(connectionId)
        .aPartyNumbers(A1)
        .bPartyNumbers(B1)
        .usage(usage);
  }

  /** A twoway order-2 between {@link #A_ORDER_2} and {@link #B_ORDER_2}, opened by PIN 9753. */
  private static AllocationRequest.Builder order2() {
    return twoway("order-2", A_ORDER_2, B_ORDER_2).bPartyPins(9753);
  }
}
