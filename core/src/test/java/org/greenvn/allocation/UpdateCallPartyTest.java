package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.A2;
import static org.greenvn.TestNumbers.A3;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.B2;
import static org.greenvn.TestNumbers.B3;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.TestNumbers.STRANGER;
import static org.greenvn.allocation.Refusals.assertRefused;
import static org.greenvn.allocation.Refusals.assertRefusedLeavingAsItWas;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.RejectReason;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PUT .../greenvn/{greenvn_id}/call-party}: {@link AllocationService#updateCallParty}. */
class UpdateCallPartyTest {

  /** The only number of the tenant each test starts with: its allocations share it. */
  private static final String VN = AP_L.number().e164();

  private GreenVnTestKit kit;
  private Allocation original;

  @BeforeEach
  void allocate() {
    kit = GreenVnTestKit.forTenant(Tenant.builder(SID).number(AP_L).maxPartySize(3).build());
    original =
        kit.allocate(
            twoway("order-1", A1, B1)
                .aPartyPins(1111)
                .bPartyPins(2222)
                .deallocationDuration("1h")
                .build());
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private AllocationService service() {
    return kit.greenVn().allocations();
  }

  private Allocation update(CallPartyUpdate update) {
    return service().updateCallParty(SID, original.greenvnId(), update);
  }

  private static CallPartyUpdate.Builder change() {
    return CallPartyUpdate.builder();
  }

  private static List<PhoneNumber> numbers(String... e164) {
    return Arrays.stream(e164).map(PhoneNumber::of).toList();
  }

  private List<VnLoad> loads() {
    return service().utilisation(SID);
  }

  /** Asserts the update is refused and the allocation, the loads and the routing stay. */
  private void assertUpdateRefusedCleanly(CallPartyUpdate update, int code, int httpStatus) {
    assertRefusedLeavingAsItWas(kit, original, () -> update(update), code, httpStatus);
  }

  /** A twoway allocation beside {@link #original}, on the same number: the only one there is. */
  private Allocation allocateBeside(String connectionId, String a, String b, long... bPins) {
    Allocation other = kit.allocate(twoway(connectionId, a, b).bPartyPins(bPins).build());
    assertThat(other.greenvn()).isEqualTo(original.greenvn());
    return other;
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void anUpdateWithoutNumbersOnEitherSideIsCode3() {
    assertUpdateRefusedCleanly(change().build(), 3, 400);
    assertUpdateRefusedCleanly(change().aPartyPins(3333).usage("oneway").build(), 3, 400);
    assertUpdateRefusedCleanly(
        change().aPartyNumbers(List.of()).bPartyNumbers(List.of()).build(), 3, 400);
  }

  @Test
  void anEmptyListBesideTheOtherSidesNumbersIsRefused() {
    assertUpdateRefusedCleanly(change().aPartyNumbers(List.of()).bPartyNumbers(B2).build(), 5,
        400);
  }

  @Test
  void onlyTheGivenSideIsReplaced() {
    Allocation updated = update(change().aPartyNumbers(A2, A3).build());

    assertThat(updated.aPartyNumbers()).isEqualTo(numbers(A2, A3));
    assertThat(updated.bPartyNumbers()).isEqualTo(original.bPartyNumbers());
    assertThat(updated.aPartyPins()).isEqualTo(original.aPartyPins());
    assertThat(updated.bPartyPins()).isEqualTo(original.bPartyPins());
    assertThat(updated.usage()).isEqualTo(Usage.TWOWAY);
  }

  @Test
  void onlyTheBsideCanBeReplacedToo() {
    Allocation updated = update(change().bPartyNumbers(B2).build());
    assertThat(updated.aPartyNumbers()).isEqualTo(original.aPartyNumbers());
    assertThat(updated.bPartyNumbers()).isEqualTo(numbers(B2));
  }

  @Test
  void identityVirtualNumberAndTimesAreKeptAndTheVersionGoesUp() {
    kit.clock().advance(Duration.ofMinutes(10));
    Allocation updated = update(change().aPartyNumbers(A2).bPartyNumbers(B2).build());

    assertThat(updated.greenvnId()).isEqualTo(original.greenvnId());
    assertThat(updated.greenvn()).isEqualTo(original.greenvn());
    assertThat(updated.connectionId()).isEqualTo(original.connectionId());
    assertThat(updated.flowId()).isEqualTo(original.flowId());
    assertThat(updated.createdAt()).isEqualTo(original.createdAt());
    assertThat(updated.expiresAt()).isEqualTo(original.expiresAt());
    assertThat(updated.state()).isEqualTo(AllocationState.ACTIVE);
    assertThat(updated.version()).isEqualTo(original.version() + 1);
    assertThat(update(change().aPartyNumbers(A3).build()).version())
        .isEqualTo(original.version() + 2);
    assertThat(kit.allocation(original.greenvnId())).isEqualTo(
        updated.withParties(numbers(A3), numbers(B2), updated.aPartyPins(),
            updated.bPartyPins(), updated.usage(), updated.updatedAt()));
  }

  @Test
  void updateDoesNotMoveLoad() {
    List<VnLoad> before = loads();
    update(change().aPartyNumbers(A2).build());
    assertThat(loads()).isEqualTo(before);
  }

  @Test
  void pinsAndUsageAreReplacedOnlyWhenGiven() {
    Allocation updated =
        update(change().aPartyNumbers(A1).aPartyPins(3333, 4444).usage("oneway").build());

    assertThat(updated.aPartyPins()).containsExactly(Pin.of(3333), Pin.of(4444));
    assertThat(updated.bPartyPins()).isEqualTo(original.bPartyPins());
    assertThat(updated.usage()).isEqualTo(Usage.ONEWAY);

    Allocation again = update(change().bPartyNumbers(B1).bPartyPins(List.of()).build());
    assertThat(again.aPartyPins()).containsExactly(Pin.of(3333), Pin.of(4444));
    assertThat(again.bPartyPins()).isEmpty();
    assertThat(again.usage()).isEqualTo(Usage.ONEWAY);
  }

  @Test
  void usageCanGoFromOnewayBackToTwoway() {
    update(change().aPartyNumbers(A1).usage(Usage.ONEWAY).build());
    kit.call(B1, VN).expectRejected(RejectReason.ONEWAY);

    Allocation back = update(change().aPartyNumbers(A1).usage("TWOWAY").build());

    assertThat(back.usage()).isEqualTo(Usage.TWOWAY);
    kit.call(B1, VN).expectBridgeTo(A1);
  }

  @Test
  void routingFollowsTheUpdateAtOnce() {
    update(change().aPartyNumbers(A2).bPartyNumbers(B2, B3).bPartyPins(List.of())
        .aPartyPins(List.of()).build());

    kit.call(A2, VN).expectBridgeTo(B2, B3);
    kit.call(B3, VN).expectBridgeTo(A2);
    // The removed numbers no longer reach anyone, and without PINs nobody is prompted.
    kit.call(A1, VN).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(B1, VN).expectRejected(RejectReason.NOT_IN_SERVICE);
  }

  @Test
  void replacedPinsStopOpeningTheAllocationAndNewOnesOpenIt() {
    update(change().aPartyNumbers(A1).bPartyPins(5555).build());

    kit.call(STRANGER, VN).expectPinPrompt().enterPin("2222").expectPinPrompt();
    kit.call("+917000000002", VN).expectPinPrompt().enterPin("5555").expectBridgeTo(A1);
  }

  @Test
  void aRemovedNumberIsFreeForAnotherAllocationOnTheSameNumber() {
    update(change().aPartyNumbers(A2).build());

    Allocation other = allocateBeside("order-2", A1, B3);

    assertThat(other.greenvn().e164()).isEqualTo(VN);
    kit.call(A1, VN).expectBridgeTo(B3);
    kit.call(A2, VN).expectBridgeTo(B1);
  }

  @Test
  void movingANumberToTheOtherSideOfTheSameAllocationIsAllowed() {
    Allocation updated = update(change().aPartyNumbers(B1).bPartyNumbers(A1).build());
    assertThat(updated.aPartyNumbers()).isEqualTo(numbers(B1));
    assertThat(updated.bPartyNumbers()).isEqualTo(numbers(A1));
    kit.call(B1, VN).expectBridgeTo(A1);
  }

  @Test
  void numberHeldOnTheSameVirtualNumberByAnotherAllocationIsCode19() {
    Allocation other = allocateBeside("order-2", A2, B2);

    assertUpdateRefusedCleanly(change().aPartyNumbers(A1, A2).build(), 19, 409);
    assertUpdateRefusedCleanly(change().bPartyNumbers(A2).build(), 19, 409);

    assertThat(kit.allocation(other.greenvnId())).isEqualTo(other);
    kit.call(A2, VN).expectBridgeTo(B2);
  }

  @Test
  void pinHeldOnTheSameVirtualNumberByAnotherAllocationIsCode19() {
    Allocation other = allocateBeside("order-2", A2, B2, 9999);

    CallPartyUpdate update = change().aPartyNumbers(A1).aPartyPins(9999).build();
    assertThatThrownBy(() -> update(update))
        .extracting(Throwable::getMessage)
        .asString()
        .doesNotContain("9999");
    assertUpdateRefusedCleanly(update, 19, 409);
    assertThat(kit.allocation(other.greenvnId())).isEqualTo(other);
  }

  @Test
  void numberHeldByAnAllocationOnAnotherVirtualNumberIsNoConflict() {
    kit.close();
    kit = GreenVnTestKit.forTenant(Tenant.builder(SID).number(AP_L).number(KA_L).build());
    original = kit.allocate(twoway("o1", A1, B1).build());
    Allocation elsewhere = kit.allocate(twoway("o2", A1, B2).build());
    assertThat(elsewhere.greenvn()).isNotEqualTo(original.greenvn());

    Allocation updated = update(change().bPartyNumbers(B2).build());

    assertThat(updated.bPartyNumbers()).isEqualTo(numbers(B2));
    kit.call(A1, original.greenvn().e164()).expectBridgeTo(B2);
    kit.call(A1, elsewhere.greenvn().e164()).expectBridgeTo(B2);
  }

  @Test
  void sameNumberOnBothSidesAfterTheUpdateIsCode14() {
    // Only A is given, but it collides with the B side that is kept.
    assertUpdateRefusedCleanly(change().aPartyNumbers(B1).build(), 14, 409);
    assertUpdateRefusedCleanly(change().aPartyNumbers(A1).bPartyPins(1111).build(), 14, 409);
  }

  @Test
  void repeatsWithinAListAreCode13() {
    assertUpdateRefusedCleanly(change().aPartyNumbers(A2, A2).build(), 13, 409);
    assertUpdateRefusedCleanly(change().aPartyNumbers(A1).aPartyPins(7, 7).build(), 13, 409);
  }

  @ParameterizedTest
  @ValueSource(strings = {"919800000011", "+9198", "abc", ""})
  void invalidNumberIsCode16(String number) {
    assertUpdateRefusedCleanly(change().bPartyNumbers(B1, number).build(), 16, 400);
  }

  @Test
  void badValuesAreCode5() {
    assertUpdateRefusedCleanly(change().aPartyNumbers(A1).usage("sideways").build(), 5, 400);
    assertUpdateRefusedCleanly(change().aPartyNumbers(A1).aPartyPins(0).build(), 5, 400);
    assertUpdateRefusedCleanly(
        change().aPartyNumbers(A1).bPartyPins(1_000_000_000L).build(), 5, 400);
    assertUpdateRefusedCleanly(
        change().aPartyNumbers(A1).bPartyPins(Arrays.asList(4L, null)).build(), 5, 400);
    assertUpdateRefusedCleanly(change().aPartyNumbers(A1, A2, A3, B3).build(), 5, 400);
    assertUpdateRefusedCleanly(change().aPartyNumbers(A1).aPartyPins(1, 2, 3, 4).build(), 5,
        400);
  }

  @Test
  void updatingADeletedAllocationIsCode22() {
    Allocation vaulted = service().delete(SID, original.greenvnId());
    assertRefused(() -> update(change().aPartyNumbers(A2).build()), 22, 410);
    assertThat(kit.allocation(original.greenvnId())).isEqualTo(vaulted);
    kit.call(A2, VN).expectRejected(RejectReason.NOT_IN_SERVICE);
  }

  @Test
  void updatingAnExpiredAllocationIsCode22() {
    kit.advance(Duration.ofHours(1));
    assertRefused(() -> update(change().aPartyNumbers(A2).build()), 22, 410);
  }

  @Test
  void unknownAllocationOrTenantIsCode1() {
    CallPartyUpdate update = change().aPartyNumbers(A2).build();
    assertRefused(() -> service().updateCallParty(SID, "nope", update), 1, 404);
    assertRefused(() -> service().updateCallParty("globex", original.greenvnId(), update), 1,
        404);
    assertThat(kit.allocation(original.greenvnId())).isEqualTo(original);
  }

  @Test
  void callersWhoJoinedWithAPinAreKeptWhenTheirSideIsNotReplaced() {
    kit.call(STRANGER, VN).expectPinPrompt().enterPin("2222").expectBridgeTo(A1);

    Allocation updated = update(change().aPartyNumbers(A2).build());

    assertThat(updated.bPartyNumbers()).isEqualTo(numbers(B1, STRANGER));
    kit.call(STRANGER, VN).expectBridgeTo(A2);
  }
}
