package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestFixtures.engine;
import static org.greenvn.TestFixtures.loadOf;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.A2;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.B2;
import static org.greenvn.TestNumbers.DL_L;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.KA_M;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.TestNumbers.STRANGER;
import static org.greenvn.allocation.Refusals.assertRefused;
import static org.greenvn.allocation.Refusals.assertRefusedLeavingAsItWas;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.greenvn.GreenVn;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.RejectReason;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.greenvn.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code PUT .../greenvn/{greenvn_id}/vn}: {@link AllocationService#updateVn}. Pools are given in
 * {@link org.greenvn.TestNumbers}' E.164 order ({@code DL_L < AP_L < KA_L < KA_M}), which decides
 * between equally loaded numbers.
 */
class UpdateVnTest {

  private GreenVnTestKit kit;
  private Allocation original;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** Starts an engine over this pool and allocates A1/B1 (PINs 1111/2222) on its first number. */
  private void start(Tenant.Builder tenant) {
    kit = GreenVnTestKit.forTenant(tenant.build());
    original =
        kit.allocate(
            AllocationRequest.builder()
                .connectionId("order-1")
                .aPartyNumbers(A1)
                .bPartyNumbers(B1)
                .aPartyPins(1111)
                .bPartyPins(2222)
                .usage(Usage.ONEWAY)
                .flowId("default")
                .deallocationDuration("2h")
                .build());
  }

  private void start(VirtualNumber... pool) {
    start(Tenant.builder(SID).numbers(List.of(pool)));
  }

  private AllocationService service() {
    return kit.greenVn().allocations();
  }

  private Allocation move(VnUpdate update) {
    return service().updateVn(SID, original.greenvnId(), update);
  }

  private static VnUpdate strict(Preferences preferences) {
    return new VnUpdate(true, preferences);
  }

  private static VnUpdate bestEffort(Preferences preferences) {
    return new VnUpdate(false, preferences);
  }

  private static Preferences.Builder prefs() {
    return Preferences.builder();
  }

  private List<VnLoad> loads() {
    return service().utilisation(SID);
  }

  private Allocation allocate(String connectionId, String a, String b) {
    return kit.allocate(twoway(connectionId, a, b).build());
  }

  /** Asserts the move is refused and the allocation, loads and routing stay. */
  private void assertMoveRefusedCleanly(VnUpdate update, int code, int httpStatus) {
    assertRefusedLeavingAsItWas(kit, original, () -> move(update), code, httpStatus);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void withoutPreferencesItMovesToAnotherFreeNumber() {
    start(DL_L, AP_L);
    assertThat(original.greenvn()).isEqualTo(DL_L.number());

    Allocation moved = move(VnUpdate.anyNumber());

    assertThat(moved.greenvn()).isEqualTo(AP_L.number());
    assertThat(kit.allocation(original.greenvnId())).isEqualTo(moved);
  }

  @Test
  void everythingButTheNumberIsKeptAndTheVersionGoesUp() {
    start(DL_L, AP_L);
    kit.clock().advance(Duration.ofMinutes(5));

    Allocation moved = move(VnUpdate.anyNumber());

    assertThat(moved.greenvnId()).isEqualTo(original.greenvnId());
    assertThat(moved.connectionId()).isEqualTo(original.connectionId());
    assertThat(moved.aPartyNumbers()).isEqualTo(original.aPartyNumbers());
    assertThat(moved.bPartyNumbers()).isEqualTo(original.bPartyNumbers());
    assertThat(moved.aPartyPins()).isEqualTo(original.aPartyPins());
    assertThat(moved.bPartyPins()).isEqualTo(original.bPartyPins());
    assertThat(moved.usage()).isEqualTo(Usage.ONEWAY);
    assertThat(moved.flowId()).contains("default");
    assertThat(moved.createdAt()).isEqualTo(original.createdAt());
    assertThat(moved.expiresAt()).isEqualTo(original.expiresAt());
    assertThat(moved.deallocationDuration()).isEqualTo(Duration.ofHours(2));
    assertThat(moved.state()).isEqualTo(AllocationState.ACTIVE);
    assertThat(moved.version()).isEqualTo(original.version() + 1);
  }

  @Test
  void theLoadMovesFromTheOldNumberToTheNewOne() {
    start(DL_L, AP_L);
    kit.clock().advance(Duration.ofMinutes(7));
    Instant movedAt = kit.clock().instant();

    move(VnUpdate.anyNumber());

    assertThat(loadOf(kit, DL_L).activeAllocations()).isZero();
    assertThat(loadOf(kit, DL_L).lastReleased()).contains(movedAt);
    assertThat(loadOf(kit, AP_L).activeAllocations()).isEqualTo(1);
    assertThat(loadOf(kit, AP_L).lastReleased()).isEmpty();
  }

  @Test
  void routingStopsOnTheOldNumberAndWorksOnTheNewOne() {
    start(DL_L, AP_L);
    Allocation moved = move(VnUpdate.anyNumber());
    String oldVn = DL_L.number().e164();
    String newVn = moved.greenvn().e164();

    kit.call(A1, oldVn).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(STRANGER, oldVn).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(A1, newVn).expectBridgeTo(B1);
    kit.call(B1, newVn).expectRejected(RejectReason.ONEWAY);
    kit.call(STRANGER, newVn).expectPinPrompt().enterPin("1111").expectBridgeTo(B1);
  }

  @Test
  void theOldNumberIsFreeForTheSamePartiesAfterTheMove() {
    start(DL_L, AP_L);
    move(VnUpdate.anyNumber());

    Allocation again =
        kit.allocate(
            twoway("order-2", A1, B2)
                .aPartyPins(1111)
                .strict(true)
                .preferences(prefs().greenvn(DL_L.number().e164()).build())
                .build());

    assertThat(again.greenvn()).isEqualTo(DL_L.number());
    kit.call(A1, DL_L.number().e164()).expectBridgeTo(B2);
  }

  @Test
  void anAllocationCanMoveBackToItsFormerNumber() {
    start(DL_L, AP_L);
    move(VnUpdate.anyNumber());
    Allocation back = move(strict(prefs().greenvn(DL_L.number().e164()).build()));
    assertThat(back.greenvn()).isEqualTo(DL_L.number());
    assertThat(back.version()).isEqualTo(original.version() + 2);
    assertThat(loadOf(kit, DL_L).activeAllocations()).isEqualTo(1);
    assertThat(loadOf(kit, AP_L).activeAllocations()).isZero();
    kit.call(A1, DL_L.number().e164()).expectBridgeTo(B1);
  }

  @Test
  void withoutPreferencesAndNoOtherNumberItIsCode4() {
    start(DL_L);
    assertMoveRefusedCleanly(VnUpdate.anyNumber(), 4, 452);
  }

  @Test
  void theCurrentNumberIsNeverTheAnswerToAnEmptyRequestEvenWhenLeastLoaded() {
    start(DL_L, AP_L);
    Preferences onAp = prefs().greenvn(AP_L.number().e164()).build();
    kit.allocate(AllocationRequest.builder().connectionId("order-2").aPartyNumbers(A2)
        .bPartyNumbers(B2).usage("twoway").strict(true).preferences(onAp).build());
    kit.allocate(AllocationRequest.builder().connectionId("order-3")
        .aPartyNumbers("+919800000021").bPartyNumbers("+919800000022").usage("twoway")
        .strict(true).preferences(onAp).build());
    assertThat(loadOf(kit, DL_L).activeAllocations()).isEqualTo(1);
    assertThat(loadOf(kit, AP_L).activeAllocations()).isEqualTo(2);

    assertThat(move(VnUpdate.anyNumber()).greenvn()).isEqualTo(AP_L.number());
    assertThat(loadOf(kit, AP_L).activeAllocations()).isEqualTo(3);
  }

  @Test
  void strictPreferencesMoveToAMatchingNumber() {
    start(DL_L, AP_L, KA_L, KA_M);
    assertThat(move(strict(prefs().greenvn(KA_M.number().e164()).build())).greenvn())
        .isEqualTo(KA_M.number());
    assertThat(move(strict(prefs().region("AP").build())).greenvn()).isEqualTo(AP_L.number());
    assertThat(move(strict(prefs().region("KA").type("landline").build())).greenvn())
        .isEqualTo(KA_L.number());
    assertThat(move(strict(prefs().pinCode("110001").build())).greenvn())
        .isEqualTo(DL_L.number());
    assertThat(loads()).extracting(VnLoad::activeAllocations).containsExactly(1, 0, 0, 0);
  }

  @Test
  void strictPreferencesNoOtherNumberSatisfiesAreCode4() {
    start(DL_L, AP_L, KA_L);
    assertMoveRefusedCleanly(strict(prefs().region("MU").build()), 4, 452);
    assertMoveRefusedCleanly(strict(prefs().type("mobile").build()), 4, 452);
    assertMoveRefusedCleanly(strict(prefs().greenvn("+919845000001").build()), 4, 452);
    assertMoveRefusedCleanly(
        strict(prefs().greenvn(AP_L.number().e164()).region("KA").build()), 4, 452);
  }

  @Test
  void strictRegionOfOnlyTheCurrentNumberIsCode4() {
    start(DL_L, AP_L);
    assertMoveRefusedCleanly(strict(prefs().region("DL").build()), 4, 452);
  }

  @Test
  void bestEffortPreferencesFallBackToTheNumberSatisfyingMost() {
    start(DL_L, AP_L, KA_L, KA_M);
    Allocation moved = move(bestEffort(prefs().region("MU").type("mobile").build()));
    assertThat(moved.greenvn()).isEqualTo(KA_M.number());
    Allocation again = move(bestEffort(prefs().region("MU").build()));
    assertThat(again.greenvn()).isNotEqualTo(KA_M.number());
    // All three others are empty; DL_L was released by the first move, AP_L and KA_L never.
    assertThat(again.greenvn()).isEqualTo(AP_L.number());
  }

  @Test
  void thePreferencesThatChoseTheNumberAreKept() {
    start(DL_L, AP_L, KA_L);
    Preferences ka = prefs().region("KA").build();
    Allocation moved = move(strict(ka));
    assertThat(moved.preferences()).isEqualTo(ka);
    assertThat(moved.strict()).isTrue();
  }

  @Test
  void askingForTheCurrentNumberChangesNothing() {
    start(DL_L, AP_L);
    List<VnLoad> before = loads();
    Allocation same = move(strict(prefs().greenvn(DL_L.number().e164()).build()));
    assertThat(same).isEqualTo(original);
    assertThat(loads()).isEqualTo(before);
  }

  @Test
  void strictRequestForTheCurrentNumberWithAContradictingRegionIsCode4() {
    // Strict: every given preference holds or code 4. DL_L is not in KA, and no number is both
    // DL_L and in KA.
    start(DL_L, AP_L, KA_L);
    assertMoveRefusedCleanly(
        strict(prefs().greenvn(DL_L.number().e164()).region("KA").build()), 4, 452);
  }

  @Test
  void strictNumberWhereAPartyIsHeldByAnotherAllocationIsCode19() {
    start(DL_L, AP_L, KA_L);
    Allocation other = allocate("order-2", A1, B2); // A1 is on DL_L already: goes to AP_L
    assertThat(other.greenvn()).isEqualTo(AP_L.number());

    assertMoveRefusedCleanly(strict(prefs().greenvn(AP_L.number().e164()).build()), 19, 409);
    assertThat(kit.allocation(other.greenvnId())).isEqualTo(other);
  }

  @Test
  void strictNumberWhereAPinIsHeldByAnotherAllocationIsCode19() {
    start(DL_L, AP_L);
    Allocation other = kit.allocate(twoway("order-2", A2, B2).bPartyPins(2222).build());
    assertThat(other.greenvn()).isEqualTo(AP_L.number());
    assertMoveRefusedCleanly(strict(prefs().greenvn(AP_L.number().e164()).build()), 19, 409);
  }

  @Test
  void numbersWhereAPartyIsHeldAreSkipped() {
    start(DL_L, AP_L, KA_L);
    allocate("order-2", B2, B1); // B1 is on DL_L already: goes to AP_L

    assertThat(move(VnUpdate.anyNumber()).greenvn()).isEqualTo(KA_L.number());
  }

  @Test
  void bestEffortNumberWhereAPartyIsHeldIsSkipped() {
    start(DL_L, AP_L, KA_L);
    allocate("order-2", A1, B2); // AP_L
    Allocation moved = move(bestEffort(prefs().greenvn(AP_L.number().e164()).build()));
    assertThat(moved.greenvn()).isEqualTo(KA_L.number());
  }

  @Test
  void whenEveryOtherNumberHoldsAPartyItIsCode4() {
    start(DL_L, AP_L);
    allocate("order-2", A1, B2); // AP_L
    assertMoveRefusedCleanly(VnUpdate.anyNumber(), 4, 452);
  }

  @Test
  void disabledNumbersAreNeverMovedTo() {
    start(DL_L, AP_L.disabled(), KA_L);
    assertThat(move(VnUpdate.anyNumber()).greenvn()).isEqualTo(KA_L.number());
    assertRefused(
        () -> move(strict(prefs().greenvn(AP_L.number().e164()).build())), 4, 452);
  }

  @Test
  void inAnExclusiveTenantOnlyAnEmptyNumberIsMovedTo() {
    start(Tenant.builder(SID).numbers(List.of(DL_L, AP_L, KA_L)).exclusiveNumbers(true));
    Allocation other = allocate("order-2", A2, B2);
    assertThat(other.greenvn()).isEqualTo(AP_L.number());

    assertMoveRefusedCleanly(strict(prefs().greenvn(AP_L.number().e164()).build()), 4, 452);
    assertThat(move(VnUpdate.anyNumber()).greenvn()).isEqualTo(KA_L.number());
    // The number it left is empty again and takes the next allocation.
    assertThat(allocate("order-3", "+919800000021", "+919800000022").greenvn())
        .isEqualTo(DL_L.number());
    assertRefused(() -> move(VnUpdate.anyNumber()), 4, 452);
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
    "greenvn, 914048212136, 16",
    "greenvn, +91404821213, 16",
    "region, UP, 15",
    "type, fixed, 5",
    "pin_code, 56004, 5",
    "pin_code, 990001, 5"
  })
  void badPreferencesAreRefused(String field, String value, int code) {
    start(DL_L, AP_L);
    Preferences.Builder p = prefs();
    switch (field) {
      case "greenvn" -> p.greenvn(value);
      case "region" -> p.region(value);
      case "type" -> p.type(value);
      default -> p.pinCode(value);
    }
    int status = code == 15 ? 403 : 400;
    assertMoveRefusedCleanly(bestEffort(p.build()), code, status);
    assertMoveRefusedCleanly(strict(p.build()), code, status);
  }

  @Test
  void movingADeletedAllocationIsCode22() {
    start(DL_L, AP_L);
    Allocation vaulted = service().delete(SID, original.greenvnId());
    List<VnLoad> before = loads();
    assertRefused(() -> move(VnUpdate.anyNumber()), 22, 410);
    assertThat(kit.allocation(original.greenvnId())).isEqualTo(vaulted);
    assertThat(loads()).isEqualTo(before);
  }

  @Test
  void movingAnExpiredAllocationIsCode22() {
    start(DL_L, AP_L);
    kit.advance(Duration.ofHours(2));
    assertRefused(() -> move(VnUpdate.anyNumber()), 22, 410);
    assertThat(loadOf(kit, AP_L).activeAllocations()).isZero();
  }

  @Test
  void unknownAllocationOrTenantIsCode1() {
    start(DL_L, AP_L);
    assertRefused(() -> service().updateVn(SID, "nope", VnUpdate.anyNumber()), 1, 404);
    assertRefused(
        () -> service().updateVn("globex", original.greenvnId(), VnUpdate.anyNumber()), 1, 404);
    assertThat(kit.allocation(original.greenvnId())).isEqualTo(original);
  }

  @Test
  void aCallerWhoJoinedWithAPinMovesAlong() {
    start(DL_L, AP_L);
    kit.call(STRANGER, DL_L.number().e164()).expectPinPrompt().enterPin("1111");
    Allocation moved = move(VnUpdate.anyNumber());
    assertThat(moved.aPartyNumbers()).contains(PhoneNumber.of(STRANGER));
    kit.call(STRANGER, AP_L.number().e164()).expectBridgeTo(B1);
    kit.call(STRANGER, DL_L.number().e164()).expectRejected(RejectReason.NOT_IN_SERVICE);
  }

  @Test
  void anEngineRestartedOverTheSameStoreSeesTheSameLoadsAfterAMove() {
    MutableClock clock = MutableClock.startingAt(GreenVnTestKit.START);
    InMemoryAllocationStore store = new InMemoryAllocationStore();
    Tenant tenant = Tenant.builder(SID).numbers(List.of(DL_L, AP_L, KA_L)).build();
    try (GreenVn live = engine(clock, store, tenant)) {
      Allocation a = live.allocations().create(SID, twoway("order-1", A1, B1).build());
      clock.advance(Duration.ofMinutes(1));
      live.allocations().updateVn(SID, a.greenvnId(), VnUpdate.anyNumber());
      List<VnLoad> seenLive = live.allocations().utilisation(SID);
      assertThat(seenLive.get(0).lastReleased()).contains(clock.instant());

      try (GreenVn restarted = engine(clock, store, tenant)) {
        assertThat(restarted.allocations().utilisation(SID)).isEqualTo(seenLive);
        // ... and so both choose alike: KA_L, not DL_L, which was just left.
        assertThat(restarted.allocations().create(SID, twoway("order-2", A2, B2).build()).greenvn())
            .isEqualTo(KA_L.number());
      }
    }
  }
}
