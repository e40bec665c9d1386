package org.greenvn.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+919876543210",
        "+919800000001",
        "+919800000099",
        "+914048212136",
        "+918041234567",
        "+447911123456",
        "+16502530000"
      })
  void ofAcceptsValidE164NumbersUnchanged(String e164) {
    PhoneNumber number = PhoneNumber.of(e164);

    assertThat(number.e164()).isEqualTo(e164);
    assertThat(number.toString()).isEqualTo(e164);
  }

  @ParameterizedTest
  @ValueSource(strings = {" +919876543210", "+919876543210 ", "\t+919876543210\n"})
  void ofStripsSurroundingWhitespace(String text) {
    assertThat(PhoneNumber.of(text).e164()).isEqualTo("+919876543210");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+91 98765 43210",
        "+91-9876543210",
        "+91(98)76543210"
      })
  void ofRejectsSeparatorsInsideTheNumber(String text) {
    assertInvalid(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"919876543210", "09876543210", "9876543210", "00919876543210"})
  void ofRejectsNumbersWithoutThePlus(String text) {
    assertThatThrownBy(() -> PhoneNumber.of(text))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+91987654321a", "+91abcdefghij", "+91987654321O", "+9198765#3210"})
  void ofRejectsLettersAndSymbols(String text) {
    assertInvalid(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1234567890123456", "+91987654321012345", "+9198765432101"})
  void ofRejectsNumbersThatAreTooLong(String text) {
    assertInvalid(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "+", "+91", "+9198765", "+919876543"})
  void ofRejectsNumbersThatAreTooShort(String text) {
    assertInvalid(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+019876543210", "+999123456789", "+910123456789", "+915555555555"})
  void ofRejectsNumbersOfTheRightShapeThatNoCountryAssigns(String text) {
    assertInvalid(text);
  }

  @Test
  void ofRejectsNull() {
    assertThatThrownBy(() -> PhoneNumber.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void invalidNumberExceptionKeepsTheRejectedInput() {
    assertThatThrownBy(() -> PhoneNumber.of("+91 98765"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.input()).isEqualTo("+91 98765"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructorAcceptsCanonicalShapeWithoutCheckingTheCountry() {
    assertThat(new PhoneNumber("+999123456789").e164()).isEqualTo("+999123456789");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "919876543210",
        " +919876543210",
        "+919876543210 ",
        "+91 9876543210",
        "+019876543210",
        "+1234567",
        "+1234567890123456",
        "+91987654321a",
        ""
      })
  void constructorRejectsAnythingNotCanonical(String text) {
    assertThatThrownBy(() -> new PhoneNumber(text))
        .isInstanceOf(InvalidPhoneNumberException.class);
  }

  @Test
  void ofCanonicalAcceptsTheE164ShapeWithoutCheckingTheNumberingPlan() {
    assertThat(PhoneNumber.ofCanonical("+919876543210")).contains(PhoneNumber.of("+919876543210"));
    assertThat(PhoneNumber.ofCanonical("+999123456789"))
        .map(PhoneNumber::e164)
        .contains("+999123456789");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"919876543210", " +919876543210", "+91 9876543210", "+019876543210", "+1234567",
          "+1234567890123456", "+91987654321a"})
  void ofCanonicalIsEmptyForAnythingNotInE164Shape(String text) {
    assertThat(PhoneNumber.ofCanonical(text)).isEmpty();
  }

  @Test
  void constructorAcceptsTheShortestAndLongestCanonicalLengths() {
    assertThat(new PhoneNumber("+12345678").e164()).hasSize(9);
    assertThat(new PhoneNumber("+123456789012345").e164()).hasSize(16);
  }

  @Test
  void equalNumbersAreEqualAndHashAlike() {
    PhoneNumber parsed = PhoneNumber.of(" +919876543210 ");
    PhoneNumber constructed = new PhoneNumber("+919876543210");

    assertThat(parsed).isEqualTo(constructed).hasSameHashCodeAs(constructed);
    assertThat(parsed).isNotEqualTo(PhoneNumber.of("+919800000001"));
  }

  @Test
  void numbersSortByTheirE164Text() {
    List<PhoneNumber> numbers =
        new ArrayList<>(
            List.of(
                PhoneNumber.of("+919876543210"),
                PhoneNumber.of("+447911123456"),
                PhoneNumber.of("+919800000001")));

    Collections.sort(numbers);

    assertThat(numbers)
        .extracting(PhoneNumber::e164)
        .containsExactly("+447911123456", "+919800000001", "+919876543210");
  }

  private static void assertInvalid(String text) {
    assertThatThrownBy(() -> PhoneNumber.of(text)).isInstanceOf(InvalidPhoneNumberException.class);
  }
}
