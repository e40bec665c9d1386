package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.allocation.Refusals.assertRefused;

import java.time.Duration;
import org.greenvn.TestFixtures;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A deallocated allocation can be read in the vault until its retention is over. */
class VaultRetentionTest {

  private final GreenVnTestKit kit =
      GreenVnTestKit.forTenant(Tenant.builder(SID).number(AP_L).build());

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void aDeletedAllocationIsReadableInTheVaultUntilTheRetentionIsOverThenUnknown() {
    Allocation order = kit.allocate(TestFixtures.twoway("order-1", A1, B1).build());
    kit.greenVn().allocations().delete(SID, order.greenvnId());
    Duration retention = Duration.ofDays(30);

    kit.clock().advance(retention.minusSeconds(1));
    assertThat(kit.greenVn().allocations().purgeVault(retention)).isZero();
    assertThat(kit.allocation(order.greenvnId()).state()).isEqualTo(AllocationState.VAULT);
    assertRefused(() -> kit.greenVn().allocations().delete(SID, order.greenvnId()), 22, 410);

    kit.clock().advance(Duration.ofSeconds(2));
    assertThat(kit.greenVn().allocations().purgeVault(retention)).isEqualTo(1);
    assertRefused(() -> kit.allocation(order.greenvnId()), 1, 404);
  }

  @Test
  void anActiveAllocationIsNeverPurgedHoweverOld() {
    Allocation order =
        kit.allocate(TestFixtures.twoway("order-1", A1, B1).deallocationDuration("3650d").build());

    kit.clock().advance(Duration.ofDays(400));

    assertThat(kit.greenVn().allocations().purgeVault(Duration.ofDays(30))).isZero();
    assertThat(kit.allocation(order.greenvnId()).isActive()).isTrue();
  }
}
