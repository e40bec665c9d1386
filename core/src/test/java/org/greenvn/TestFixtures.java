package org.greenvn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Usage;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.greenvn.testkit.MutableClock;

/**
 * Requests, engines, look-ups and checks the core tests share; the numbers are in {@link
 * TestNumbers}.
 */
public final class TestFixtures {

  private TestFixtures() {}

  /** A twoway request between these parties, without PINs, preferences or a duration. */
  public static AllocationRequest.Builder twoway(String connectionId, String a, String b) {
    return AllocationRequest.builder()
        .connectionId(connectionId)
        .aPartyNumbers(a)
        .bPartyNumbers(b)
        .usage(Usage.TWOWAY);
  }

  /**
   * An engine over a given store, for tests that restart an engine or run two over one store. No
   * expiry sweep runs: the test expires by advancing the clock and calling {@code expireDue}.
   */
  public static GreenVn engine(MutableClock clock, AllocationStore store, Tenant tenant) {
    return GreenVn.builder().clock(clock).store(store).tenant(tenant).expirySweep(Duration.ZERO)
        .build();
  }

  /** The load the kit's engine reports for one of its tenant's virtual numbers. */
  public static VnLoad loadOf(GreenVnTestKit kit, VirtualNumber vn) {
    return kit.greenVn().allocations().utilisation(kit.tenant().sid()).stream()
        .filter(l -> l.number().number().equals(vn.number()))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Asserts the engine's first invariant over these active allocations: no (virtual number,
   * number) and no (virtual number, PIN) is held by two of them. Returns the holder of each
   * {@code "vn|number"} and {@code "vn|#pin"}.
   */
  public static Map<String, Allocation> checkNothingHeldTwice(List<Allocation> active) {
    Map<String, Allocation> holders = new HashMap<>();
    for (Allocation a : active) {
      for (PhoneNumber number : a.allNumbers()) {
        Allocation previous = holders.put(a.greenvn() + "|" + number, a);
        assertThat(previous)
            .as("%s on %s is held by %s and by %s", number, a.greenvn(), previous, a)
            .isNull();
      }
      for (Pin pin : a.allPins()) {
        Allocation previous = holders.put(a.greenvn() + "|#" + pin.digits(), a);
        assertThat(previous)
            .as("a PIN on %s is held by %s and by %s", a.greenvn(), previous, a)
            .isNull();
      }
    }
    return holders;
  }
}
