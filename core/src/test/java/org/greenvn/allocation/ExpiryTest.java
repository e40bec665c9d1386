package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.TestFixtures.engine;
import static org.greenvn.TestFixtures.loadOf;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.A2;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.B2;
import static org.greenvn.TestNumbers.DL_L;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.TestNumbers.STRANGER;
import static org.greenvn.allocation.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.greenvn.GreenVn;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.event.EventType;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.RejectReason;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.greenvn.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry by the deallocation policy, driven by the test kit's clock. */
class ExpiryTest {

  private GreenVnTestKit kit;

  /** Two numbers, DL_L before AP_L in E.164 order: with equal loads DL_L is chosen first. */
  @BeforeEach
  void start() {
    kit = GreenVnTestKit.forTenant(Tenant.builder(SID).numbers(List.of(DL_L, AP_L)).build());
  }

  @AfterEach
  void close() {
    kit.close();
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private AllocationService service() {
    return kit.greenVn().allocations();
  }

  private Allocation tenMinuteOrder() {
    return kit.allocate(
        AllocationRequest.builder()
            .connectionId("order-1")
            .aPartyNumbers(A1, A2)
            .bPartyNumbers(B1)
            .aPartyPins(4826, 5739)
            .usage(Usage.ONEWAY)
            .deallocationDuration("10m")
            .build());
  }

  private Allocation order(String connectionId, String a, String b, String duration) {
    return kit.allocate(request(connectionId, a, b, duration));
  }

  private static String party(int n) {
    return String.format("+9198%08d", n);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void justBeforeItsTimeNothingExpires() {
    Allocation a = tenMinuteOrder();

    assertThat(kit.advance(Duration.ofMinutes(10).minusMillis(1))).isZero();

    assertThat(kit.allocation(a.greenvnId())).isEqualTo(a);
    assertThat(kit.events(DeallocationEvent.class)).isEmpty();
    assertThat(loadOf(kit, DL_L).activeAllocations()).isEqualTo(1);
    kit.call(A1, a.greenvn().e164()).expectBridgeTo(B1);
  }

  @Test
  void atItsTimeItGoesToTheVaultWithExactlyOneEvent() {
    Allocation a = tenMinuteOrder();
    kit.advance(Duration.ofMinutes(10).minusMillis(1));

    assertThat(kit.advance(Duration.ofMillis(1))).isEqualTo(1);

    Instant expiry = GreenVnTestKit.START.plus(Duration.ofMinutes(10));
    Allocation vaulted = kit.allocation(a.greenvnId());
    assertThat(vaulted.state()).isEqualTo(AllocationState.VAULT);
    assertThat(vaulted.isActive()).isFalse();
    assertThat(vaulted.deallocationCause()).contains(DeallocationCause.EXPIRED);
    assertThat(vaulted.deallocatedAt()).contains(expiry);
    assertThat(vaulted.version()).isEqualTo(a.version() + 1);
    assertThat(kit.events(DeallocationEvent.class)).hasSize(1);
    assertThat(kit.events()).hasSize(1);
  }

  @Test
  void theEventCarriesTheSpecsFields() {
    Allocation a = tenMinuteOrder();
    kit.advance(Duration.ofMinutes(10));

    DeallocationEvent event = kit.events(DeallocationEvent.class).get(0);
    assertThat(event.tenantSid()).isEqualTo(SID);
    assertThat(event.connectionId()).isEqualTo("order-1");
    assertThat(event.greenvn()).isEqualTo(a.greenvn());
    assertThat(event.greenvnId()).isEqualTo(a.greenvnId());
    assertThat(event.usage()).isEqualTo("oneway");
    assertThat(event.aPartyNumbers())
        .containsExactly(PhoneNumber.of(A1), PhoneNumber.of(A2));
    assertThat(event.bPartyNumbers()).containsExactly(PhoneNumber.of(B1));
    assertThat(event.aPartyPins()).containsExactly(4826, 5739);
    assertThat(event.bPartyPins()).isEmpty();
    assertThat(event.state()).isEqualTo("vault");
    assertThat(event.type()).isEqualTo(EventType.DEALLOCATION);
    assertThat(event.occurredAt()).isEqualTo(GreenVnTestKit.START.plus(Duration.ofMinutes(10)));
    assertThat(event.toString().replace(event.greenvnId(), ""))
        .doesNotContain("4826")
        .doesNotContain("5739");
  }

  @Test
  void anExpiredAllocationExpiresOnlyOnce() {
    tenMinuteOrder();
    assertThat(kit.advance(Duration.ofMinutes(10))).isEqualTo(1);
    assertThat(kit.advance(Duration.ZERO)).isZero();
    assertThat(kit.advance(Duration.ofDays(30))).isZero();
    assertThat(kit.events(DeallocationEvent.class)).hasSize(1);
  }

  @Test
  void aLateSweepStillExpiresItOnceAtTheSweepsTime() {
    Allocation a = tenMinuteOrder();
    assertThat(kit.advance(Duration.ofDays(3))).isEqualTo(1);
    Instant sweep = GreenVnTestKit.START.plus(Duration.ofDays(3));
    assertThat(kit.allocation(a.greenvnId()).deallocatedAt()).contains(sweep);
    assertThat(kit.events(DeallocationEvent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(sweep));
  }

  @Test
  void manualDeleteSendsNoEventNowOrAtTheOldExpiry() {
    Allocation a = tenMinuteOrder();
    kit.clock().advance(Duration.ofMinutes(1));

    Allocation deleted = service().delete(SID, a.greenvnId());

    assertThat(deleted.state()).isEqualTo(AllocationState.VAULT);
    assertThat(deleted.deallocationCause()).contains(DeallocationCause.DELETED);
    assertThat(deleted.deallocatedAt()).contains(GreenVnTestKit.START.plusSeconds(60));
    assertThat(kit.events()).isEmpty();
    assertThat(kit.advance(Duration.ofMinutes(20))).isZero();
    assertThat(kit.events()).isEmpty();
    assertThat(kit.allocation(a.greenvnId())).isEqualTo(deleted);
  }

  @Test
  void anExpiredAllocationRoutesNothingAndItsLoadDrops() {
    Allocation a = tenMinuteOrder();
    String vn = a.greenvn().e164();
    kit.call(STRANGER, vn).expectPinPrompt();

    kit.advance(Duration.ofMinutes(10));

    kit.call(A1, vn).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(B1, vn).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(STRANGER, vn).expectRejected(RejectReason.NOT_IN_SERVICE);
    assertThat(loadOf(kit, DL_L).activeAllocations()).isZero();
    assertThat(loadOf(kit, DL_L).lastReleased())
        .contains(GreenVnTestKit.START.plus(Duration.ofMinutes(10)));
  }

  @Test
  void anExpiredAllocationCanNeitherBeDeletedNorChanged() {
    Allocation a = tenMinuteOrder();
    kit.advance(Duration.ofMinutes(10));
    Allocation vaulted = kit.allocation(a.greenvnId());

    assertRefused(() -> service().delete(SID, a.greenvnId()), 22, 410);
    assertThat(kit.allocation(a.greenvnId())).isEqualTo(vaulted);
  }

  @Test
  void theConnectionIdAndThePartiesAreFreeAgainAfterExpiry() {
    Allocation a = tenMinuteOrder();
    kit.advance(Duration.ofMinutes(10));

    Allocation again =
        kit.allocate(
            twoway("order-1", A1, B1)
                .aPartyPins(4826)
                .strict(true)
                .preferences(Preferences.builder().greenvn(a.greenvn().e164()).build())
                .build());

    assertThat(again.greenvn()).isEqualTo(a.greenvn());
    assertThat(again.greenvnId()).isNotEqualTo(a.greenvnId());
    kit.call(B1, again.greenvn().e164()).expectBridgeTo(A1);
  }

  @Test
  void allocationsExpireEachAtItsOwnTime() {
    Allocation short1 = order("o-20s", party(1), party(2), "20s");
    Allocation long1 = order("o-15m", party(3), party(4), "15m");
    Allocation mid1 = order("o-600s", party(5), party(6), "600s");

    assertThat(kit.advance(Duration.ofSeconds(20))).isEqualTo(1);
    assertThat(kit.allocation(short1.greenvnId()).isActive()).isFalse();
    assertThat(kit.allocation(mid1.greenvnId()).isActive()).isTrue();

    assertThat(kit.advance(Duration.ofSeconds(580))).isEqualTo(1);
    assertThat(kit.allocation(mid1.greenvnId()).isActive()).isFalse();
    assertThat(kit.allocation(long1.greenvnId()).isActive()).isTrue();

    assertThat(kit.advance(Duration.ofSeconds(299))).isZero();
    assertThat(kit.advance(Duration.ofSeconds(1))).isEqualTo(1);

    assertThat(kit.events(DeallocationEvent.class))
        .extracting(DeallocationEvent::connectionId)
        .containsExactly("o-20s", "o-600s", "o-15m");
  }

  @Test
  void allocationsDueTogetherAllExpireInOneSweepBeyondTheBatchSize() {
    int count = 300;
    for (int i = 0; i < count; i++) {
      order("o-" + i, party(2 * i), party(2 * i + 1), "1h");
    }
    assertThat(loadOf(kit, DL_L).activeAllocations() + loadOf(kit, AP_L).activeAllocations())
        .isEqualTo(count);

    assertThat(kit.advance(Duration.ofHours(1))).isEqualTo(count);

    assertThat(kit.events(DeallocationEvent.class)).hasSize(count);
    assertThat(kit.events(DeallocationEvent.class))
        .extracting(DeallocationEvent::connectionId)
        .doesNotHaveDuplicates();
    assertThat(loadOf(kit, DL_L).activeAllocations()).isZero();
    assertThat(loadOf(kit, AP_L).activeAllocations()).isZero();
  }

  @Test
  void theTenantDefaultDurationIsUsedWhenNoneIsGiven() {
    kit.close();
    kit =
        GreenVnTestKit.forTenant(
            Tenant.builder(SID).numbers(List.of(DL_L)).defaultDeallocation(Duration.ofMinutes(45))
                .build());
    Allocation a = kit.allocate(twoway("order-1", A1, B1).build());

    assertThat(kit.advance(Duration.ofMinutes(45).minusSeconds(1))).isZero();
    assertThat(kit.advance(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(kit.allocation(a.greenvnId()).state()).isEqualTo(AllocationState.VAULT);
  }

  @Test
  void theExpiryCountsFromCreationNotFromTheClocksStart() {
    kit.clock().advance(Duration.ofHours(5));
    Allocation a = tenMinuteOrder();
    assertThat(kit.advance(Duration.ofMinutes(9))).isZero();
    assertThat(kit.advance(Duration.ofMinutes(1))).isEqualTo(1);
    assertThat(kit.allocation(a.greenvnId()).isActive()).isFalse();
  }

  @Test
  void aCallPartyUpdateKeepsTheExpiryAndTheEventCarriesTheNewParties() {
    Allocation a = tenMinuteOrder();
    kit.clock().advance(Duration.ofMinutes(5));
    service()
        .updateCallParty(
            SID,
            a.greenvnId(),
            CallPartyUpdate.builder().bPartyNumbers(B2).bPartyPins(4321).usage("twoway").build());

    assertThat(kit.advance(Duration.ofMinutes(5).minusMillis(1))).isZero();
    assertThat(kit.advance(Duration.ofMillis(1))).isEqualTo(1);

    DeallocationEvent event = kit.events(DeallocationEvent.class).get(0);
    assertThat(event.bPartyNumbers()).containsExactly(PhoneNumber.of(B2));
    assertThat(event.bPartyPins()).containsExactly(4321);
    assertThat(event.usage()).isEqualTo("twoway");
  }

  @Test
  void aMovedAllocationExpiresOnItsNewNumber() {
    Allocation a = tenMinuteOrder();
    Allocation moved = service().updateVn(SID, a.greenvnId(), VnUpdate.anyNumber());
    assertThat(moved.greenvn()).isEqualTo(AP_L.number());

    assertThat(kit.advance(Duration.ofMinutes(10))).isEqualTo(1);

    assertThat(kit.events(DeallocationEvent.class).get(0).greenvn()).isEqualTo(AP_L.number());
    assertThat(loadOf(kit, AP_L).activeAllocations()).isZero();
    assertThat(loadOf(kit, DL_L).activeAllocations()).isZero();
    kit.call(A1, AP_L.number().e164()).expectRejected(RejectReason.NOT_IN_SERVICE);
  }

  @Test
  void aCallerWhoJoinedWithAPinIsInTheEvent() {
    Allocation a = tenMinuteOrder();
    kit.call(STRANGER, a.greenvn().e164()).expectPinPrompt().enterPin("5739");

    kit.advance(Duration.ofMinutes(10));

    assertThat(kit.events(DeallocationEvent.class).get(0).aPartyNumbers())
        .containsExactly(PhoneNumber.of(A1), PhoneNumber.of(A2), PhoneNumber.of(STRANGER));
  }

  @Test
  void expiryFreesANumberOfAnExclusiveTenant() {
    kit.close();
    kit =
        GreenVnTestKit.forTenant(
            Tenant.builder(SID).numbers(List.of(DL_L)).exclusiveNumbers(true).build());
    order("o1", A1, B1, "20s");
    assertThatThrownBy(() -> order("o2", A2, B2, "20s")).isInstanceOf(GreenVnException.class);

    kit.advance(Duration.ofSeconds(20));

    assertThat(order("o2", A2, B2, "20s").greenvn()).isEqualTo(DL_L.number());
  }

  @Test
  void onlyTheDueAllocationOfASharedNumberExpires() {
    Allocation soon = order("soon", A1, B1, "1m");
    Allocation later = order("later", A2, B2, "1h");
    Allocation third = order("third", STRANGER, "+917000000002", "1h");
    assertThat(List.of(soon.greenvn(), later.greenvn(), third.greenvn()))
        .containsExactly(DL_L.number(), AP_L.number(), DL_L.number());

    kit.advance(Duration.ofMinutes(1));

    assertThat(loadOf(kit, DL_L).activeAllocations()).isEqualTo(1);
    kit.call(A1, DL_L.number().e164()).expectRejected(RejectReason.NOT_IN_SERVICE);
    kit.call(STRANGER, DL_L.number().e164()).expectBridgeTo("+917000000002");
    List<Allocation> stillActive = new ArrayList<>();
    for (Allocation a : List.of(soon, later, third)) {
      if (kit.allocation(a.greenvnId()).isActive()) {
        stillActive.add(a);
      }
    }
    assertThat(stillActive).extracting(Allocation::connectionId).containsExactly("later", "third");
  }

  @Test
  void aSweepIsNotStalledByDueAllocationsOfTenantsItDoesNotServe() {
    // Two engines share one store but serve different tenants. The first engine's allocations
    // fall due first and are not the second engine's to expire; its own must expire anyway.
    MutableClock clock = MutableClock.startingAt(GreenVnTestKit.START);
    InMemoryAllocationStore store = new InMemoryAllocationStore();
    Tenant t1 = Tenant.builder("t1").numbers(List.of(DL_L)).build();
    Tenant t2 = Tenant.builder("t2").numbers(List.of(AP_L)).build();
    try (GreenVn first = engine(clock, store, t1);
        GreenVn second = engine(clock, store, t2)) {
      for (int i = 0; i < 256; i++) {
        first.allocations().create("t1", request("o-" + i, party(2 * i), party(2 * i + 1), "10s"));
      }
      Allocation own = second.allocations().create("t2", request("mine", A1, B1, "20s"));

      clock.advance(Duration.ofSeconds(30));

      assertThat(second.expireDue()).isEqualTo(1);
      assertThat(second.allocations().get("t2", own.greenvnId()).isActive()).isFalse();
      assertThat(first.expireDue()).isEqualTo(256);
    }
  }

  private static AllocationRequest request(String id, String a, String b, String duration) {
    return twoway(id, a, b).deallocationDuration(duration).build();
  }
}
