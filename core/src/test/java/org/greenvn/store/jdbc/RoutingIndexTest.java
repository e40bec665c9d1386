package org.greenvn.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.DeallocationCause;
import org.greenvn.allocation.Party;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

/** The in-memory routing index: versions only move forward, and a stale entry drops only itself. */
class RoutingIndexTest {

  private static final PhoneNumber VN = PhoneNumber.of("+914048212136");
  private static final PhoneNumber N1 = PhoneNumber.of("+919800000001");
  private static final PhoneNumber N2 = PhoneNumber.of("+919800000002");
  private static final PhoneNumber N3 = PhoneNumber.of("+919800000003");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long VN_KEY = RouteKeys.digits(VN);

  private static Allocation allocation(String id, PhoneNumber a, PhoneNumber b, Pin... pins) {
    return new Allocation(
        "acme", id, "conn-" + id, VN, List.of(a), List.of(b), List.of(), List.of(pins),
        Usage.TWOWAY, false, Preferences.none(), Optional.empty(), Duration.ofHours(1),
        AllocationState.ACTIVE, T0, T0, T0.plusSeconds(3600), Optional.empty(), Optional.empty(),
        1);
  }

  private static Optional<Allocation> at(RoutingIndex index, PhoneNumber number) {
    byte[] hit = index.route(VN_KEY, RouteKeys.digits(number));
    return hit == null ? Optional.empty() : Optional.of(AllocationCodec.decode(hit));
  }

  @Test
  void anOlderVersionNeverReplacesANewerOne() {
    RoutingIndex index = new RoutingIndex();
    Allocation v1 = allocation("g1", N1, N2);
    Allocation v2 = v1.withJoined(Party.B, N3, T0.plusSeconds(1));

    index.put(v2);
    index.put(v1);

    assertThat(at(index, N3)).contains(v2);
    assertThat(at(index, N1)).contains(v2);
  }

  @Test
  void aNewVersionDropsTheKeysItNoLongerHas() {
    RoutingIndex index = new RoutingIndex();
    Allocation v1 = allocation("g1", N1, N2, Pin.of(77));
    index.put(v1);
    Allocation v2 =
        v1.withParties(List.of(N1), List.of(N3), List.of(), List.of(), Usage.TWOWAY, T0);

    index.put(v2);

    assertThat(at(index, N2)).isEmpty();
    assertThat(at(index, N3)).contains(v2);
    assertThat(index.hasPins(VN_KEY)).isFalse();
    assertThat(index.route(VN_KEY, RouteKeys.pin(Pin.of(77)))).isNull();
  }

  @Test
  void removingAStaleAllocationLeavesAKeyAnotherOneTookMeanwhile() {
    RoutingIndex index = new RoutingIndex();
    Allocation stale = allocation("g1", N1, N2);
    index.put(stale);
    // Another node vaulted g1 and gave N1 to g2; this index learnt of g2 first.
    Allocation taker = allocation("g2", N1, N3);
    index.put(taker);

    index.remove("g1");

    assertThat(at(index, N1)).contains(taker);
    assertThat(at(index, N2)).isEmpty();
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void everyChangeMovesTheEpochOn() {
    RoutingIndex index = new RoutingIndex();
    long start = index.epoch();
    Allocation g1 = allocation("g1", N1, N2);

    index.put(g1);
    long afterPut = index.epoch();
    index.remove(g1.toVault(T0, DeallocationCause.DELETED).greenvnId());
    long afterRemove = index.epoch();
    index.clear();

    assertThat(afterPut).isGreaterThan(start);
    assertThat(afterRemove).isGreaterThan(afterPut);
    assertThat(index.epoch()).isGreaterThan(afterRemove);
  }
}
