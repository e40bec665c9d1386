package org.greenvn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestFixtures.twoway;
import static org.greenvn.TestNumbers.A1;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.B1;
import static org.greenvn.TestNumbers.SID;
import static org.greenvn.allocation.Refusals.assertRefused;

import java.time.Duration;
import java.util.List;
import org.greenvn.inventory.VnLoad;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.GreenVnTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The deallocation policy's duration: how it is read and what it does to a new allocation. */
class DeallocationDurationsTest {

  private GreenVnTestKit kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  private GreenVnTestKit kit(Tenant.Builder tenant) {
    kit = GreenVnTestKit.forTenant(tenant.number(AP_L).build());
    return kit;
  }

  private static AllocationRequest.Builder order() {
    return twoway("order-1", A1, B1);
  }

  // ---------------------------------------------------------------------------------------------
  // DeallocationDurations.parse

  @ParameterizedTest(name = "\"{0}\" = {1} s")
  @CsvSource({
    "20s, 20",
    "600s, 600",
    "15m, 900",
    "2h, 7200",
    "7d, 604800",
    "3600, 3600",
    "1s, 1",
    "1, 1",
    "20S, 20",
    "2H, 7200",
    "0010m, 600",
    "3650d, 315360000",
    "87600h, 315360000",
    "315360000, 315360000"
  })
  void validDurationsAreRead(String text, long seconds) {
    assertThat(DeallocationDurations.parse(text)).contains(Duration.ofSeconds(seconds));
  }

  @Test
  void surroundingSpacesAreIgnored() {
    assertThat(DeallocationDurations.parse("  20s \t")).contains(Duration.ofSeconds(20));
  }

  @ParameterizedTest(name = "\"{0}\" is no duration")
  @NullSource
  @ValueSource(
      strings = {
        "",
        "   ",
        "0s",
        "0",
        "00m",
        "-5s",
        "+5s",
        "5x",
        "5ms",
        "1.5h",
        "1,5h",
        "5 s",
        "s",
        "d",
        "1e3",
        "９s",
        "9999999999d",
        "3651d",
        "87601h",
        "315360001",
        "999999999999",
        "9223372036854775807",
        "99999999999999999999s"
      })
  void invalidDurationsAreRejected(String text) {
    assertThat(DeallocationDurations.parse(text)).isEmpty();
  }

  @Test
  void theLongestDurationIsTenYears() {
    assertThat(DeallocationDurations.MAX).isEqualTo(Duration.ofDays(3650));
  }

  // ---------------------------------------------------------------------------------------------
  // through the service

  @ParameterizedTest(name = "\"{0}\" expires after {1} s")
  @CsvSource({"20s, 20", "600s, 600", "15m, 900", "2h, 7200", "7d, 604800", "3600, 3600"})
  void anAllocationExpiresAfterItsDuration(String text, long seconds) {
    kit(Tenant.builder(SID));
    kit.clock().advance(Duration.ofMinutes(3)); // not at the kit's start

    Allocation a = kit.allocate(order().deallocationDuration(text).build());

    assertThat(a.deallocationDuration()).isEqualTo(Duration.ofSeconds(seconds));
    assertThat(a.createdAt()).isEqualTo(kit.clock().instant());
    assertThat(a.expiresAt()).isEqualTo(a.createdAt().plusSeconds(seconds));
  }

  @Test
  void aDurationGivenAsADurationIsSentInSeconds() {
    kit(Tenant.builder(SID));
    Allocation a =
        kit.allocate(order().deallocationDuration(Duration.ofMinutes(90)).build());
    assertThat(a.deallocationDuration()).isEqualTo(Duration.ofMinutes(90));
  }

  @ParameterizedTest(name = "\"{0}\" is code 5")
  @ValueSource(strings = {"", "0s", "-5s", "5x", "1.5h", "9999999999d"})
  void anInvalidDurationIsCode5AndChangesNothing(String text) {
    kit(Tenant.builder(SID));
    List<VnLoad> before = kit.greenVn().allocations().utilisation(SID);

    assertRefused(() -> kit.allocate(order().deallocationDuration(text).build()), 5, 400);

    assertThat(kit.greenVn().allocations().utilisation(SID)).isEqualTo(before);
    assertThat(kit.allocate(order().deallocationDuration("20s").build()).isActive()).isTrue();
  }

  @Test
  void withoutADurationTheTenantDefaultIsUsed() {
    kit(Tenant.builder(SID).defaultDeallocation(Duration.ofMinutes(45)));
    Allocation a = kit.allocate(order().build());
    assertThat(a.deallocationDuration()).isEqualTo(Duration.ofMinutes(45));
    assertThat(a.expiresAt()).isEqualTo(a.createdAt().plus(Duration.ofMinutes(45)));
  }

  @Test
  void theDefaultDefaultIsADay() {
    kit(Tenant.builder(SID));
    Allocation a = kit.allocate(order().build());
    assertThat(a.deallocationDuration()).isEqualTo(Duration.ofHours(24));
    assertThat(a.expiresAt()).isEqualTo(GreenVnTestKit.START.plus(Duration.ofHours(24)));
  }

  @Test
  void anExplicitDurationBeatsTheTenantDefault() {
    kit(Tenant.builder(SID).defaultDeallocation(Duration.ofMinutes(45)));
    Allocation a = kit.allocate(order().deallocationDuration("20s").build());
    assertThat(a.expiresAt()).isEqualTo(a.createdAt().plusSeconds(20));
  }
}
