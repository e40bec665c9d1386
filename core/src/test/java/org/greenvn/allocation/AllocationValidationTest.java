package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.A2;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.B2;
import static org.greenvn.TestNumbers.B3;
import static org.greenvn.TestNumbers.B4;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.allocation.Refusals.assertRefused;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.greenvn.GreenVn;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.RejectReason;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.greenvn.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of {@link AllocationService}: the spec's code and HTTP status (Appendix 1), and
 * that a refused operation leaves no trace.
 */
class AllocationValidationTest {

  /** Sorts before {@link #KA_LANDLINE}, so with equal loads it is chosen first. */
  private static final String AP_LANDLINE = AP_L.number().e164();
  private static final String KA_LANDLINE = KA_L.number().e164();

  private static final int MAX_PARTY = 3;

  private GreenVnTestKit kit;

  @BeforeEach
  void startEngine() {
    kit =
        GreenVnTestKit.forTenant(
            Tenant.builder(SID)
                .number(AP_L)
                .number(KA_L)
                .flow(Flow.withDefaults("default"))
                .flow(Flow.withDefaults("premium"))
                .maxPartySize(MAX_PARTY)
                .build());
  }

  @AfterEach
  void stopEngine() {
    kit.close();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** A request that is accepted: connection {@code order-1}, A1 to B1, twoway. */
  private static AllocationRequest.Builder valid() {
    return twoway("order-1", A1, B1);
  }

  private AllocationService service() {
    return kit.greenVn().allocations();
  }

  private List<VnLoad> loads() {
    return service().utilisation(SID);
  }

  /**
   * Asserts the create is refused with this code and status, and that nothing changed: the loads
   * and the events are as before, and the valid request (same connection id, same parties) is
   * still accepted on the number it would have had anyway.
   */
  private void assertCreateRefusedCleanly(AllocationRequest request, int code, int httpStatus) {
    List<VnLoad> before = loads();
    int eventsBefore = kit.events().size();
    assertRefused(() -> kit.allocate(request), code, httpStatus);
    assertThat(loads()).as("loads after a refusal").isEqualTo(before);
    assertThat(kit.events()).hasSize(eventsBefore);
    assertThat(before).allSatisfy(l -> assertThat(l.activeAllocations()).isZero());
    Allocation followUp = kit.allocate(valid().build());
    assertThat(followUp.greenvn().e164()).isEqualTo(AP_LANDLINE);
    assertThat(followUp.isActive()).isTrue();
  }

  private static PhoneNumber pn(String e164) {
    return PhoneNumber.of(e164);
  }

  private static int loadOf(List<VnLoad> loads, String vn) {
    return loads.stream()
        .filter(l -> l.number().number().e164().equals(vn))
        .findFirst()
        .orElseThrow()
        .activeAllocations();
  }

  // ---------------------------------------------------------------------------------------------
  // 3: mandatory parameters

  @Nested
  class MissingMandatoryParameters {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void missingOrBlankConnectionIdIsCode3(String connectionId) {
      assertCreateRefusedCleanly(valid().connectionId(connectionId).build(), 3, 400);
    }

    /** Null is an absent list; an empty one counts as missing too, on either side. */
    @ParameterizedTest
    @NullAndEmptySource
    void absentOrEmptyApartyNumbersIsCode3(List<String> numbers) {
      assertCreateRefusedCleanly(valid().aPartyNumbers(numbers).build(), 3, 400);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void absentOrEmptyBpartyNumbersIsCode3(List<String> numbers) {
      assertCreateRefusedCleanly(valid().bPartyNumbers(numbers).build(), 3, 400);
    }

    @Test
    void absentUsageIsCode3() {
      assertCreateRefusedCleanly(valid().usage((String) null).build(), 3, 400);
    }

    @Test
    void aMissingParameterIsReportedBeforeBadValues() {
      AllocationRequest request =
          valid().usage((String) null).aPartyNumbers("not-a-number").deallocationDuration("5x")
              .build();
      assertCreateRefusedCleanly(request, 3, 400);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 5: bad values

  @Nested
  class BadParameters {

    @ParameterizedTest
    @ValueSource(strings = {"both", "one-way", "sideways", "1"})
    void unknownUsageIsCode5(String usage) {
      assertCreateRefusedCleanly(valid().usage(usage).build(), 5, 400);
    }

    @Test
    void emptyUsageIsRefusedAsMissingOrBad() {
      List<VnLoad> before = loads();
      assertThatThrownBy(() -> kit.allocate(valid().usage("").build()))
          .isInstanceOfSatisfying(
              GreenVnException.class,
              e -> assertThat(e.code().code()).isIn(3, 5));
      assertThat(loads()).isEqualTo(before);
    }

    @Test
    void usageIsReadCaseInsensitively() {
      assertThat(kit.allocate(valid().usage("OneWay").build()).usage()).isEqualTo(Usage.ONEWAY);
    }

    @Test
    void connectionIdOf257CharactersIsCode5() {
      assertCreateRefusedCleanly(valid().connectionId("c".repeat(257)).build(), 5, 400);
    }

    @Test
    void connectionIdOf256CharactersIsAccepted() {
      String id = "c".repeat(256);
      assertThat(kit.allocate(valid().connectionId(id).build()).connectionId()).isEqualTo(id);
    }

    @Test
    void moreApartyNumbersThanTheTenantAllowsIsCode5() {
      assertCreateRefusedCleanly(valid().aPartyNumbers(A1, A2, B2, B3).build(), 5, 400);
    }

    @Test
    void moreBpartyNumbersThanTheTenantAllowsIsCode5() {
      assertCreateRefusedCleanly(valid().bPartyNumbers(B1, B2, B3, B4).build(), 5, 400);
    }

    @Test
    void moreApartyPinsThanTheTenantAllowsIsCode5() {
      assertCreateRefusedCleanly(valid().aPartyPins(11, 12, 13, 14).build(), 5, 400);
    }

    @Test
    void moreBpartyPinsThanTheTenantAllowsIsCode5() {
      assertCreateRefusedCleanly(valid().bPartyPins(21, 22, 23, 24).build(), 5, 400);
    }

    @Test
    void exactlyTheTenantsMaximumIsAccepted() {
      Allocation a =
          kit.allocate(
              valid()
                  .aPartyNumbers(A1, A2, B4)
                  .bPartyNumbers(B1, B2, B3)
                  .aPartyPins(11, 12, 13)
                  .bPartyPins(21, 22, 23)
                  .build());
      assertThat(a.aPartyNumbers()).hasSize(MAX_PARTY);
      assertThat(a.bPartyPins()).hasSize(MAX_PARTY);
    }

    @Test
    void nullPinIsCode5() {
      assertCreateRefusedCleanly(
          valid().aPartyPins(Arrays.asList(1234L, null)).build(), 5, 400);
      assertRefused(
          () ->
              kit.allocate(
                  valid()
                      .connectionId("order-2")
                      .bPartyPins(Collections.singletonList((Long) null))
                      .build()),
          5,
          400);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -4321, 1_000_000_000L, 12_345_678_901L, Long.MAX_VALUE})
    void nonPositiveOrTooLongPinIsCode5AndTheMessageHidesIt(long pin) {
      AllocationRequest request = valid().bPartyPins(pin).build();
      assertThatThrownBy(() -> kit.allocate(request))
          .isInstanceOf(GreenVnException.class)
          .extracting(Throwable::getMessage)
          .asString()
          .doesNotContain(Long.toString(Math.abs(pin)));
      assertCreateRefusedCleanly(request, 5, 400);
    }

    @Test
    void pinsUpToTheFlowsDigitsAreAccepted() {
      Allocation a = kit.allocate(valid().aPartyPins(1).bPartyPins(999_999L).build());
      assertThat(a.aPartyPins()).containsExactly(Pin.of(1));
      assertThat(a.bPartyPins()).containsExactly(Pin.of(999_999L));
    }

    @Test
    void aPinLongerThanTheFlowLetsACallerKeyIsCode5AndNineDigitsNeedAFlowThatTakesThem() {
      assertCreateRefusedCleanly(valid().bPartyPins(1_234_567L).build(), 5, 400);

      Tenant nineDigits =
          Tenant.builder("nine")
              .flow(Flow.withDefaults("default").withPinMaxDigits(9))
              .number(AP_L)
              .build();
      try (GreenVnTestKit nine = GreenVnTestKit.forTenant(nineDigits)) {
        Allocation a = nine.allocate(valid().bPartyPins(999_999_999L).build());
        assertThat(a.bPartyPins()).containsExactly(Pin.of(999_999_999L));
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0s", "-5s", "5x", "1.5h", "9999999999d", "s", "ten"})
    void badDeallocationDurationIsCode5(String duration) {
      assertCreateRefusedCleanly(valid().deallocationDuration(duration).build(), 5, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed", "", "mobiles", "voip"})
    void unknownPreferenceTypeIsCode5(String type) {
      assertCreateRefusedCleanly(
          valid().preferences(Preferences.builder().type(type).build()).build(), 5, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "56004", "5600411", "056004", "990001"})
    void malformedOrUnknownPinCodeIsCode5(String pinCode) {
      assertCreateRefusedCleanly(
          valid().preferences(Preferences.builder().pinCode(pinCode).build()).build(), 5, 400);
    }

    @Test
    void pinCodeOfAnUnlistedPostalCircleIsCode5() {
      // No Indian postal circle starts with 35 (the table lists none).
      assertCreateRefusedCleanly(
          valid().preferences(Preferences.builder().pinCode("350001").build()).build(), 5, 400);
    }

    @Test
    void nullNumberInAListIsCode5() {
      assertCreateRefusedCleanly(
          valid().bPartyNumbers(Arrays.asList(B1, null)).build(), 5, 400);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 16: invalid numbers

  @Nested
  class InvalidNumbers {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "919876543210", // no '+'
          "09876543210", // national form
          "+91987654321", // too short for India
          "+9198765432100", // too long
          "+15551234567", // not a valid number
          "+91 98765 43210", // spaces inside
          "abc",
          ""
        })
    void invalidApartyNumberIsCode16(String number) {
      assertCreateRefusedCleanly(valid().aPartyNumbers(A2, number).build(), 16, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"919800000001", "+9180", "+91-98000-00001"})
    void invalidBpartyNumberIsCode16(String number) {
      assertCreateRefusedCleanly(valid().bPartyNumbers(number).build(), 16, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"914048212136", "+91404821213", "greenvn", ""})
    void invalidPreferredGreenvnIsCode16(String greenvn) {
      assertCreateRefusedCleanly(
          valid().preferences(Preferences.builder().greenvn(greenvn).build()).build(), 16, 400);
    }

    @Test
    void numbersAreStoredInCanonicalForm() {
      Allocation a = kit.allocate(valid().aPartyNumbers(" " + A1 + " ").build());
      assertThat(a.aPartyNumbers()).containsExactly(pn(A1));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 13, 14: repeats

  @Nested
  class Repeats {

    @Test
    void numberRepeatedInTheApartyIsCode13() {
      assertCreateRefusedCleanly(valid().aPartyNumbers(A1, A2, A1).build(), 13, 409);
    }

    @Test
    void numberRepeatedInTheBpartyIsCode13() {
      assertCreateRefusedCleanly(valid().bPartyNumbers(B1, B1).build(), 13, 409);
    }

    @Test
    void numberRepeatedInAnotherSpellingIsStillARepeat() {
      assertCreateRefusedCleanly(valid().bPartyNumbers(B1, B1 + " ").build(), 13, 409);
    }

    @Test
    void pinRepeatedInTheApartyPinsIsCode13() {
      assertCreateRefusedCleanly(valid().aPartyPins(1234, 5678, 1234).build(), 13, 409);
    }

    @Test
    void pinRepeatedInTheBpartyPinsIsCode13() {
      assertCreateRefusedCleanly(valid().bPartyPins(4321, 4321).build(), 13, 409);
    }

    @Test
    void sameNumberOnBothSidesIsCode14() {
      assertCreateRefusedCleanly(valid().aPartyNumbers(A1, B1).build(), 14, 409);
    }

    @Test
    void sameNumberOnBothSidesInAnotherSpellingIsCode14() {
      assertCreateRefusedCleanly(valid().bPartyNumbers(" " + A1).build(), 14, 409);
    }

    @Test
    void samePinOnBothSidesIsCode14AndTheMessageHidesIt() {
      AllocationRequest request = valid().aPartyPins(1111, 7654).bPartyPins(7654).build();
      assertThatThrownBy(() -> kit.allocate(request))
          .extracting(Throwable::getMessage)
          .asString()
          .doesNotContain("7654");
      assertCreateRefusedCleanly(request, 14, 409);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 15, 50

  @ParameterizedTest
  @ValueSource(strings = {"UP", "XX", "Karnataka", "IN", ""})
  void unsupportedRegionIsCode15(String region) {
    assertCreateRefusedCleanly(
        valid().preferences(Preferences.builder().region(region).build()).build(), 15, 403);
  }

  @Test
  void supportedRegionIsReadCaseInsensitively() {
    Allocation a =
        kit.allocate(
            valid().strict(true).preferences(Preferences.builder().region("ka").build()).build());
    assertThat(a.greenvn().e164()).isEqualTo(KA_LANDLINE);
  }

  @Test
  void unknownFlowIdIsCode50() {
    assertCreateRefusedCleanly(valid().flowId("no-such-flow").build(), 50, 422);
  }

  @Test
  void knownFlowIdIsKeptAndBlankFlowIdMeansNone() {
    assertThat(kit.allocate(valid().flowId("premium").build()).flowId()).contains("premium");
    assertThat(kit.allocate(valid().connectionId("order-2").aPartyNumbers(A2).flowId(" ").build())
            .flowId())
        .isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // 18: duplicate connection id

  @Test
  void activeConnectionIdIsCode18AndTheExistingAllocationIsUntouched() {
    Allocation first = kit.allocate(valid().build());
    List<VnLoad> before = loads();

    assertRefused(
        () -> kit.allocate(valid().aPartyNumbers(A2).bPartyNumbers(B2).build()), 18, 409);

    assertThat(loads()).isEqualTo(before);
    assertThat(kit.allocation(first.greenvnId())).isEqualTo(first);
    // The refused request's parties were not taken: they still get the least-loaded number.
    Allocation other =
        kit.allocate(valid().connectionId("order-2").aPartyNumbers(A2).bPartyNumbers(B2).build());
    assertThat(other.greenvn().e164()).isEqualTo(KA_LANDLINE);
  }

  @Test
  void connectionIdIsFreeAgainAfterDelete() {
    Allocation first = kit.allocate(valid().build());
    service().delete(SID, first.greenvnId());

    Allocation second = kit.allocate(valid().build());

    assertThat(second.greenvnId()).isNotEqualTo(first.greenvnId());
    assertThat(second.connectionId()).isEqualTo(first.connectionId());
    assertThat(second.isActive()).isTrue();
    assertThat(kit.allocation(first.greenvnId()).state()).isEqualTo(AllocationState.VAULT);
    assertRefused(() -> kit.allocate(valid().aPartyNumbers(A2).build()), 18, 409);
  }

  @Test
  void connectionIdsAreScopedToTheirTenant() {
    MutableClock clock = MutableClock.startingAt(GreenVnTestKit.START);
    try (GreenVn engine =
        GreenVn.builder()
            .clock(clock)
            .expirySweep(Duration.ZERO)
            .tenant(Tenant.builder("t1").number(AP_L).build())
            .tenant(Tenant.builder("t2").number(KA_L).build())
            .build()) {
      Allocation inT1 = engine.allocations().create("t1", valid().build());
      Allocation inT2 = engine.allocations().create("t2", valid().build());

      assertThat(inT1.greenvn().e164()).isEqualTo(AP_LANDLINE);
      assertThat(inT2.greenvn().e164()).isEqualTo(KA_LANDLINE);
      assertRefused(() -> engine.allocations().get("t2", inT1.greenvnId()), 1, 404);
      assertRefused(() -> engine.allocations().delete("t2", inT1.greenvnId()), 1, 404);
      assertThat(engine.allocations().get("t1", inT1.greenvnId()).isActive()).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 19: strict number where a party or PIN is held

  @Test
  void strictGreenvnWhereAPartyNumberIsHeldIsCode19() {
    Allocation first = kit.allocate(valid().build());
    assertThat(first.greenvn().e164()).isEqualTo(AP_LANDLINE);
    List<VnLoad> before = loads();

    AllocationRequest request =
        valid()
            .connectionId("order-2")
            .aPartyNumbers(A2)
            .bPartyNumbers(B1) // held on AP_LANDLINE by order-1
            .strict(true)
            .preferences(Preferences.builder().greenvn(AP_LANDLINE).build())
            .build();
    assertRefused(() -> kit.allocate(request), 19, 409);

    assertThat(loads()).isEqualTo(before);
    assertThat(kit.allocation(first.greenvnId())).isEqualTo(first);
    kit.call(B1, AP_LANDLINE).expectBridgeTo(A1);
    // order-2 is free, and A2 is not held anywhere: strictly asking another number works.
    Allocation second =
        kit.allocate(
            valid()
                .connectionId("order-2")
                .aPartyNumbers(A2)
                .bPartyNumbers(B2)
                .strict(true)
                .preferences(Preferences.builder().greenvn(AP_LANDLINE).build())
                .build());
    assertThat(second.greenvn().e164()).isEqualTo(AP_LANDLINE);
  }

  @Test
  void strictGreenvnWhereAPinIsHeldIsCode19() {
    Allocation first = kit.allocate(valid().bPartyPins(4321).build());
    List<VnLoad> before = loads();

    AllocationRequest request =
        valid()
            .connectionId("order-2")
            .aPartyNumbers(A2)
            .bPartyNumbers(B2)
            .aPartyPins(4321)
            .strict(true)
            .preferences(Preferences.builder().greenvn(first.greenvn().e164()).build())
            .build();
    assertThatThrownBy(() -> kit.allocate(request))
        .extracting(Throwable::getMessage)
        .asString()
        .doesNotContain("4321");
    assertRefused(() -> kit.allocate(request), 19, 409);

    assertThat(loads()).isEqualTo(before);
    assertThat(kit.allocation(first.greenvnId())).isEqualTo(first);
  }

  // ---------------------------------------------------------------------------------------------
  // 4: no number can be given

  @Test
  void strictRegionWithNoNumberInItIsCode4With452() {
    assertCreateRefusedCleanly(
        valid().strict(true).preferences(Preferences.builder().region("DL").build()).build(),
        4,
        452);
  }

  @Test
  void strictTypeWithNoNumberOfItIsCode4With452() {
    assertCreateRefusedCleanly(
        valid().strict(true).preferences(Preferences.builder().type("mobile").build()).build(),
        4,
        452);
  }

  @Test
  void strictGreenvnOutsideTheInventoryIsCode4() {
    assertCreateRefusedCleanly(
        valid()
            .strict(true)
            .preferences(Preferences.builder().greenvn("+918041234568").build())
            .build(),
        4,
        452);
  }

  @Test
  void strictGreenvnWithAContradictingRegionIsCode4() {
    assertCreateRefusedCleanly(
        valid()
            .strict(true)
            .preferences(Preferences.builder().greenvn(AP_LANDLINE).region("KA").build())
            .build(),
        4,
        452);
  }

  @Test
  void exhaustedExclusivePoolIsCode4With452AndChangesNothing() {
    kit.close();
    kit =
        GreenVnTestKit.forTenant(
            Tenant.builder(SID).number(AP_L).number(KA_L).exclusiveNumbers(true).build());
    Allocation first = kit.allocate(valid().build());
    Allocation second =
        kit.allocate(valid().connectionId("order-2").aPartyNumbers(A2).bPartyNumbers(B2).build());
    List<VnLoad> before = loads();

    assertRefused(
        () ->
            kit.allocate(
                valid().connectionId("order-3").aPartyNumbers(B3).bPartyNumbers(B4).build()),
        4,
        452);

    assertThat(loads()).isEqualTo(before);
    assertThat(kit.allocation(first.greenvnId())).isEqualTo(first);
    assertThat(kit.allocation(second.greenvnId())).isEqualTo(second);
    service().delete(SID, second.greenvnId());
    Allocation third =
        kit.allocate(valid().connectionId("order-3").aPartyNumbers(B3).bPartyNumbers(B4).build());
    assertThat(third.greenvn()).isEqualTo(second.greenvn());
  }

  @Test
  void partyHeldOnEveryNumberIsCode4With452() {
    Allocation onAp = kit.allocate(valid().build());
    Allocation onKa =
        kit.allocate(valid().connectionId("order-2").bPartyNumbers(B2).build()); // A1 again
    assertThat(List.of(onAp.greenvn().e164(), onKa.greenvn().e164()))
        .containsExactly(AP_LANDLINE, KA_LANDLINE);
    List<VnLoad> before = loads();

    assertRefused(
        () -> kit.allocate(valid().connectionId("order-3").bPartyNumbers(B3).build()), 4, 452);
    assertRefused(
        () ->
            kit.allocate(
                valid()
                    .connectionId("order-3")
                    .aPartyNumbers(B3)
                    .bPartyNumbers(A1) // held on both numbers, even on the other side
                    .build()),
        4,
        452);

    assertThat(loads()).isEqualTo(before);
    assertThat(loadOf(before, AP_LANDLINE)).isEqualTo(1);
    assertThat(loadOf(before, KA_LANDLINE)).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // 1: not found

  @Test
  void unknownGreenvnIdIsCode1ForEveryOperation() {
    Allocation a = kit.allocate(valid().build());
    List<VnLoad> before = loads();
    CallPartyUpdate update = CallPartyUpdate.builder().aPartyNumbers(A2).build();

    assertRefused(() -> service().get(SID, "no-such-id"), 1, 404);
    assertRefused(() -> service().delete(SID, "no-such-id"), 1, 404);
    assertRefused(() -> service().updateCallParty(SID, "no-such-id", update), 1, 404);
    assertRefused(() -> service().updateVn(SID, "no-such-id", VnUpdate.anyNumber()), 1, 404);

    assertThat(loads()).isEqualTo(before);
    assertThat(kit.allocation(a.greenvnId())).isEqualTo(a);
  }

  @Test
  void unknownTenantIsCode1ForEveryOperation() {
    Allocation a = kit.allocate(valid().build());
    List<VnLoad> before = loads();
    CallPartyUpdate update = CallPartyUpdate.builder().aPartyNumbers(A2).build();

    assertRefused(() -> service().create("globex", valid().connectionId("g").build()), 1, 404);
    assertRefused(() -> service().create(null, valid().connectionId("g").build()), 1, 404);
    assertRefused(() -> service().get("globex", a.greenvnId()), 1, 404);
    assertRefused(() -> service().delete("globex", a.greenvnId()), 1, 404);
    assertRefused(() -> service().updateCallParty("globex", a.greenvnId(), update), 1, 404);
    assertRefused(
        () -> service().updateVn("globex", a.greenvnId(), VnUpdate.anyNumber()), 1, 404);
    assertRefused(() -> service().utilisation("globex"), 1, 404);

    assertThat(loads()).isEqualTo(before);
    assertThat(kit.allocation(a.greenvnId())).isEqualTo(a);
  }

  @Test
  void unknownTenantIsReportedBeforeABadRequest() {
    assertRefused(
        () -> service().create("globex", AllocationRequest.builder().build()), 1, 404);
  }

  // ---------------------------------------------------------------------------------------------
  // 22: already deleted

  @Test
  void deletingTwiceIsCode22AndTheVaultedAllocationStaysAsItWas() {
    Allocation a = kit.allocate(valid().build());
    Allocation vaulted = service().delete(SID, a.greenvnId());
    assertThat(vaulted.state()).isEqualTo(AllocationState.VAULT);
    List<VnLoad> before = loads();

    assertRefused(() -> service().delete(SID, a.greenvnId()), 22, 410);

    assertThat(kit.allocation(a.greenvnId())).isEqualTo(vaulted);
    assertThat(loads()).isEqualTo(before);
  }

  @Test
  void updatingADeletedAllocationIsCode22() {
    Allocation a = kit.allocate(valid().build());
    Allocation vaulted = service().delete(SID, a.greenvnId());
    List<VnLoad> before = loads();

    assertRefused(
        () ->
            service()
                .updateCallParty(
                    SID, a.greenvnId(), CallPartyUpdate.builder().aPartyNumbers(A2).build()),
        22,
        410);
    assertRefused(() -> service().updateVn(SID, a.greenvnId(), VnUpdate.anyNumber()), 22, 410);

    assertThat(kit.allocation(a.greenvnId())).isEqualTo(vaulted);
    assertThat(loads()).isEqualTo(before);
    kit.call(A1, a.greenvn().e164())
        .expectRejected(RejectReason.NOT_IN_SERVICE);
  }

  @Test
  void aRefusedRequestNeverHoldsItsPartiesOnAnyNumber() {
    // Each refusal below fails after the parties were read; none may leave them held.
    List<AllocationRequest> refused = new ArrayList<>();
    refused.add(valid().flowId("nope").build());
    refused.add(valid().strict(true).preferences(Preferences.builder().region("MU").build())
        .build());
    refused.add(valid().bPartyNumbers(B1, B2, B1).build());
    for (AllocationRequest request : refused) {
      assertThatThrownBy(() -> kit.allocate(request)).isInstanceOf(GreenVnException.class);
    }
    // Had any of them held A1 or B1 somewhere, this strict request would be refused with 19.
    Allocation onKa =
        kit.allocate(valid().strict(true)
            .preferences(Preferences.builder().greenvn(KA_LANDLINE).build()).build());
    assertThat(onKa.greenvn().e164()).isEqualTo(KA_LANDLINE);
    assertThat(loadOf(loads(), AP_LANDLINE)).isZero();
  }

  @Test
  void errorCodesAndStatusesAreThoseOfAppendix1() {
    int[][] appendix = {
      {0, 500}, {1, 404}, {2, 400}, {3, 400}, {4, 452}, {5, 400}, {7, 401}, {8, 403}, {9, 400},
      {13, 409}, {14, 409}, {15, 403}, {16, 400}, {17, 413}, {18, 409}, {19, 409}, {20, 404},
      {22, 410}, {23, 400}, {50, 422}
    };
    assertThat(ErrorCode.values()).hasSize(appendix.length);
    for (int[] row : appendix) {
      assertThat(ErrorCode.ofCode(row[0]))
          .as("code %d", row[0])
          .hasValueSatisfying(c -> assertThat(c.httpStatus()).isEqualTo(row[1]));
    }
    assertThat(ErrorCode.ofCode(6)).isEmpty();
    assertThat(ErrorCode.ofCode(21)).isEmpty();
  }
}
