package org.greenvn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationConflictException;
import org.greenvn.allocation.AllocationConflictException.Kind;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.DeallocationCause;
import org.greenvn.allocation.Party;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Route;
import org.greenvn.allocation.StaleAllocationException;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AllocationStore} passes. A store's test extends this class and
 * returns a fresh, empty store from {@link #newStore()}; every test gets its own.
 *
 * <p>"Changes nothing" is checked with a {@link Snapshot} of every look-up the SPI offers over a
 * fixed universe of ids, connection ids, tenants, virtual numbers, numbers and PINs: the tests
 * use only values from that universe.
 */
public abstract class AllocationStoreContract {

  /** The tenant of most allocations here. */
  protected static final String TENANT = "acme";
  /** Another tenant. */
  protected static final String OTHER_TENANT = "globex";
  protected static final List<String> ALL_TENANTS = List.of(TENANT, OTHER_TENANT);

  /** Virtual numbers. */
  protected static final PhoneNumber VN1 = PhoneNumber.of("+914048212136");
  protected static final PhoneNumber VN2 = PhoneNumber.of("+918041234567");
  protected static final PhoneNumber VN3 = PhoneNumber.of("+914040000001");

  /** Party numbers. */
  protected static final PhoneNumber N0 = PhoneNumber.of("+919876543210");
  protected static final PhoneNumber N1 = PhoneNumber.of("+919800000001");
  protected static final PhoneNumber N2 = PhoneNumber.of("+919800000002");
  protected static final PhoneNumber N3 = PhoneNumber.of("+919800000003");
  protected static final PhoneNumber N4 = PhoneNumber.of("+919800000004");
  protected static final PhoneNumber N5 = PhoneNumber.of("+919800000005");

  /** PINs. */
  protected static final Pin P1 = Pin.of(1111);
  protected static final Pin P2 = Pin.of(2222);
  protected static final Pin P3 = Pin.of(3333);

  /** When the test allocations are created. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** When most tests change an allocation: a second after {@link #T0}. */
  private static final Instant T1 = T0.plusSeconds(1);

  private static final List<String> IDS = List.of("g1", "g2", "g3", "g4", "g5");
  private static final List<String> TENANTS = List.of(TENANT, OTHER_TENANT);
  private static final List<String> CONNECTIONS =
      List.of("conn-g1", "conn-g2", "conn-g3", "conn-g4", "conn-g5", "shared");
  private static final List<PhoneNumber> VNS = List.of(VN1, VN2, VN3);
  private static final List<PhoneNumber> NUMBERS = List.of(N0, N1, N2, N3, N4, N5);
  private static final List<Pin> PINS = List.of(P1, P2, P3);

  private AllocationStore store;

  /** A new, empty store: called once per test. */
  protected abstract AllocationStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  /** The store under test. */
  protected AllocationStore store() {
    return store;
  }

  // ---------------------------------------------------------------- insert and look-ups

  @Test
  void insertedAllocationIsFoundByItsId() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();

    store.insert(g1);

    assertThat(store.find("g1")).contains(g1);
    assertThat(store.find("g2")).isEmpty();
  }

  @Test
  void emptyStoreFindsNothing() {
    assertThat(store.find("g1")).isEmpty();
    assertThat(store.findActiveByNumber(VN1, N1)).isEmpty();
    assertThat(store.findActiveByPin(VN1, P1)).isEmpty();
    assertThat(store.findActiveByConnectionId(TENANT, "conn-g1")).isEmpty();
    assertThat(store.hasActiveWithPins(VN1)).isFalse();
    assertThat(store.dueForExpiry(ALL_TENANTS, T0.plus(Duration.ofDays(3650)), 10)).isEmpty();
    assertThat(store.activeCountByGreenvn(TENANT)).isEmpty();
    assertThat(store.lastReleaseByGreenvn(TENANT)).isEmpty();
  }

  @Test
  void insertedAllocationIsFoundByItsConnectionIdInItsTenantOnly() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();

    store.insert(g1);

    assertThat(store.findActiveByConnectionId(TENANT, "conn-g1")).contains(g1);
    assertThat(store.findActiveByConnectionId(OTHER_TENANT, "conn-g1")).isEmpty();
    assertThat(store.findActiveByConnectionId(TENANT, "conn-g2")).isEmpty();
  }

  @Test
  void insertedAllocationIsFoundByEachOfItsNumbersOnItsVirtualNumberOnly() {
    Allocation g1 = allocation("g1").on(VN1).a(N1, N2).b(N3).build();

    store.insert(g1);

    assertThat(store.findActiveByNumber(VN1, N1)).contains(g1);
    assertThat(store.findActiveByNumber(VN1, N2)).contains(g1);
    assertThat(store.findActiveByNumber(VN1, N3)).contains(g1);
    assertThat(store.findActiveByNumber(VN1, N4)).isEmpty();
    assertThat(store.findActiveByNumber(VN2, N1)).isEmpty();
    assertThat(store.findActiveByNumber(VN2, N3)).isEmpty();
  }

  @Test
  void insertedAllocationIsFoundByEachOfItsPinsOnItsVirtualNumberOnly() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).aPins(P1).bPins(P2).build();

    store.insert(g1);

    assertThat(store.findActiveByPin(VN1, P1)).contains(g1);
    assertThat(store.findActiveByPin(VN1, P2)).contains(g1);
    assertThat(store.findActiveByPin(VN1, P3)).isEmpty();
    assertThat(store.findActiveByPin(VN2, P1)).isEmpty();
  }

  @Test
  void findActiveRouteGivesTheAllocationAndTheSideOfTheNumber() {
    Allocation g1 = allocation("g1").on(VN1).a(N1, N2).b(N3).aPins(P1).build();

    store.insert(g1);

    assertThat(store.findActiveRoute(VN1, N2))
        .hasValueSatisfying(
            route -> {
              assertThat(route.allocation()).isEqualTo(g1);
              assertThat(route.party()).isEqualTo(Party.A);
            });
    assertThat(store.findActiveRoute(VN1, N3).map(Route::party)).contains(Party.B);
    assertThat(store.findActiveRoute(VN1, N4)).isEmpty();
    assertThat(store.findActiveRoute(VN2, N1)).isEmpty();
  }

  @Test
  void findActiveRouteFollowsAReplaceAndForgetsTheVault() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();
    store.insert(g1);
    Allocation moved = g1.withParties(
        List.of(N2), List.of(N1, N3), List.of(), List.of(), Usage.TWOWAY, T0.plusSeconds(5));

    store.replace(g1, moved);

    assertThat(store.findActiveRoute(VN1, N1).map(Route::party)).contains(Party.B);
    assertThat(store.findActiveRoute(VN1, N2).map(Route::party)).contains(Party.A);
    assertThat(store.findActiveRoute(VN1, N3).map(Route::allocation)).contains(moved);

    store.replace(moved, moved.toVault(T0.plusSeconds(9), DeallocationCause.DELETED));

    assertThat(store.findActiveRoute(VN1, N1)).isEmpty();
    assertThat(store.findActiveRoute(VN1, N3)).isEmpty();
  }

  @Test
  void hasActiveWithPinsIsTrueOnlyOnVirtualNumbersWithAnAllocationThatHasPins() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build());
    store.insert(allocation("g2").on(VN2).a(N1).b(N2).build());

    assertThat(store.hasActiveWithPins(VN1)).isTrue();
    assertThat(store.hasActiveWithPins(VN2)).isFalse();
    assertThat(store.hasActiveWithPins(VN3)).isFalse();
  }

  @Test
  void hasActiveWithPinsStaysTrueWhileAnyPinnedAllocationOnTheNumberIsActive() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).aPins(P1).build();
    Allocation g2 = allocation("g2").on(VN1).a(N3).b(N4).bPins(P2).build();
    store.insert(g1);
    store.insert(g2);

    store.replace(g1, g1.toVault(T0.plusSeconds(60), DeallocationCause.DELETED));

    assertThat(store.hasActiveWithPins(VN1)).isTrue();
    assertThat(store.findActiveByPin(VN1, P2)).contains(g2);
  }

  @Test
  void activeCountByGreenvnCountsTheTenantsActiveAllocationsPerVirtualNumber() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).build());
    store.insert(allocation("g2").on(VN1).a(N3).b(N4).build());
    store.insert(allocation("g3").on(VN2).a(N1).b(N2).build());
    store.insert(allocation("g4").tenant(OTHER_TENANT).on(VN3).a(N1).b(N2).build());

    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN1, 2, VN2, 1));
    assertThat(store.activeCountByGreenvn(OTHER_TENANT)).isEqualTo(Map.of(VN3, 1));
    assertThat(store.activeCountByGreenvn("nobody")).isEmpty();
  }

  @Test
  void lastReleaseByGreenvnIsEmptyWhileNothingWasReleased() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).build());

    assertThat(store.lastReleaseByGreenvn(TENANT)).isEmpty();
  }

  @Test
  void oneVirtualNumberCarriesManyAllocationsWithDisjointNumbersAndPins() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).aPins(P1).build();
    Allocation g2 = allocation("g2").on(VN1).a(N3).b(N4).aPins(P2).build();

    store.insert(g1);
    store.insert(g2);

    assertThat(store.findActiveByNumber(VN1, N1)).contains(g1);
    assertThat(store.findActiveByNumber(VN1, N4)).contains(g2);
    assertThat(store.findActiveByPin(VN1, P1)).contains(g1);
    assertThat(store.findActiveByPin(VN1, P2)).contains(g2);
  }

  // ---------------------------------------------------------------- insert refusals

  @Test
  void insertWithAConnectionIdActiveInTheTenantIsRefusedAsConnectionIdAndChangesNothing() {
    store.insert(allocation("g1").connection("shared").on(VN1).a(N1).b(N2).build());

    assertConflict(
        Kind.CONNECTION_ID,
        () -> store.insert(allocation("g2").connection("shared").on(VN2).a(N3).b(N4).build()));
  }

  @Test
  void theSameConnectionIdInAnotherTenantIsAccepted() {
    Allocation g1 = allocation("g1").connection("shared").on(VN1).a(N1).b(N2).build();
    Allocation g2 =
        allocation("g2").tenant(OTHER_TENANT).connection("shared").on(VN2).a(N1).b(N2).build();
    store.insert(g1);

    store.insert(g2);

    assertThat(store.findActiveByConnectionId(TENANT, "shared")).contains(g1);
    assertThat(store.findActiveByConnectionId(OTHER_TENANT, "shared")).contains(g2);
  }

  @Test
  void insertHoldingANumberAlreadyHeldOnTheVirtualNumberIsRefusedAsNumberAndChangesNothing() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).build());

    // N2 is g1's B party; here it is in the A party: the side does not matter.
    AllocationConflictException e =
        assertConflict(
            Kind.NUMBER,
            () -> store.insert(allocation("g2").on(VN1).a(N2).b(N3).aPins(P1).build()));

    assertThat(e.greenvn()).isEqualTo(VN1);
  }

  @Test
  void insertHoldingAPinAlreadyHeldOnTheVirtualNumberIsRefusedAsPinAndChangesNothing() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build());

    AllocationConflictException e =
        assertConflict(
            Kind.PIN,
            () -> store.insert(allocation("g2").on(VN1).a(N3).b(N4).aPins(P2, P1).build()));

    assertThat(e.greenvn()).isEqualTo(VN1);
  }

  @Test
  void theSameNumbersAndPinsOnAnotherVirtualNumberAreAccepted() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build();
    Allocation g2 = allocation("g2").on(VN2).a(N1).b(N2).bPins(P1).build();
    store.insert(g1);

    store.insert(g2);

    assertThat(store.findActiveByNumber(VN1, N1)).contains(g1);
    assertThat(store.findActiveByNumber(VN2, N1)).contains(g2);
    assertThat(store.findActiveByPin(VN2, P1)).contains(g2);
  }

  @Test
  void insertOfAnAllocationThatIsNotActiveIsRejectedAndChangesNothing() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).build());
    Allocation vaulted =
        allocation("g2").on(VN2).a(N3).b(N4).build().toVault(T0, DeallocationCause.DELETED);

    assertRejected(IllegalArgumentException.class, () -> store.insert(vaulted));
  }

  @Test
  void insertWithTheIdOfAStoredAllocationIsRejectedAndChangesNothing() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).build());
    Allocation sameId = allocation("g1").connection("shared").on(VN2).a(N3).b(N4).build();

    assertRejected(IllegalArgumentException.class, () -> store.insert(sameId));
  }

  @Test
  void insertWithTheIdOfAVaultedAllocationIsRejected() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();
    store.insert(g1);
    store.replace(g1, g1.toVault(T0.plusSeconds(5), DeallocationCause.DELETED));

    assertRejected(
        IllegalArgumentException.class,
        () -> store.insert(allocation("g1").on(VN1).a(N1).b(N2).build()));
  }

  // ---------------------------------------------------------------- replace

  @Test
  void replaceStoresTheNextVersionForEveryLookUp() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build();
    store.insert(g1);
    Allocation next =
        g1.withParties(List.of(N1), List.of(N2), List.of(), List.of(P1), Usage.ONEWAY, T1);

    store.replace(g1, next);

    assertThat(store.find("g1")).contains(next);
    assertThat(store.findActiveByConnectionId(TENANT, "conn-g1")).contains(next);
    assertThat(store.findActiveByNumber(VN1, N1)).contains(next);
    assertThat(store.findActiveByNumber(VN1, N2)).contains(next);
    assertThat(store.findActiveByPin(VN1, P1)).contains(next);
    assertThat(store.dueForExpiry(ALL_TENANTS, g1.expiresAt(), 10)).containsExactly(next);
    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN1, 1));
  }

  @Test
  void replaceFromAStaleVersionIsRefusedAndChangesNothing() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();
    store.insert(g1);
    store.replace(
        g1, g1.withParties(List.of(N1), List.of(N3), List.of(), List.of(), Usage.TWOWAY, T1));

    Allocation fromStale =
        g1.withParties(List.of(N4), List.of(N5), List.of(P1), List.of(), Usage.ONEWAY, T1);
    assertRejected(StaleAllocationException.class, () -> store.replace(g1, fromStale));
  }

  @Test
  void replaceToTheVaultFromAStaleVersionIsRefusedAndChangesNothing() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();
    store.insert(g1);
    store.replace(g1, g1.withJoined(Party.B, N3, T1));

    assertRejected(
        StaleAllocationException.class,
        () -> store.replace(g1, g1.toVault(T0, DeallocationCause.DELETED)));
    assertThat(store.find("g1").orElseThrow().isActive()).isTrue();
  }

  @Test
  void replaceOfAnAllocationThatWasNeverInsertedIsRefusedAsStale() {
    Allocation ghost = allocation("g1").on(VN1).a(N1).b(N2).build();

    assertRejected(
        StaleAllocationException.class,
        () -> store.replace(ghost, ghost.withJoined(Party.A, N3, T1)));
  }

  @Test
  void replaceThatAddsANumberHeldOnTheVirtualNumberIsRefusedAsNumberAndChangesNothing() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).build());
    Allocation g2 = allocation("g2").on(VN1).a(N3).b(N4).build();
    store.insert(g2);

    assertConflict(
        Kind.NUMBER,
        () ->
            store.replace(
                g2,
                g2.withParties(
                    List.of(N3), List.of(N4, N1), List.of(), List.of(), Usage.TWOWAY, T1)));
  }

  @Test
  void replaceThatAddsAPinHeldOnTheVirtualNumberIsRefusedAsPinAndChangesNothing() {
    store.insert(allocation("g1").on(VN1).a(N1).b(N2).aPins(P1).build());
    Allocation g2 = allocation("g2").on(VN1).a(N3).b(N4).build();
    store.insert(g2);

    assertConflict(
        Kind.PIN,
        () ->
            store.replace(
                g2,
                g2.withParties(
                    List.of(N3), List.of(N4), List.of(), List.of(P1), Usage.TWOWAY, T1)));
  }

  @Test
  void replaceThatKeepsItsOwnNumbersAndPinsIsNoConflict() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).aPins(P1).build();
    store.insert(g1);
    Allocation next =
        g1.withParties(List.of(N2), List.of(N1), List.of(), List.of(P1), Usage.ONEWAY, T1);

    store.replace(g1, next);

    assertThat(store.find("g1")).contains(next);
    assertThat(store.findActiveByNumber(VN1, N1)).contains(next);
    assertThat(store.findActiveByPin(VN1, P1)).contains(next);
  }

  @Test
  void replaceThatDropsANumberAndAPinFreesThemOnTheVirtualNumber() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2, N3).bPins(P1).build();
    store.insert(g1);

    store.replace(
        g1, g1.withParties(List.of(N1), List.of(N2), List.of(), List.of(), Usage.TWOWAY, T1));

    assertThat(store.findActiveByNumber(VN1, N3)).isEmpty();
    assertThat(store.findActiveByPin(VN1, P1)).isEmpty();
    assertThat(store.hasActiveWithPins(VN1)).isFalse();
    Allocation g2 = allocation("g2").on(VN1).a(N3).b(N4).aPins(P1).build();
    store.insert(g2);
    assertThat(store.findActiveByNumber(VN1, N3)).contains(g2);
    assertThat(store.findActiveByPin(VN1, P1)).contains(g2);
  }

  @Test
  void replaceToTheVaultFreesNumbersPinsAndConnectionIdAndDropsItFromLookUpsAndCounts() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build();
    store.insert(g1);
    store.insert(allocation("g2").on(VN1).a(N3).b(N4).build());
    Instant released = T0.plus(Duration.ofMinutes(7));
    Allocation vaulted = g1.toVault(released, DeallocationCause.DELETED);

    store.replace(g1, vaulted);

    assertThat(store.find("g1")).contains(vaulted);
    assertThat(store.find("g1").orElseThrow().state()).isEqualTo(AllocationState.VAULT);
    assertThat(store.findActiveByConnectionId(TENANT, "conn-g1")).isEmpty();
    assertThat(store.findActiveByNumber(VN1, N1)).isEmpty();
    assertThat(store.findActiveByNumber(VN1, N2)).isEmpty();
    assertThat(store.findActiveByPin(VN1, P1)).isEmpty();
    assertThat(store.hasActiveWithPins(VN1)).isFalse();
    assertThat(store.dueForExpiry(ALL_TENANTS, T0.plus(Duration.ofDays(3650)), 10))
        .extracting(Allocation::greenvnId)
        .containsExactly("g2");
    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN1, 1));
    assertThat(store.lastReleaseByGreenvn(TENANT)).isEqualTo(Map.of(VN1, released));
    assertThat(store.lastReleaseByGreenvn(OTHER_TENANT)).isEmpty();
  }

  @Test
  void whatTheVaultFreedCanBeTakenByANewAllocation() {
    Allocation g1 = allocation("g1").connection("shared").on(VN1).a(N1).b(N2).bPins(P1).build();
    store.insert(g1);
    store.replace(g1, g1.toVault(T0.plusSeconds(30), DeallocationCause.EXPIRED));
    Allocation g2 = allocation("g2").connection("shared").on(VN1).a(N2).b(N1).aPins(P1).build();

    store.insert(g2);

    assertThat(store.findActiveByConnectionId(TENANT, "shared")).contains(g2);
    assertThat(store.findActiveByNumber(VN1, N1)).contains(g2);
    assertThat(store.findActiveByPin(VN1, P1)).contains(g2);
    assertThat(store.find("g1").orElseThrow().isActive()).isFalse();
    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN1, 1));
  }

  @Test
  void lastReleaseByGreenvnKeepsTheLatestReleaseOfEachVirtualNumber() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();
    Allocation g2 = allocation("g2").on(VN1).a(N3).b(N4).build();
    Allocation g3 = allocation("g3").on(VN2).a(N1).b(N2).build();
    store.insert(g1);
    store.insert(g2);
    store.insert(g3);

    store.replace(g1, g1.toVault(T0.plusSeconds(10), DeallocationCause.DELETED));
    store.replace(g3, g3.toVault(T0.plusSeconds(20), DeallocationCause.EXPIRED));
    store.replace(g2, g2.toVault(T0.plusSeconds(30), DeallocationCause.DELETED));

    assertThat(store.lastReleaseByGreenvn(TENANT))
        .isEqualTo(Map.of(VN1, T0.plusSeconds(30), VN2, T0.plusSeconds(20)));
    assertThat(store.activeCountByGreenvn(TENANT)).isEmpty();
  }

  @Test
  void replaceThatMovesToAnotherVirtualNumberMovesEveryLookUp() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build();
    store.insert(g1);
    Allocation moved = g1.withGreenvn(VN2, false, Preferences.none(), T1);

    store.replace(g1, moved);

    assertThat(store.find("g1")).contains(moved);
    assertThat(store.findActiveByConnectionId(TENANT, "conn-g1")).contains(moved);
    assertThat(store.findActiveByNumber(VN2, N1)).contains(moved);
    assertThat(store.findActiveByNumber(VN2, N2)).contains(moved);
    assertThat(store.findActiveByPin(VN2, P1)).contains(moved);
    assertThat(store.findActiveByNumber(VN1, N1)).isEmpty();
    assertThat(store.findActiveByNumber(VN1, N2)).isEmpty();
    assertThat(store.findActiveByPin(VN1, P1)).isEmpty();
    assertThat(store.hasActiveWithPins(VN1)).isFalse();
    assertThat(store.hasActiveWithPins(VN2)).isTrue();
    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN2, 1));
    assertThat(store.dueForExpiry(ALL_TENANTS, g1.expiresAt(), 10)).containsExactly(moved);
  }

  @Test
  void whatAMoveLeftBehindCanBeTakenOnTheOldVirtualNumber() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build();
    store.insert(g1);
    store.replace(g1, g1.withGreenvn(VN2, false, Preferences.none(), T1));
    Allocation g2 = allocation("g2").on(VN1).a(N1).b(N2).bPins(P1).build();

    store.insert(g2);

    assertThat(store.findActiveByNumber(VN1, N1)).contains(g2);
    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN1, 1, VN2, 1));
  }

  @Test
  void replaceThatMovesOntoAVirtualNumberWhereANumberIsHeldIsRefusedAndChangesNothing() {
    store.insert(allocation("g1").on(VN2).a(N2).b(N5).build());
    Allocation g2 = allocation("g2").on(VN1).a(N1).b(N2).build();
    store.insert(g2);

    AllocationConflictException e =
        assertConflict(
            Kind.NUMBER,
            () -> store.replace(g2, g2.withGreenvn(VN2, true, Preferences.none(), T1)));

    assertThat(e.greenvn()).isEqualTo(VN2);
  }

  @Test
  void aJoinMakesTheNewNumberRoutableAndKeepsTheOldOnes() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build();
    store.insert(g1);
    Allocation joined = g1.withJoined(Party.B, N3, T1);

    store.replace(g1, joined);

    assertThat(store.findActiveByNumber(VN1, N3)).contains(joined);
    assertThat(store.findActiveByNumber(VN1, N3).orElseThrow().partyOf(N3)).contains(Party.B);
    assertThat(store.findActiveByNumber(VN1, N1)).contains(joined);
    assertThat(store.findActiveByNumber(VN1, N2)).contains(joined);
    assertThat(store.findActiveByPin(VN1, P1)).contains(joined);
    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN1, 1));
  }

  @Test
  void aJoinOfANumberHeldByAnotherAllocationOnTheVirtualNumberIsRefused() {
    store.insert(allocation("g1").on(VN1).a(N3).b(N4).build());
    Allocation g2 = allocation("g2").on(VN1).a(N1).b(N2).bPins(P1).build();
    store.insert(g2);

    assertConflict(Kind.NUMBER, () -> store.replace(g2, g2.withJoined(Party.B, N3, T1)));
  }

  // ---------------------------------------------------------------- expiry

  @Test
  void dueForExpiryReturnsOnlyActiveAllocationsDueAtOrBeforeNowSoonestFirst() {
    Allocation late = allocation("g1").on(VN1).a(N1).b(N2).expiresIn(Duration.ofMinutes(3)).build();
    Allocation soon = allocation("g2").on(VN2).a(N1).b(N2).expiresIn(Duration.ofMinutes(1)).build();
    Allocation vaulted =
        allocation("g3").on(VN3).a(N1).b(N2).expiresIn(Duration.ofMinutes(2)).build();
    Allocation notYet =
        allocation("g4").on(VN1).a(N3).b(N4).expiresIn(Duration.ofMinutes(10)).build();
    Allocation otherTenant =
        allocation("g5").tenant(OTHER_TENANT).on(VN2).a(N3).b(N4)
            .expiresIn(Duration.ofSeconds(150)).build();
    store.insert(late);
    store.insert(soon);
    store.insert(vaulted);
    store.insert(notYet);
    store.insert(otherTenant);
    store.replace(vaulted, vaulted.toVault(T0, DeallocationCause.DELETED));

    List<Allocation> due = store.dueForExpiry(ALL_TENANTS, T0.plus(Duration.ofMinutes(3)), 10);

    assertThat(due).containsExactly(soon, otherTenant, late);
    assertThat(store.dueForExpiry(ALL_TENANTS, T0.plus(Duration.ofSeconds(59)), 10)).isEmpty();
  }

  @Test
  void purgeForgetsOnlyWhatWentToTheVaultBeforeTheCutoff() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();
    Allocation g2 = allocation("g2").on(VN1).a(N3).b(N4).build();
    Allocation g3 = allocation("g3").on(VN2).a(N1).b(N2).build();
    store.insert(g1);
    store.insert(g2);
    store.insert(g3);
    store.replace(g1, g1.toVault(T0.plusSeconds(10), DeallocationCause.DELETED));
    store.replace(g2, g2.toVault(T0.plusSeconds(20), DeallocationCause.EXPIRED));

    assertThat(store.purgeVaultedBefore(T0.plusSeconds(15), 10)).isEqualTo(1);

    assertThat(store.find("g1")).isEmpty();
    assertThat(store.find("g2")).isPresent();
    assertThat(store.find("g3")).contains(g3);
    assertThat(store.purgeVaultedBefore(T0.plusSeconds(20), 10)).isZero();
    assertThat(store.purgeVaultedBefore(T0.plus(Duration.ofDays(3650)), 10)).isEqualTo(1);
    assertThat(store.find("g2")).isEmpty();
    assertThat(store.find("g3")).contains(g3);
    assertThat(store.findActiveByNumber(VN2, N1)).contains(g3);
    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN2, 1));
  }

  @Test
  void purgeHonoursTheLimitOldestFirst() {
    for (int i = 1; i <= 3; i++) {
      Allocation g = allocation("g" + i).on(VN1).a(N1).b(N2).build();
      store.insert(g);
      store.replace(g, g.toVault(T0.plusSeconds(10L * i), DeallocationCause.DELETED));
    }

    assertThat(store.purgeVaultedBefore(T0.plus(Duration.ofDays(1)), 2)).isEqualTo(2);

    assertThat(store.find("g1")).isEmpty();
    assertThat(store.find("g2")).isEmpty();
    assertThat(store.find("g3")).isPresent();
    assertThat(store.purgeVaultedBefore(T0.plus(Duration.ofDays(1)), 2)).isEqualTo(1);
    assertThat(store.find("g3")).isEmpty();
  }

  @Test
  void dueForExpiryHonoursTheLimitKeepingTheSoonest() {
    for (int i = 1; i <= 5; i++) {
      store.insert(
          allocation("g" + i)
              .on(VN1)
              .a(NUMBERS.get(i))
              .b(PhoneNumber.of("+9198000000" + (20 + i)))
              .expiresIn(Duration.ofMinutes(10 - i))
              .build());
    }
    Instant later = T0.plus(Duration.ofHours(1));

    assertThat(store.dueForExpiry(ALL_TENANTS, later, 2))
        .extracting(Allocation::greenvnId)
        .containsExactly("g5", "g4");
    assertThat(store.dueForExpiry(ALL_TENANTS, later, 5))
        .extracting(Allocation::greenvnId)
        .containsExactly("g5", "g4", "g3", "g2", "g1");
    assertThat(store.dueForExpiry(ALL_TENANTS, later, 0)).isEmpty();
  }

  @Test
  void aChangedAllocationIsDueOnceInItsLatestVersion() {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).bPins(P1).build();
    store.insert(g1);
    Allocation joined = g1.withJoined(Party.B, N3, T1);
    store.replace(g1, joined);
    Allocation moved = joined.withGreenvn(VN2, false, Preferences.none(), T1);
    store.replace(joined, moved);

    assertThat(store.dueForExpiry(ALL_TENANTS, g1.expiresAt(), 10)).containsExactly(moved);
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void ofConcurrentInsertsHoldingOneNumberOnOneVirtualNumberExactlyOneWins() throws Exception {
    int threads = 8;
    List<Callable<Boolean>> inserts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      PhoneNumber other = PhoneNumber.of("+9198000000" + (10 + i));
      Allocation candidate =
          allocation("c" + i).connection("conn-c" + i).on(VN1).a(N1).b(other).build();
      inserts.add(
          () -> {
            try {
              store.insert(candidate);
              return true;
            } catch (AllocationConflictException e) {
              assertThat(e.kind()).isEqualTo(Kind.NUMBER);
              return false;
            }
          });
    }

    List<Boolean> won = runTogether(inserts);

    assertThat(won).containsOnlyOnce(true);
    String winner = "c" + won.indexOf(true);
    assertThat(store.findActiveByNumber(VN1, N1).orElseThrow().greenvnId()).isEqualTo(winner);
    assertThat(store.activeCountByGreenvn(TENANT)).isEqualTo(Map.of(VN1, 1));
  }

  @Test
  void ofConcurrentReplacesFromOneVersionExactlyOneWins() throws Exception {
    Allocation g1 = allocation("g1").on(VN1).a(N1).b(N2).build();
    store.insert(g1);
    int threads = 8;
    List<Callable<Boolean>> replaces = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Allocation next = g1.withJoined(Party.B, PhoneNumber.of("+9198000000" + (10 + i)), T1);
      replaces.add(
          () -> {
            try {
              store.replace(g1, next);
              return true;
            } catch (StaleAllocationException e) {
              return false;
            }
          });
    }

    List<Boolean> won = runTogether(replaces);

    assertThat(won).containsOnlyOnce(true);
    Allocation stored = store.find("g1").orElseThrow();
    assertThat(stored.version()).isEqualTo(2);
    PhoneNumber joiner = stored.bPartyNumbers().get(1);
    assertThat(joiner).isEqualTo(PhoneNumber.of("+9198000000" + (10 + won.indexOf(true))));
    assertThat(store.findActiveByNumber(VN1, joiner)).contains(stored);
    for (int i = 0; i < threads; i++) {
      PhoneNumber loser = PhoneNumber.of("+9198000000" + (10 + i));
      if (!loser.equals(joiner)) {
        assertThat(store.findActiveByNumber(VN1, loser)).isEmpty();
      }
    }
  }

  private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch ready = new CountDownLatch(tasks.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.call();
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads started").isTrue();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Asserts the write is refused as a conflict of this kind and changes nothing; returns it. */
  private AllocationConflictException assertConflict(Kind kind, ThrowingCallable write) {
    Snapshot before = snapshot();
    AllocationConflictException e = catchThrowableOfType(AllocationConflictException.class, write);
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(snapshot()).isEqualTo(before);
    return e;
  }

  /** Asserts the write throws this type, a misuse of the SPI or a stale version: no change. */
  private void assertRejected(Class<? extends Throwable> type, ThrowingCallable write) {
    Snapshot before = snapshot();
    assertThatThrownBy(write).isInstanceOf(type);
    assertThat(snapshot()).isEqualTo(before);
  }

  /** Every look-up the SPI offers, over the fixed universe of this contract's values. */
  protected record Snapshot(
      Map<String, Optional<Allocation>> byId,
      Map<String, Optional<Allocation>> byConnection,
      Map<String, Optional<Allocation>> byNumber,
      Map<String, Optional<Allocation>> byPin,
      Map<PhoneNumber, Boolean> withPins,
      List<Allocation> due,
      Map<String, Map<PhoneNumber, Integer>> counts,
      Map<String, Map<PhoneNumber, Instant>> releases) {}

  /** A snapshot of every look-up. */
  protected Snapshot snapshot() {
    Map<String, Optional<Allocation>> byId = new LinkedHashMap<>();
    for (String id : IDS) {
      byId.put(id, store.find(id));
    }
    Map<String, Optional<Allocation>> byConnection = new LinkedHashMap<>();
    Map<String, Map<PhoneNumber, Integer>> counts = new LinkedHashMap<>();
    Map<String, Map<PhoneNumber, Instant>> releases = new LinkedHashMap<>();
    for (String tenant : TENANTS) {
      for (String connection : CONNECTIONS) {
        byConnection.put(
            tenant + "/" + connection, store.findActiveByConnectionId(tenant, connection));
      }
      counts.put(tenant, store.activeCountByGreenvn(tenant));
      releases.put(tenant, store.lastReleaseByGreenvn(tenant));
    }
    Map<String, Optional<Allocation>> byNumber = new LinkedHashMap<>();
    Map<String, Optional<Allocation>> byPin = new LinkedHashMap<>();
    Map<PhoneNumber, Boolean> withPins = new LinkedHashMap<>();
    for (PhoneNumber vn : VNS) {
      for (PhoneNumber number : NUMBERS) {
        byNumber.put(vn + "/" + number, store.findActiveByNumber(vn, number));
      }
      for (Pin pin : PINS) {
        byPin.put(vn + "/#" + pin.digits(), store.findActiveByPin(vn, pin));
      }
      withPins.put(vn, store.hasActiveWithPins(vn));
    }
    List<Allocation> due = store.dueForExpiry(ALL_TENANTS, T0.plus(Duration.ofDays(3650)), 100);
    return new Snapshot(
        byId, byConnection, byNumber, byPin, withPins, due, counts, releases);
  }

  /** Starts an active allocation of {@link #TENANT}, id {@code id}, connection {@code conn-id}. */
  protected static AllocationBuilder allocation(String id) {
    return new AllocationBuilder(id);
  }

  /** Builds test allocations: version 1, active, created at {@link #T0}, expiring after 1 h. */
  protected static final class AllocationBuilder {
    private final String id;
    private String tenant = TENANT;
    private String connection;
    private PhoneNumber greenvn = VN1;
    private List<PhoneNumber> a = List.of();
    private List<PhoneNumber> b = List.of();
    private List<Pin> aPins = List.of();
    private List<Pin> bPins = List.of();
    private Duration lifetime = Duration.ofHours(1);

    private AllocationBuilder(String id) {
      this.id = id;
      this.connection = "conn-" + id;
    }

    public AllocationBuilder tenant(String sid) {
      this.tenant = sid;
      return this;
    }

    public AllocationBuilder connection(String connectionId) {
      this.connection = connectionId;
      return this;
    }

    public AllocationBuilder on(PhoneNumber vn) {
      this.greenvn = vn;
      return this;
    }

    public AllocationBuilder a(PhoneNumber... numbers) {
      this.a = List.of(numbers);
      return this;
    }

    public AllocationBuilder b(PhoneNumber... numbers) {
      this.b = List.of(numbers);
      return this;
    }

    public AllocationBuilder aPins(Pin... pins) {
      this.aPins = List.of(pins);
      return this;
    }

    public AllocationBuilder bPins(Pin... pins) {
      this.bPins = List.of(pins);
      return this;
    }

    public AllocationBuilder expiresIn(Duration duration) {
      this.lifetime = duration;
      return this;
    }

    public Allocation build() {
      return new Allocation(
          tenant, id, connection, greenvn, a, b, aPins, bPins, Usage.TWOWAY, false,
          Preferences.none(), Optional.empty(), lifetime, AllocationState.ACTIVE, T0, T0,
          T0.plus(lifetime), Optional.empty(), Optional.empty(), 1);
    }
  }
}
