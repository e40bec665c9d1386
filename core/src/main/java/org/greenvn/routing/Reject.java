package org.greenvn.routing;

import java.util.Objects;

/**
 * Refuse the call: play {@code prompt}, then hang up.
 *
 * @param reason why
 * @param prompt the sound to play
 */
public record Reject(RejectReason reason, String prompt) implements RoutingDecision {

  /** Checks for nulls. */
  public Reject {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(prompt, "prompt");
  }
}
