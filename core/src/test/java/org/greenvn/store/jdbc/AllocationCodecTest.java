package org.greenvn.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.DeallocationCause;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

/** The stored form of an allocation decodes to an equal value, whatever it holds. */
class AllocationCodecTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

  private static Allocation full(String id) {
    return new Allocation(
        "tenant-ü", id, "order-ä-" + "x".repeat(300), PhoneNumber.of("+914048212136"),
        List.of(PhoneNumber.of("+919876543210"), PhoneNumber.of("+14155552671")),
        List.of(PhoneNumber.of("+919800000001")), List.of(Pin.of(1), Pin.of(Pin.MAX)),
        List.of(Pin.of(4321)), Usage.ONEWAY, true,
        Preferences.builder().greenvn("+914048212136").region("KA").pinCode("560041")
            .type("landline").build(),
        Optional.of("flow-7"), Duration.ofSeconds(86_400, 5), AllocationState.ACTIVE, T0,
        T0.plusNanos(1), T0.plus(Duration.ofDays(1)), Optional.empty(), Optional.empty(),
        Long.MAX_VALUE - 1);
  }

  @Test
  void everyFieldSurvivesAndTheVersionIsReadWithoutDecoding() {
    Allocation a = full(UUID.randomUUID().toString());

    byte[] encoded = AllocationCodec.encode(a);

    assertThat(AllocationCodec.decode(encoded)).isEqualTo(a);
    assertThat(AllocationCodec.version(encoded)).isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void idsThatAreNotCanonicalUuidsKeepTheirText() {
    String upperCaseUuid = UUID.randomUUID().toString().toUpperCase();
    for (String id : List.of("g1", upperCaseUuid, "", "a".repeat(36))) {
      Allocation a = full(id);
      assertThat(AllocationCodec.decode(AllocationCodec.encode(a)).greenvnId()).isEqualTo(id);
    }
  }

  @Test
  void aVaultedAllocationWithoutPreferencesOrPartiesSurvives() {
    Allocation a =
        new Allocation(
            "acme", "g2", "c", PhoneNumber.of("+918041234567"), List.of(), List.of(), List.of(),
            List.of(), Usage.TWOWAY, false, Preferences.none(), Optional.empty(), Duration.ZERO,
            AllocationState.ACTIVE, Instant.EPOCH.minusSeconds(5), T0, T0, Optional.empty(),
            Optional.empty(), 1)
            .toVault(T0.plusSeconds(9), DeallocationCause.EXPIRED);

    Allocation decoded = AllocationCodec.decode(AllocationCodec.encode(a));

    assertThat(decoded).isEqualTo(a);
    assertThat(decoded.deallocationCause()).contains(DeallocationCause.EXPIRED);
    assertThat(decoded.preferences()).isSameAs(Preferences.none());
  }

  @Test
  void anUnknownFormatIsRefusedRatherThanGuessed() {
    byte[] encoded = AllocationCodec.encode(full("g1"));
    encoded[0] = 9;

    assertThatThrownBy(() -> AllocationCodec.decode(encoded))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown format");
  }

  @Test
  void idKeysAreEqualExactlyForEqualIds() {
    String id = UUID.randomUUID().toString();

    assertThat(IdKeys.of(id)).isEqualTo(IdKeys.of(new String(id.toCharArray())));
    assertThat(IdKeys.of(id)).isNotEqualTo(IdKeys.of(UUID.randomUUID().toString()));
    assertThat(IdKeys.of(id.toUpperCase())).isEqualTo(id.toUpperCase());
    assertThat(IdKeys.of("g1")).isEqualTo("g1");
  }
}
