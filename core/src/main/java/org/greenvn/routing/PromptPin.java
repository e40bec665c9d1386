package org.greenvn.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Ask the caller for a PIN: play {@code notice} if present (after a wrong PIN), then collect up to
 * {@code maxDigits} digits while playing {@code prompt}, and feed them to
 * {@link CallSession#enterPin(String)}.
 *
 * @param prompt the sound asking for the PIN
 * @param notice a sound to play first, e.g. that the last PIN was wrong
 * @param attemptsLeft attempts left in this call, this one included
 * @param maxDigits digits to collect
 * @param timeout how long to wait for them
 */
public record PromptPin(
    String prompt, Optional<String> notice, int attemptsLeft, int maxDigits, Duration timeout)
    implements RoutingDecision {

  /** Checks the values. */
  public PromptPin {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(timeout, "timeout");
    if (attemptsLeft < 1 || maxDigits < 1) {
      throw new IllegalArgumentException("attemptsLeft and maxDigits must be positive");
    }
  }
}
