package org.greenvn.allocation;

import java.util.Objects;

/**
 * A request to move an active allocation to another virtual number: the body of
 * {@code PUT /v1/tenants/{sid}/greenvn/{greenvn_id}/vn}. With no preference, any free number
 * other than the current one is taken. Everything else, {@code greenvn_id} included, is kept.
 *
 * @param strict whether every preference must hold
 * @param preferences the preferences for the new number
 */
public record VnUpdate(boolean strict, Preferences preferences) {

  /** Checks that preferences are given (use {@link Preferences#none()}). */
  public VnUpdate {
    Objects.requireNonNull(preferences, "preferences");
  }

  /** Any free number: the empty request body. */
  public static VnUpdate anyNumber() {
    return new VnUpdate(false, Preferences.none());
  }
}
