package org.greenvn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.Usage;
import org.greenvn.event.CallEvent;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.event.VerificationSucceededEvent;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.routing.RejectReason;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.junit.jupiter.api.Test;

/** The README's tour, end to end: if this breaks, the README is wrong. */
class GreenVnTourTest {

  @Test
  void readmeTour() {
    Tenant acme =
        Tenant.builder("acme")
            .number("+914048212136", Region.AP, NumberType.LANDLINE)
            .number("+918041234567", Region.KA, NumberType.LANDLINE)
            .build();
    try (GreenVnTestKit kit = GreenVnTestKit.forTenant(acme)) {
      Allocation order =
          kit.allocate(
              AllocationRequest.builder()
                  .connectionId("order-42")
                  .aPartyNumbers("+919876543210")
                  .bPartyNumbers("+919800000001")
                  .bPartyPins(4321)
                  .usage(Usage.ONEWAY)
                  .deallocationDuration("15m")
                  .build());

      CallEvent call =
          kit.call("09876543210", order.greenvn().e164())
              .expectBridgeTo("+919800000001")
              .answer(Duration.ofSeconds(42));
      assertThat(call.onCallDuration()).isEqualTo(Duration.ofSeconds(42));

      kit.call("+917000000001", order.greenvn().e164())
          .expectPinPrompt()
          .enterPin("4321")
          .expectRejected(RejectReason.ONEWAY);
      assertThat(kit.events(VerificationSucceededEvent.class)).hasSize(1);
      assertThat(kit.allocation(order.greenvnId()).bPartyNumbers())
          .extracting(n -> n.e164())
          .containsExactly("+919800000001", "+917000000001");

      assertThat(kit.advance(Duration.ofMinutes(15))).isEqualTo(1);
      assertThat(kit.events(DeallocationEvent.class)).hasSize(1);
      kit.call("09876543210", order.greenvn().e164())
          .expectRejected(RejectReason.NOT_IN_SERVICE);
    }
  }
}
