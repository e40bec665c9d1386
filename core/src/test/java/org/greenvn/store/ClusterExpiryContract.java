package org.greenvn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.SID;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.greenvn.TestFixtures;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one database (two router nodes) that sweep the same due allocations at the same
 * moment deallocate each exactly once, with exactly one deallocation event between them.
 */
public abstract class ClusterExpiryContract {

  private static final int ALLOCATIONS = 24;

  /** Two stores on one new, empty database; closed by the subclass. */
  protected abstract List<AllocationStore> openTwoStores();

  @Test
  void eachExpiredAllocationIsDeallocatedByExactlyOneNode() throws Exception {
    List<AllocationStore> stores = openTwoStores();
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-02-01T08:00:00Z"));
    Tenant tenant = Tenant.builder(SID).number(AP_L).number(KA_L).build();
    List<GreenVnEvent> events = new CopyOnWriteArrayList<>();
    try (GreenVn one = engine(clock, stores.get(0), tenant, events);
        GreenVn two = engine(clock, stores.get(1), tenant, events)) {
      Set<String> created = new HashSet<>();
      for (int i = 0; i < ALLOCATIONS; i++) {
        GreenVn node = i % 2 == 0 ? one : two;
        Allocation a =
            node.allocations().create(SID, TestFixtures.twoway(
                "order-" + i, "+9198000001" + String.format("%02d", i),
                "+9197000001" + String.format("%02d", i))
                .deallocationDuration(Duration.ofMinutes(5 + i % 3)).build());
        created.add(a.greenvnId());
      }
      clock.advance(Duration.ofMinutes(10));

      List<Integer> expired = sweepTogether(one, two);

      assertThat(expired.get(0) + expired.get(1)).isEqualTo(ALLOCATIONS);
      List<String> deallocated = new ArrayList<>();
      for (GreenVnEvent event : events) {
        deallocated.add(((DeallocationEvent) event).greenvnId());
      }
      assertThat(deallocated).hasSize(ALLOCATIONS).doesNotHaveDuplicates();
      assertThat(new HashSet<>(deallocated)).isEqualTo(created);
      assertThat(one.expireDue() + two.expireDue()).isZero();
    }
  }

  private static GreenVn engine(
      MutableClock clock, AllocationStore store, Tenant tenant, List<GreenVnEvent> events) {
    return GreenVn.builder().clock(clock).store(store).tenant(tenant).listener(events::add)
        .expirySweep(Duration.ZERO).build();
  }

  private static List<Integer> sweepTogether(GreenVn one, GreenVn two) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Future<Integer> first = pool.submit(() -> {
        go.await();
        return one.expireDue();
      });
      Future<Integer> second = pool.submit(() -> {
        go.await();
        return two.expireDue();
      });
      go.countDown();
      return List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }
}
