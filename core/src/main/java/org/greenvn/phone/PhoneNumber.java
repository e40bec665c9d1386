package org.greenvn.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Objects;
import java.util.Optional;

/**
 * A telephone number in E.164 form ({@code +} followed by the country code and the national
 * number, digits only).
 *
 * <p>Instances are always canonical: two {@code PhoneNumber}s denote the same line exactly when
 * they are equal. Use {@link #of(String)} for numbers that must already be E.164 (the API's
 * input) and {@link CallerIdNormalizer} for caller ids in looser forms.
 *
 * @param e164 the number, for example {@code +919876543210}
 */
public record PhoneNumber(String e164) implements Comparable<PhoneNumber> {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** Checks the canonical form; use {@link #of(String)} to validate a number from outside. */
  public PhoneNumber {
    Objects.requireNonNull(e164, "e164");
    if (!isCanonical(e164)) {
      throw new InvalidPhoneNumberException(e164);
    }
  }

  /**
   * Parses a number that must be in E.164 form and valid for its country.
   *
   * @throws InvalidPhoneNumberException when it is not
   */
  public static PhoneNumber of(String e164) {
    Objects.requireNonNull(e164, "e164");
    String trimmed = e164.strip();
    if (!isCanonical(trimmed)) {
      throw new InvalidPhoneNumberException(e164);
    }
    try {
      Phonenumber.PhoneNumber parsed = UTIL.parse(trimmed, null);
      if (!UTIL.isValidNumber(parsed)) {
        throw new InvalidPhoneNumberException(e164);
      }
      return new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      throw new InvalidPhoneNumberException(e164);
    }
  }

  /**
   * The number {@code text} denotes if it already has the E.164 shape (a plus and 8 to 15
   * digits), without checking it against the numbering plans; a cheap test for the call path.
   */
  public static Optional<PhoneNumber> ofCanonical(String text) {
    return text != null && isCanonical(text)
        ? Optional.of(new PhoneNumber(text))
        : Optional.empty();
  }

  /**
   * Whether {@code text} has the shape of an E.164 number (a plus and 8 to 15 digits, the first
   * not 0): exactly the texts {@code new PhoneNumber(text)} accepts.
   */
  public static boolean isCanonical(String text) {
    int length = text.length();
    if (length < 9 || length > 16 || text.charAt(0) != '+' || text.charAt(1) == '0') {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  // Written out: the record's generated equals goes through a method-handle chain that showed
  // as half the cost of a routing decision in a profile; these run on every call.
  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof PhoneNumber p && e164.equals(p.e164));
  }

  @Override
  public int hashCode() {
    return e164.hashCode();
  }

  @Override
  public int compareTo(PhoneNumber other) {
    return e164.compareTo(other.e164);
  }

  @Override
  public String toString() {
    return e164;
  }
}
