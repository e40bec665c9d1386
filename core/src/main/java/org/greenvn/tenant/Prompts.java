package org.greenvn.tenant;

import java.util.Objects;

/**
 * The sound files a flow plays, named as Asterisk names them (no extension).
 *
 * @param enterPin asks an unknown caller for a PIN
 * @param invalidPin says the PIN was wrong
 * @param notInService says the number routes nowhere for this caller
 * @param oneway says this side may not call through the number
 * @param lockedOut says the caller is locked out after too many wrong PINs
 * @param goodbye ends a call the engine rejects after a PIN prompt
 */
public record Prompts(
    String enterPin,
    String invalidPin,
    String notInService,
    String oneway,
    String lockedOut,
    String goodbye) {

  /** Checks for nulls. */
  public Prompts {
    Objects.requireNonNull(enterPin, "enterPin");
    Objects.requireNonNull(invalidPin, "invalidPin");
    Objects.requireNonNull(notInService, "notInService");
    Objects.requireNonNull(oneway, "oneway");
    Objects.requireNonNull(lockedOut, "lockedOut");
    Objects.requireNonNull(goodbye, "goodbye");
  }

  /** Asterisk's stock sounds. */
  public static Prompts defaults() {
    return new Prompts(
        "conf-getpin", "conf-invalidpin", "ss-noservice", "ss-noservice", "vm-goodbye",
        "vm-goodbye");
  }
}
