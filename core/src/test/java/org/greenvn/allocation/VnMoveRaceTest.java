package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestFixtures.checkNothingHeldTwice;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.DL_L;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.allocation.Refusals.assertRefused;

import java.time.Duration;
import java.util.List;
import org.greenvn.GreenVn;
import org.greenvn.store.ForwardingAllocationStore;
import org.greenvn.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A VN move whose chosen number is taken by a concurrent create between the choice and the write
 * (creates choose under the tenant lock and write outside it). Found by the soak: the move
 * answered 409 code 19, a code the API keeps for a strictly requested number, to a client that
 * named none. It must choose again instead.
 */
class VnMoveRaceTest {

  private final RacingStore store = new RacingStore();
  private GreenVn engine;

  @AfterEach
  void close() {
    engine.close();
  }

  private AllocationService start() {
    engine =
        GreenVn.builder()
            .store(store)
            .tenant(Tenant.builder(SID).numbers(List.of(DL_L, AP_L, KA_L)).build())
            .expirySweep(Duration.ZERO)
            .build();
    return engine.allocations();
  }

  @Test
  void aMoveWhoseChoiceIsTakenMeanwhileChoosesAnotherNumber() {
    AllocationService service = start();
    Allocation moving = service.create(SID, twoway("order-1", A1, B1).build());
    assertThat(moving.greenvn()).isEqualTo(DL_L.number());
    store.raceNextMove(service, "order-2");

    Allocation moved = service.updateVn(SID, moving.greenvnId(), VnUpdate.anyNumber());

    Allocation racer = store.racer();
    assertThat(racer.greenvn()).as("the concurrent create took the first choice")
        .isEqualTo(AP_L.number());
    assertThat(moved.greenvn()).isEqualTo(KA_L.number());
    assertThat(service.get(SID, moving.greenvnId()).greenvn()).isEqualTo(KA_L.number());
    checkNothingHeldTwice(List.of(moved, racer));
  }

  @Test
  void aStrictMoveToANamedNumberTakenMeanwhileIsStillRefusedWith19() {
    AllocationService service = start();
    Allocation moving = service.create(SID, twoway("order-1", A1, B1).build());
    store.raceNextMove(service, "order-2");

    VnUpdate toAp =
        new VnUpdate(true, Preferences.builder().greenvn(AP_L.number().e164()).build());
    assertRefused(() -> service.updateVn(SID, moving.greenvnId(), toAp), 19, 409);

    assertThat(service.get(SID, moving.greenvnId()).greenvn()).isEqualTo(DL_L.number());
  }

  /**
   * An in-memory store where, at the next write that moves an allocation to another number, a
   * create of another order holding the mover's A number lands on that number first.
   */
  private static final class RacingStore extends ForwardingAllocationStore {
    private AllocationService service;
    private String racerConnectionId;
    private Allocation racer;

    void raceNextMove(AllocationService service, String connectionId) {
      this.service = service;
      this.racerConnectionId = connectionId;
    }

    Allocation racer() {
      return racer;
    }

    @Override
    public void replace(Allocation current, Allocation next) {
      if (racerConnectionId != null && !next.greenvn().equals(current.greenvn())) {
        String connectionId = racerConnectionId;
        racerConnectionId = null;
        // The tenant lock is reentrant: this thread holds it, as a create's write does not.
        racer =
            service.create(
                SID,
                twoway(connectionId, current.aPartyNumbers().get(0).e164(), "+919800000077")
                    .strict(true)
                    .preferences(Preferences.builder().greenvn(next.greenvn().e164()).build())
                    .build());
      }
      delegate.replace(current, next);
    }
  }
}
