package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.greenvn.GreenVn;
import org.greenvn.TestFixtures;
import org.greenvn.TestNumbers;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.testkit.MutableClock;
import org.greenvn.tenant.Tenant;
import org.junit.jupiter.api.Test;

class AllocationIdsTest {

  private static final long NOW = Instant.parse("2026-11-30T01:02:03.456Z").toEpochMilli();

  @Test
  void aCreatedAllocationIsNamedByTheEnginesClock() {
    MutableClock clock = MutableClock.startingAt(Instant.ofEpochMilli(NOW));
    Tenant tenant = Tenant.builder("t1").numbers(List.of(TestNumbers.DL_L)).build();
    try (GreenVn engine =
        TestFixtures.engine(clock, new InMemoryAllocationStore(), tenant)) {
      Allocation made =
          engine.allocations().create(
              "t1", TestFixtures.twoway("o-1", TestNumbers.A1, TestNumbers.B1).build());

      UUID id = UUID.fromString(made.greenvnId());
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW);
    }
  }

  @Test
  void anIdIsAVersion7UuidCarryingItsTime() {
    UUID id = UUID.fromString(AllocationIds.next(NOW));

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2); // RFC 9562
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW);
  }

  @Test
  void idsOfOneMillisecondDifferInTheirRandomBits() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(AllocationIds.next(NOW));
    }
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void laterIdsSortAfterEarlierOnesAsText() {
    // What lets a store's index append: its key is the id's text.
    List<String> ids = new ArrayList<>();
    for (long t = NOW; t < NOW + 2_000; t += 7) {
      ids.add(AllocationIds.next(t));
    }
    assertThat(ids).isSorted();
  }

  @Test
  void aTimeOutsideTheFortyEightBitsIsRefused() {
    assertThatThrownBy(() -> AllocationIds.next(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AllocationIds.next(1L << 48))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
