package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.greenvn.TestFixtures.checkNothingHeldTwice;
import static org.greenvn.TestFixtures.engine;
import static org.greenvn.TestFixtures.loadOf;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.DL_L;
import static org.greenvn.TestNumbers.DL_M;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.KA_M;
import static org.greenvn.TestNumbers.MU_L;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.TestNumbers.STRANGER;
import static org.greenvn.TestNumbers.WB_L;
import static org.greenvn.allocation.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.greenvn.GreenVn;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.RejectReason;
import org.greenvn.routing.RoutingDecision;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.greenvn.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a virtual number is chosen: sharing, strict and best-effort preferences, PIN codes,
 * disabled numbers, load and release order, exclusive tenants (DESIGN.md, "Selection").
 *
 * <p>The last tie-breaker is E.164 order, which for {@link org.greenvn.TestNumbers} is {@code
 * DL_L < MU_L < WB_L < AP_L < KA_L < DL_M < KA_M}.
 */
class VnSelectionTest {

  private final List<GreenVnTestKit> kits = new ArrayList<>();
  private int orders;

  @AfterEach
  void closeKits() {
    kits.forEach(GreenVnTestKit::close);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private GreenVnTestKit kit(Tenant tenant) {
    GreenVnTestKit kit = GreenVnTestKit.forTenant(tenant);
    kits.add(kit);
    return kit;
  }

  private GreenVnTestKit kit(VirtualNumber... pool) {
    return kit(Tenant.builder(SID).numbers(List.of(pool)).build());
  }

  /** A distinct valid mobile number per index: +9198000000nn. */
  private static String party(int n) {
    return String.format("+91980000%04d", n);
  }

  /** A twoway order between two fresh parties, with these preferences. */
  private AllocationRequest.Builder freshOrder() {
    orders++;
    return AllocationRequest.builder()
        .connectionId("order-" + orders)
        .aPartyNumbers(party(2 * orders))
        .bPartyNumbers(party(2 * orders + 1))
        .usage(Usage.TWOWAY);
  }

  private static Preferences.Builder prefs() {
    return Preferences.builder();
  }

  /** The number a fresh order with these preferences gets. */
  private VirtualNumber chosen(GreenVnTestKit kit, boolean strict, Preferences preferences) {
    Allocation a = kit.allocate(freshOrder().strict(strict).preferences(preferences).build());
    return kit.tenant().inventory().stream()
        .filter(v -> v.number().equals(a.greenvn()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("Allocated outside the pool: " + a.greenvn()));
  }

  private VirtualNumber chosen(GreenVnTestKit kit) {
    return chosen(kit, false, Preferences.none());
  }

  /** Asserts a fresh strict order with these preferences gets no number: code 4. */
  private void assertStrictRefusedWith4(GreenVnTestKit kit, Preferences preferences) {
    assertRefused(
        () -> kit.allocate(freshOrder().strict(true).preferences(preferences).build()), 4, 452);
  }

  private static void delete(GreenVnTestKit kit, Allocation a) {
    kit.greenVn().allocations().delete(SID, a.greenvnId());
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Sharing {

    @Test
    void allocationsWithDisjointPartiesShareTheOnlyNumber() {
      GreenVnTestKit kit = kit(AP_L);
      Allocation first =
          kit.allocate(freshOrder().aPartyNumbers(party(90)).bPartyNumbers(party(91)).build());
      Allocation second =
          kit.allocate(freshOrder().aPartyNumbers(party(92)).bPartyNumbers(party(93)).build());

      assertThat(second.greenvn()).isEqualTo(first.greenvn()).isEqualTo(AP_L.number());
      assertThat(second.greenvnId()).isNotEqualTo(first.greenvnId());
      assertThat(loadOf(kit, AP_L).activeAllocations()).isEqualTo(2);
      // (VN, caller) still names one allocation each.
      kit.call(party(90), AP_L.number().e164()).expectBridgeTo(party(91));
      kit.call(party(93), AP_L.number().e164()).expectBridgeTo(party(92));
      kit.call(party(94), AP_L.number().e164()).expectRejected(RejectReason.NOT_IN_SERVICE);
    }

    @Test
    void manyDisjointAllocationsSpreadEvenlyOverASmallPool() {
      GreenVnTestKit kit = kit(DL_L, MU_L, WB_L);
      for (int i = 0; i < 9; i++) {
        kit.allocate(freshOrder().build());
      }
      assertThat(kit.greenVn().allocations().utilisation(SID))
          .extracting(VnLoad::activeAllocations)
          .containsExactly(3, 3, 3);
    }

    @Test
    void sharedNumberOnTheSameSideGetsAnotherNumber() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      Allocation first =
          kit.allocate(freshOrder().aPartyNumbers(party(90)).bPartyNumbers(party(91)).build());
      Allocation second =
          kit.allocate(freshOrder().aPartyNumbers(party(90)).bPartyNumbers(party(92)).build());

      assertThat(first.greenvn()).isEqualTo(DL_L.number());
      assertThat(second.greenvn()).isEqualTo(MU_L.number());
      kit.call(party(90), DL_L.number().e164()).expectBridgeTo(party(91));
      kit.call(party(90), MU_L.number().e164()).expectBridgeTo(party(92));
    }

    @Test
    void numberOnTheOtherSideOfAnotherAllocationAlsoCountsAsShared() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      kit.allocate(freshOrder().aPartyNumbers(party(90)).bPartyNumbers(party(91)).build());
      Allocation second =
          kit.allocate(freshOrder().aPartyNumbers(party(91)).bPartyNumbers(party(92)).build());
      assertThat(second.greenvn()).isEqualTo(MU_L.number());
    }

    @Test
    void sharedPinGetsAnotherNumber() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      Allocation first = kit.allocate(freshOrder().aPartyPins(4321).build());
      Allocation second = kit.allocate(freshOrder().bPartyPins(4321).build());
      Allocation third = kit.allocate(freshOrder().bPartyPins(1234).build());

      assertThat(first.greenvn()).isEqualTo(DL_L.number());
      assertThat(second.greenvn()).isEqualTo(MU_L.number());
      // A different PIN shares again, on the least-loaded number: both carry one, DL_L sorts first.
      assertThat(third.greenvn()).isEqualTo(DL_L.number());
    }

    @Test
    void pinsOfAllocationsSharingANumberEachOpenTheirOwnAllocation() {
      GreenVnTestKit kit = kit(AP_L);
      Allocation first = kit.allocate(freshOrder().bPartyPins(1111).build());
      Allocation second = kit.allocate(freshOrder().bPartyPins(2222).build());
      assertThat(second.greenvn()).isEqualTo(first.greenvn());

      kit.call(STRANGER, AP_L.number().e164())
          .enterPin("2222")
          .expectBridgeTo(second.aPartyNumbers().get(0).e164());
      assertThat(kit.allocation(second.greenvnId()).bPartyNumbers())
          .contains(PhoneNumber.of(STRANGER));
      assertThat(kit.allocation(first.greenvnId())).isEqualTo(first);
    }

    @Test
    void overlappingPartiesOnASingleNumberPoolAreRefusedWith4() {
      GreenVnTestKit kit = kit(AP_L);
      kit.allocate(freshOrder().aPartyNumbers(party(90)).build());
      assertRefused(() -> kit.allocate(freshOrder().bPartyNumbers(party(90)).build()), 4, 452);
      assertThat(loadOf(kit, AP_L).activeAllocations()).isEqualTo(1);
    }

    @Test
    void partiesMayReturnToTheNumberOnceTheirAllocationIsDeleted() {
      GreenVnTestKit kit = kit(AP_L);
      Allocation first = kit.allocate(freshOrder().aPartyNumbers(party(90)).build());
      delete(kit, first);

      Allocation second = kit.allocate(freshOrder().aPartyNumbers(party(90)).build());

      assertThat(second.greenvn()).isEqualTo(AP_L.number());
      kit.call(party(90), AP_L.number().e164())
          .expectBridgeTo(second.bPartyNumbers().get(0).e164());
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Preferred {

    @Test
    void requestedNumberIsGivenEvenWhenItCarriesMore() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      assertThat(chosen(kit)).isEqualTo(DL_L);
      Preferences wantDl = prefs().greenvn(DL_L.number().e164()).build();

      assertThat(chosen(kit, true, wantDl)).isEqualTo(DL_L);
      assertThat(chosen(kit, false, wantDl)).isEqualTo(DL_L);
      assertThat(loadOf(kit, DL_L).activeAllocations()).isEqualTo(3);
      assertThat(loadOf(kit, MU_L).activeAllocations()).isZero();
    }

    @Test
    void notStrictRequestedNumberOutsideThePoolFallsBackToTheLeastLoaded() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      chosen(kit);
      assertThat(chosen(kit, false, prefs().greenvn(KA_L.number().e164()).build()))
          .isEqualTo(MU_L);
    }

    @Test
    void notStrictRequestedNumberHoldingAPartyFallsBackToAnother() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      kit.allocate(freshOrder().aPartyNumbers(party(90)).build());
      Allocation second =
          kit.allocate(
              freshOrder()
                  .aPartyNumbers(party(90))
                  .preferences(prefs().greenvn(DL_L.number().e164()).build())
                  .build());
      assertThat(second.greenvn()).isEqualTo(MU_L.number());
    }

    @Test
    void strictRegionIsHonouredOverLoadAndOrder() {
      GreenVnTestKit kit = kit(DL_L, KA_L);
      Preferences ka = prefs().region("KA").build();
      assertThat(chosen(kit, true, ka)).isEqualTo(KA_L);
      assertThat(chosen(kit, true, ka)).isEqualTo(KA_L);
      assertThat(chosen(kit, false, ka)).isEqualTo(KA_L);
    }

    @Test
    void regionWithoutANumberIsRefusedWhenStrictAndIgnoredOtherwise() {
      GreenVnTestKit kit = kit(DL_L, KA_L);
      Preferences mu = prefs().region("MU").build();
      assertStrictRefusedWith4(kit, mu);
      assertThat(chosen(kit, false, mu)).isEqualTo(DL_L);
    }

    @Test
    void typeIsHonouredStrictlyAndBestEffort() {
      GreenVnTestKit kit = kit(DL_L, KA_M);
      Preferences mobile = prefs().type("mobile").build();
      assertThat(chosen(kit, true, mobile)).isEqualTo(KA_M);
      assertThat(chosen(kit, false, mobile)).isEqualTo(KA_M);
      assertThat(chosen(kit, true, prefs().type("LANDLINE").build())).isEqualTo(DL_L);
    }

    @Test
    void strictCombinationNeedsANumberSatisfyingAll() {
      GreenVnTestKit kit = kit(DL_L, KA_L, DL_M, KA_M);
      assertThat(chosen(kit, true, prefs().region("KA").type("mobile").build())).isEqualTo(KA_M);
      assertThat(chosen(kit, true, prefs().region("DL").type("mobile").build())).isEqualTo(DL_M);
      assertThat(chosen(kit, true, prefs().region("KA").type("landline").build()))
          .isEqualTo(KA_L);
      assertThat(
              chosen(
                  kit,
                  true,
                  prefs().greenvn(KA_M.number().e164()).region("KA").type("mobile").build()))
          .isEqualTo(KA_M);
    }

    @Test
    void strictCombinationThatNoNumberSatisfiesIsRefusedWith4() {
      GreenVnTestKit kit = kit(KA_L, DL_M);
      List<VnLoad> before = kit.greenVn().allocations().utilisation(SID);
      assertStrictRefusedWith4(kit, prefs().region("DL").type("landline").build());
      assertThat(kit.greenVn().allocations().utilisation(SID)).isEqualTo(before);
    }

    @Test
    void bestEffortPicksTheNumberSatisfyingTheMostPreferences() {
      GreenVnTestKit kit = kit(AP_L, KA_L, DL_M, KA_M);
      // AP_L is the requested number but neither KA nor mobile: one preference. KA_L and DL_M
      // satisfy one each too; KA_M satisfies two.
      Preferences p = prefs().greenvn(AP_L.number().e164()).region("KA").type("mobile").build();
      assertThat(chosen(kit, false, p)).isEqualTo(KA_M);
    }

    @Test
    void bestEffortPrefersMostPreferencesOverLoad() {
      GreenVnTestKit kit = kit(DL_L, KA_L, KA_M);
      Preferences kaMobile = prefs().region("KA").type("mobile").build();
      for (int i = 0; i < 3; i++) {
        assertThat(chosen(kit, false, kaMobile)).isEqualTo(KA_M);
      }
      assertThat(loadOf(kit, KA_M).activeAllocations()).isEqualTo(3);
    }

    /** Each number satisfies one preference: the rank of that preference decides, not load. */
    @ParameterizedTest(name = "on an equal count {0}")
    @MethodSource("equalCounts")
    void onEqualCountTheHigherRankedPreferenceWins(
        String rule, VirtualNumber winner, VirtualNumber other, Preferences preferences) {
      GreenVnTestKit kit = kit(winner, other);
      chosen(kit); // the winner sorts first, so it now carries one: the other is less loaded
      assertThat(chosen(kit, false, preferences)).isEqualTo(winner);
    }

    static Stream<Arguments> equalCounts() {
      return Stream.of(
          Arguments.of(
              "the requested number beats the region", AP_L, KA_L,
              prefs().greenvn(AP_L.number().e164()).region("KA").build()),
          Arguments.of(
              "the requested number beats the type", AP_L, DL_M,
              prefs().greenvn(AP_L.number().e164()).type("mobile").build()),
          Arguments.of(
              "the region beats the type", KA_L, DL_M,
              prefs().region("KA").type("mobile").build()));
    }

    @Test
    void numberAndRegionTogetherBeatRegionAndType() {
      GreenVnTestKit kit = kit(KA_L, KA_M);
      Preferences p = prefs().greenvn(KA_L.number().e164()).region("KA").type("mobile").build();
      assertThat(chosen(kit, false, p)).isEqualTo(KA_L);
    }

    @Test
    void amongNumbersSatisfyingTheSamePreferencesTheLeastLoadedWins() {
      GreenVnTestKit kit = kit(DL_L, KA_L, KA_M);
      Preferences ka = prefs().region("KA").build();
      assertThat(chosen(kit, false, ka)).isEqualTo(KA_L);
      assertThat(chosen(kit, false, ka)).isEqualTo(KA_M);
      assertThat(chosen(kit, true, ka)).isEqualTo(KA_L);
      assertThat(loadOf(kit, DL_L).activeAllocations()).isZero();
    }

    @Test
    void theChosenPreferencesAreKeptOnTheAllocation() {
      GreenVnTestKit kit = kit(DL_L, KA_L);
      Preferences p = prefs().region("KA").type("landline").build();
      Allocation a = kit.allocate(freshOrder().strict(true).preferences(p).build());
      assertThat(a.strict()).isTrue();
      assertThat(a.preferences()).isEqualTo(p);
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class PinCodes {

    @Test
    void bengaluruPinCodeChoosesKarnataka() {
      GreenVnTestKit kit = kit(DL_L, AP_L, KA_L);
      Preferences p = prefs().pinCode("560041").build();
      assertThat(chosen(kit, true, p)).isEqualTo(KA_L);
      assertThat(chosen(kit, false, p)).isEqualTo(KA_L);
    }

    @Test
    void pinCodeIsReadWithoutSurroundingSpaces() {
      GreenVnTestKit kit = kit(DL_L, KA_L);
      assertThat(chosen(kit, true, prefs().pinCode(" 560041 ").build())).isEqualTo(KA_L);
    }

    @ParameterizedTest(name = "{0} ({2}) -> {1}")
    @CsvSource({
      "751001, WB, Odisha (Bhubaneswar)",
      "141001, DL, Punjab (Ludhiana)",
      "800001, WB, Bihar (Patna)",
      "160017, DL, Chandigarh",
      "201301, DL, Noida",
      "781001, WB, Assam (Guwahati)",
      "834001, WB, Jharkhand (Ranchi)",
      "248001, DL, Uttarakhand (Dehradun)",
      "110001, DL, Delhi",
      "400001, MU, Mumbai",
      "500001, AP, Hyderabad",
      "700001, WB, Kolkata"
    })
    void pinCodeMapsToItsOwnOrTheNearestSupportedRegion(
        String pinCode, Region expected, String place) {
      GreenVnTestKit kit = kit(DL_L, MU_L, WB_L, AP_L, KA_L);
      VirtualNumber vn = chosen(kit, true, prefs().pinCode(pinCode).build());
      assertThat(vn.region()).as(place).isEqualTo(expected);
    }

    @Test
    void explicitRegionWinsOverPinCode() {
      GreenVnTestKit kit = kit(DL_L, KA_L);
      chosen(kit); // DL_L now carries one
      Preferences p = prefs().region("DL").pinCode("560041").build();
      assertThat(chosen(kit, true, p)).isEqualTo(DL_L);
      assertThat(chosen(kit, false, p)).isEqualTo(DL_L);
    }

    @Test
    void strictPinCodeWhoseRegionHasNoNumberIsRefusedWith4() {
      GreenVnTestKit kit = kit(DL_L, AP_L);
      assertStrictRefusedWith4(kit, prefs().pinCode("560041").build());
      assertThat(chosen(kit, false, prefs().pinCode("560041").build())).isEqualTo(DL_L);
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Disabled {

    @Test
    void disabledNumberIsNeverChosen() {
      GreenVnTestKit kit = kit(DL_L.disabled(), MU_L);
      for (int i = 0; i < 4; i++) {
        assertThat(chosen(kit)).isEqualTo(MU_L);
      }
      assertThat(chosen(kit, false, prefs().greenvn(DL_L.number().e164()).build()))
          .isEqualTo(MU_L);
      assertThat(chosen(kit, false, prefs().region("DL").build())).isEqualTo(MU_L);
      assertThat(loadOf(kit, DL_L).activeAllocations()).isZero();
      assertThat(loadOf(kit, DL_L).number().enabled()).isFalse();
    }

    @Test
    void strictRequestForADisabledNumberIsRefusedWith4() {
      GreenVnTestKit kit = kit(DL_L.disabled(), MU_L);
      assertStrictRefusedWith4(kit, prefs().greenvn(DL_L.number().e164()).build());
      assertStrictRefusedWith4(kit, prefs().region("DL").build());
    }

    @Test
    void poolOfOnlyDisabledNumbersGivesNothing() {
      GreenVnTestKit kit = kit(DL_L.disabled(), MU_L.disabled());
      assertRefused(() -> kit.allocate(freshOrder().build()), 4, 452);
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Ties {

    @Test
    void equalCandidatesGoToTheLeastLoaded() {
      GreenVnTestKit kit = kit(DL_L, MU_L, WB_L);
      Allocation onDl = kit.allocate(freshOrder().build());
      Allocation onMu = kit.allocate(freshOrder().build());
      assertThat(List.of(onDl.greenvn(), onMu.greenvn()))
          .containsExactly(DL_L.number(), MU_L.number());
      assertThat(chosen(kit)).isEqualTo(WB_L);
      assertThat(chosen(kit)).isEqualTo(DL_L);
      // DL_L 2, MU_L 1, WB_L 1: freeing MU_L makes it the least loaded.
      delete(kit, onMu);
      assertThat(chosen(kit)).isEqualTo(MU_L);
    }

    @Test
    void onEqualLoadTheLeastRecentlyReleasedWins() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      Allocation onDl = kit.allocate(freshOrder().build());
      Allocation onMu = kit.allocate(freshOrder().build());
      Instant start = kit.clock().instant();

      kit.clock().advance(Duration.ofMinutes(1));
      delete(kit, onMu); // MU_L released first
      kit.clock().advance(Duration.ofMinutes(1));
      delete(kit, onDl); // DL_L released last

      assertThat(loadOf(kit, MU_L).lastReleased()).contains(start.plusSeconds(60));
      assertThat(loadOf(kit, DL_L).lastReleased()).contains(start.plusSeconds(120));
      // Both are empty; DL_L sorts first but was released more recently.
      assertThat(chosen(kit)).isEqualTo(MU_L);
    }

    @Test
    void releaseOrderDecidesInTheOtherDirectionToo() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      Allocation onDl = kit.allocate(freshOrder().build());
      Allocation onMu = kit.allocate(freshOrder().build());
      kit.clock().advance(Duration.ofSeconds(5));
      delete(kit, onDl);
      kit.clock().advance(Duration.ofSeconds(5));
      delete(kit, onMu);
      assertThat(chosen(kit)).isEqualTo(DL_L);
      assertThat(chosen(kit)).isEqualTo(MU_L);
    }

    @Test
    void aNeverReleasedNumberBeatsAReleasedOneOfEqualLoad() {
      GreenVnTestKit kit = kit(DL_L, MU_L, WB_L);
      Allocation onDl = kit.allocate(freshOrder().build());
      kit.clock().advance(Duration.ofMinutes(1));
      delete(kit, onDl);

      assertThat(chosen(kit)).isEqualTo(MU_L);
      assertThat(chosen(kit)).isEqualTo(WB_L);
      assertThat(chosen(kit)).isEqualTo(DL_L); // load beats recency: 0 against 1
    }

    @Test
    void loadBeatsReleaseRecency() {
      GreenVnTestKit kit = kit(DL_L, MU_L);
      Allocation onDl = kit.allocate(freshOrder().build());
      kit.allocate(freshOrder().build()); // MU_L, never released
      kit.clock().advance(Duration.ofHours(1));
      delete(kit, onDl); // DL_L just released, but empty
      assertThat(chosen(kit)).isEqualTo(DL_L);
    }

    @Test
    void anEngineOverTheSameStoreRestoresLoadsAndReleases() {
      MutableClock clock = MutableClock.startingAt(GreenVnTestKit.START);
      InMemoryAllocationStore store = new InMemoryAllocationStore();
      Tenant tenant = Tenant.builder(SID).numbers(List.of(DL_L, MU_L, WB_L)).build();
      Allocation onMu;
      try (GreenVn first = engine(clock, store, tenant)) {
        Allocation onDl = first.allocations().create(SID, freshOrder().build());
        onMu = first.allocations().create(SID, freshOrder().bPartyPins(777).build());
        assertThat(onMu.greenvn()).isEqualTo(MU_L.number());
        clock.advance(Duration.ofMinutes(3));
        first.allocations().delete(SID, onDl.greenvnId());
      }
      try (GreenVn second = engine(clock, store, tenant)) {
        AllocationService service = second.allocations();
        assertThat(service.utilisation(SID))
            .extracting(VnLoad::activeAllocations, VnLoad::lastReleased)
            .containsExactly(
                tuple(0, Optional.of(GreenVnTestKit.START.plusSeconds(180))),
                tuple(1, Optional.empty()),
                tuple(0, Optional.empty()));
        // WB_L (never released) before DL_L (released), and MU_L (loaded) last.
        assertThat(service.create(SID, freshOrder().build()).greenvn()).isEqualTo(WB_L.number());
        assertThat(service.create(SID, freshOrder().build()).greenvn()).isEqualTo(DL_L.number());
        // The restored engine still knows which parties and PINs MU_L holds.
        assertRefused(
            () ->
                service.create(
                    SID,
                    freshOrder()
                        .aPartyPins(777)
                        .strict(true)
                        .preferences(prefs().greenvn(MU_L.number().e164()).build())
                        .build()),
            19,
            409);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Exclusive {

    private GreenVnTestKit exclusiveKit() {
      return kit(
          Tenant.builder(SID).numbers(List.of(DL_L, MU_L)).exclusiveNumbers(true).build());
    }

    @Test
    void eachNumberCarriesOneAllocationAtATime() {
      GreenVnTestKit kit = exclusiveKit();
      Allocation onDl = kit.allocate(freshOrder().build());
      Allocation onMu = kit.allocate(freshOrder().build());
      assertThat(List.of(onDl.greenvn(), onMu.greenvn()))
          .containsExactly(DL_L.number(), MU_L.number());

      assertRefused(() -> kit.allocate(freshOrder().build()), 4, 452);

      delete(kit, onDl);
      assertThat(chosen(kit)).isEqualTo(DL_L);
      assertRefused(() -> kit.allocate(freshOrder().build()), 4, 452);
    }

    @Test
    void strictRequestForABusyNumberIsRefusedWith4NotWith19() {
      GreenVnTestKit kit = exclusiveKit();
      kit.allocate(freshOrder().build());
      assertStrictRefusedWith4(kit, prefs().greenvn(DL_L.number().e164()).build());
      assertThat(loadOf(kit, MU_L).activeAllocations()).isZero();
    }

    @Test
    void bestEffortRequestForABusyNumberGetsAFreeOne() {
      GreenVnTestKit kit = exclusiveKit();
      kit.allocate(freshOrder().build());
      assertThat(chosen(kit, false, prefs().greenvn(DL_L.number().e164()).build()))
          .isEqualTo(MU_L);
    }

    @Test
    void busyNumberOfTheRequestedRegionIsSkippedWhenNotStrict() {
      GreenVnTestKit kit = exclusiveKit();
      Preferences dl = prefs().region("DL").build();
      assertThat(chosen(kit, false, dl)).isEqualTo(DL_L);
      assertThat(chosen(kit, false, dl)).isEqualTo(MU_L);
    }
  }

  @Test
  void aNumberCannotBelongToTwoTenants() {
    assertThatThrownBy(
            () ->
                GreenVn.builder()
                    .expirySweep(Duration.ZERO)
                    .tenant(Tenant.builder("t1").number(DL_L).build())
                    .tenant(Tenant.builder("t2").number(DL_L).build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Random sequences of creates, deletes, moves, party updates and expiries: after each, the
   * pool's loads equal the active allocations, no number or PIN is held twice on one number,
   * every active allocation routes, and a refused operation changed nothing.
   */
  @Nested
  class Invariants {

    private final List<String> ids = new ArrayList<>();

    @Test
    void holdUnderRandomOperationsOnASharedPool() {
      run(Tenant.builder(SID).numbers(List.of(DL_L, MU_L, KA_L, KA_M)).build(), 5L);
    }

    @Test
    void holdUnderRandomOperationsOnAnExclusivePool() {
      run(
          Tenant.builder(SID)
              .numbers(List.of(DL_L, MU_L, KA_L, KA_M.disabled(), DL_M))
              .exclusiveNumbers(true)
              .build(),
          7L);
    }

    @Test
    void holdUnderConcurrentCreatesAndDeletes() throws Exception {
      GreenVnTestKit kit = kit(DL_L, MU_L, WB_L);
      AllocationService service = kit.greenVn().allocations();
      ExecutorService threads =
          Executors.newFixedThreadPool(8);
      try {
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          results.add(
              threads.submit(
                  () -> {
                    Random random = new Random(thread);
                    List<String> created = new ArrayList<>();
                    for (int i = 0; i < 60; i++) {
                      int a = random.nextInt(12);
                      int b = 12 + random.nextInt(12);
                      try {
                        Allocation made =
                            service.create(
                                SID,
                                AllocationRequest.builder()
                                    .connectionId("t" + thread + "-" + i)
                                    .aPartyNumbers(party(a))
                                    .bPartyNumbers(party(b))
                                    .bPartyPins(1 + random.nextInt(5))
                                    .usage(Usage.TWOWAY)
                                    .build());
                        created.add(made.greenvnId());
                        if (random.nextInt(3) == 0) {
                          service.delete(SID, made.greenvnId());
                        }
                      } catch (GreenVnException e) {
                        assertThat(e.code().code()).isEqualTo(4);
                      }
                    }
                    return created;
                  }));
        }
        for (Future<List<String>> result : results) {
          ids.addAll(result.get());
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(ids).isNotEmpty();
      check(kit);
    }

    private void run(Tenant tenant, long seed) {
      GreenVnTestKit kit = kit(tenant);
      AllocationService service = kit.greenVn().allocations();
      Random random = new Random(seed);
      for (int step = 0; step < 600; step++) {
        List<Allocation> before = snapshot(kit);
        List<VnLoad> loadsBefore = service.utilisation(SID);
        String id = ids.isEmpty() ? "none" : ids.get(random.nextInt(ids.size()));
        int op = random.nextInt(10);
        try {
          if (op < 4) {
            ids.add(kit.allocate(randomRequest(random, step)).greenvnId());
          } else if (op < 5) {
            service.delete(SID, id);
          } else if (op < 7) {
            service.updateVn(SID, id, new VnUpdate(random.nextBoolean(), randomPrefs(random)));
          } else if (op < 9) {
            service.updateCallParty(SID, id, randomUpdate(random));
          } else {
            kit.advance(Duration.ofSeconds(random.nextInt(200)));
          }
        } catch (GreenVnException refused) {
          assertThat(snapshot(kit))
              .as("step %d refused %s", step, refused.code())
              .isEqualTo(before);
          assertThat(service.utilisation(SID)).isEqualTo(loadsBefore);
        }
        check(kit);
      }
      assertThat(ids).hasSizeGreaterThan(20);
    }

    private List<Allocation> snapshot(GreenVnTestKit kit) {
      return ids.stream().map(kit::allocation).toList();
    }

    private void check(GreenVnTestKit kit) {
      AllocationService service = kit.greenVn().allocations();
      List<Allocation> active = snapshot(kit).stream().filter(Allocation::isActive).toList();
      for (VnLoad load : service.utilisation(SID)) {
        long carried =
            active.stream().filter(a -> a.greenvn().equals(load.number().number())).count();
        assertThat(load.activeAllocations()).as("load of %s", load.number()).isEqualTo(carried);
      }
      checkNothingHeldTwice(active);
      for (Allocation a : active) {
        RoutingDecision decision =
            kit.greenVn().route(a.greenvn().e164(), a.aPartyNumbers().get(0).e164());
        assertThat(decision)
            .isInstanceOfSatisfying(
                Bridge.class,
                b -> assertThat(b.greenvnId()).isEqualTo(a.greenvnId()));
      }
    }

    private AllocationRequest randomRequest(Random random, int step) {
      List<String> numbers = randomNumbers(random, 4);
      int split = 1 + random.nextInt(numbers.size() - 1);
      AllocationRequest.Builder b =
          AllocationRequest.builder()
              .connectionId("c-" + random.nextInt(40))
              .aPartyNumbers(numbers.subList(0, split))
              .bPartyNumbers(numbers.subList(split, numbers.size()))
              .usage(random.nextBoolean() ? Usage.ONEWAY : Usage.TWOWAY)
              .strict(random.nextBoolean())
              .preferences(randomPrefs(random))
              .deallocationDuration((1 + random.nextInt(600)) + "s");
      if (random.nextBoolean()) {
        b.aPartyPins(1 + random.nextInt(6));
      }
      if (random.nextBoolean()) {
        b.bPartyPins(1 + random.nextInt(6));
      }
      return b.build();
    }

    private CallPartyUpdate randomUpdate(Random random) {
      CallPartyUpdate.Builder b = CallPartyUpdate.builder();
      List<String> numbers = randomNumbers(random, 3);
      if (random.nextBoolean()) {
        b.aPartyNumbers(numbers.subList(0, 1));
      } else {
        b.bPartyNumbers(numbers.subList(0, 1));
      }
      if (random.nextInt(3) == 0) {
        b.aPartyPins(1 + random.nextInt(6));
      }
      return b.build();
    }

    /** Two to four distinct numbers out of a dozen, so that parties often collide. */
    private List<String> randomNumbers(Random random, int max) {
      LinkedHashSet<String> numbers = new LinkedHashSet<>();
      int wanted = 2 + random.nextInt(max - 1);
      while (numbers.size() < wanted) {
        numbers.add(party(200 + random.nextInt(12)));
      }
      return new ArrayList<>(numbers);
    }

    private Preferences randomPrefs(Random random) {
      Preferences.Builder p = prefs();
      if (random.nextInt(3) == 0) {
        VirtualNumber[] all = {DL_L, MU_L, KA_L, KA_M, DL_M, WB_L};
        p.greenvn(all[random.nextInt(all.length)].number().e164());
      }
      if (random.nextInt(3) == 0) {
        p.region(random.nextBoolean() ? "KA" : "DL");
      }
      if (random.nextInt(3) == 0) {
        p.type(random.nextBoolean() ? "mobile" : "landline");
      }
      return p.build();
    }
  }
}
