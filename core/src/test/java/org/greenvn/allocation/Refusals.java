package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.testkit.GreenVnTestKit;

/**
 * Assertions on refusals: the spec's code and HTTP status (Appendix 1), checked by number so that
 * a test also catches an {@link ErrorCode} that drifted from the spec.
 */
public final class Refusals {

  private Refusals() {}

  /** Asserts the call throws a {@link GreenVnException} with this spec code and HTTP status. */
  public static void assertRefused(ThrowingCallable call, int code, int httpStatus) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GreenVnException.class,
            e -> {
              assertThat(e.code().code()).as("spec code of %s", e.getMessage()).isEqualTo(code);
              assertThat(e.code().httpStatus()).as("HTTP status").isEqualTo(httpStatus);
            });
  }

  /**
   * Asserts a change to {@code original} is refused and leaves no trace: the allocation, the
   * tenant's loads and the routing stay as they were. {@code original} must be as stored, routing
   * its first A party to its B party.
   */
  public static void assertRefusedLeavingAsItWas(
      GreenVnTestKit kit, Allocation original, ThrowingCallable change, int code, int httpStatus) {
    AllocationService service = kit.greenVn().allocations();
    List<VnLoad> before = service.utilisation(original.tenantSid());
    assertRefused(change, code, httpStatus);
    assertThat(kit.allocation(original.greenvnId())).isEqualTo(original);
    assertThat(service.utilisation(original.tenantSid())).isEqualTo(before);
    String[] bParty =
        original.bPartyNumbers().stream().map(PhoneNumber::e164).toArray(String[]::new);
    kit.call(original.aPartyNumbers().get(0).e164(), original.greenvn().e164())
        .expectBridgeTo(bParty);
  }
}
