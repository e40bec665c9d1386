package org.greenvn.examples.soak;

/**
 * One thing the soak found wrong.
 *
 * @param kind a short category ({@code double-booking}, {@code missing-event}, ...)
 * @param detail what, with the ids involved
 */
record Violation(String kind, String detail) {

  @Override
  public String toString() {
    return kind + ": " + detail;
  }
}
