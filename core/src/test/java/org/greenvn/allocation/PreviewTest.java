package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.A2;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.B2;
import static org.greenvn.TestNumbers.DL_L;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.KA_M;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.allocation.Refusals.assertRefused;

import java.util.List;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.inventory.VnLoad;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link AllocationService#preview}: the number a create would take, and nothing written. */
class PreviewTest {

  private final GreenVnTestKit kit =
      GreenVnTestKit.forTenant(Tenant.builder(SID).number(DL_L).number(KA_L).number(KA_M).build());
  private final AllocationService service = kit.greenVn().allocations();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void itNamesTheNumberTheCreateThenTakesAndWritesNothing() {
    AllocationRequest request =
        twoway("o1", A1, B1).preferences(Preferences.builder().region("KA").build()).build();
    List<VnLoad> before = service.utilisation(SID);

    VirtualNumber previewed = service.preview(SID, request);

    assertThat(previewed).isEqualTo(KA_L);
    assertThat(service.utilisation(SID)).isEqualTo(before);
    assertThat(kit.allocate(request).greenvn()).isEqualTo(previewed.number());
  }

  @Test
  void itRefusesAsTheCreateWould() {
    kit.allocate(twoway("o1", A1, B1).build());
    List<VnLoad> before = service.utilisation(SID);

    assertRefused(() -> service.preview(SID, twoway("o1", A2, B2).build()), 18, 409);
    assertRefused(
        () ->
            service.preview(
                SID,
                twoway("o2", A2, B2)
                    .strict(true)
                    .preferences(Preferences.builder().region("RJ").build())
                    .build()),
        4,
        452);
    assertRefused(() -> service.preview(SID, twoway("o2", A2, A2).build()), 14, 409);
    assertRefused(() -> service.preview("nobody", twoway("o2", A2, B2).build()), 1, 404);
    assertThat(service.utilisation(SID)).isEqualTo(before);
  }
}
