package org.greenvn.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallerIdNormalizerTest {

  private static final PhoneNumber CALLER = PhoneNumber.of("+919876543210");

  private final CallerIdNormalizer india = CallerIdNormalizer.forRegion("IN");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+919876543210",
        "919876543210",
        "09876543210",
        "9876543210",
        "00919876543210",
        "+91 98765 43210",
        "+91-98765-43210",
        "0091 98765 43210",
        "  09876543210  "
      })
  void everyFormOfAnIndianNumberGivesTheSameCanonicalNumber(String callerId) {
    assertThat(india.normalize(callerId)).contains(CALLER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"914048212136", "04048212136", "4048212136", "+914048212136"})
  void landlineNumbersNormaliseLikeMobiles(String callerId) {
    assertThat(india.normalize(callerId)).contains(PhoneNumber.of("+914048212136"));
  }

  @Test
  void doubleZeroIsReadAsTheInternationalPrefix() {
    assertThat(india.normalize("00447911123456")).contains(PhoneNumber.of("+447911123456"));
    assertThat(india.normalize("+44 7911 123456")).contains(PhoneNumber.of("+447911123456"));
    CallerIdNormalizer us = CallerIdNormalizer.forRegion("US");
    assertThat(us.normalize("00447911123456")).contains(PhoneNumber.of("+447911123456"));
    assertThat(us.normalize("00919876543210")).contains(CALLER);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "anonymous",
        "Anonymous",
        "ANONYMOUS",
        " anonymous ",
        "unknown",
        "Unknown",
        "restricted",
        "Restricted",
        "private",
        "PRIVATE",
        "unavailable",
        "withheld"
      })
  void withheldAndMissingCallerIdsAreUnknownCallers(String callerId) {
    assertThat(india.normalize(callerId)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hello", "123", "0", "+0123", "+9198765432101234", "9876543210;x", "+1650253000",
        "+447911123456789"
      })
  void textThatIsNoPossibleNumberIsAnUnknownCaller(String callerId) {
    assertThat(india.normalize(callerId)).isEmpty();
  }

  @Test
  void numbersWithoutCountryCodeAreReadInTheDefaultRegion() {
    CallerIdNormalizer us = CallerIdNormalizer.forRegion("US");

    assertThat(us.normalize("6502530000")).contains(PhoneNumber.of("+16502530000"));
    assertThat(us.normalize("011447911123456")).contains(PhoneNumber.of("+447911123456"));
    assertThat(us.normalize("+919876543210")).contains(CALLER);
  }

  @Test
  void regionCodeIsCaseInsensitiveAndReportedUpperCase() {
    CallerIdNormalizer lower = CallerIdNormalizer.forRegion("in");

    assertThat(lower.defaultRegion()).isEqualTo("IN");
    assertThat(lower.normalize("09876543210")).contains(CALLER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"XX", "ZZ", "", "IND", "India"})
  void unknownRegionIsRejected(String region) {
    assertThatThrownBy(() -> CallerIdNormalizer.forRegion(region))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown phone region");
  }

  @Test
  void nullRegionIsRejected() {
    assertThatThrownBy(() -> CallerIdNormalizer.forRegion(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void negativeCacheSizeIsRejected() {
    assertThatThrownBy(() -> CallerIdNormalizer.forRegion("IN", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cachedAndUncachedNormalizersGiveTheSameAnswers() {
    CallerIdNormalizer cached = CallerIdNormalizer.forRegion("IN", 100);
    CallerIdNormalizer uncached = CallerIdNormalizer.forRegion("IN", 0);
    List<String> callerIds =
        List.of(
            "+919876543210", "919876543210", "09876543210", "9876543210", "00447911123456",
            "anonymous", "Unknown", "", "hello", "123", "+91 98765 43210", "04048212136");

    for (int round = 0; round < 3; round++) {
      for (String callerId : callerIds) {
        Optional<PhoneNumber> fromCache = cached.normalize(callerId);
        assertThat(fromCache).as(callerId).isEqualTo(uncached.normalize(callerId));
        assertThat(fromCache).as(callerId).isEqualTo(india.normalize(callerId));
      }
    }
    assertThat(cached.normalize("09876543210")).contains(CALLER);
    assertThat(uncached.normalize("anonymous")).isEmpty();
  }

  @Test
  void aTinyCacheStillAnswersCorrectlyForManyCallers() {
    CallerIdNormalizer tiny = CallerIdNormalizer.forRegion("IN", 1);

    for (int i = 1; i <= 99; i++) {
      String national = String.format("098000000%02d", i);
      assertThat(tiny.normalize(national))
          .contains(PhoneNumber.of(String.format("+9198000000%02d", i)));
    }
    assertThat(tiny.normalize("09876543210")).contains(CALLER);
  }
}
