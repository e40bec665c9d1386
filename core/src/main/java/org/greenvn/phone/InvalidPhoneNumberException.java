package org.greenvn.phone;

/** Thrown when a text is not a valid E.164 telephone number. */
public final class InvalidPhoneNumberException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidPhoneNumberException(String input) {
    super("Not a valid E.164 number: '" + input + "'");
    this.input = input;
  }

  /** The text that was rejected. */
  public String input() {
    return input;
  }
}
