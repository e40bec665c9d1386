package org.greenvn.asterisk;

import java.util.Optional;
import org.greenvn.routing.CallSession;
import org.greenvn.routing.PromptPin;
import org.greenvn.routing.RoutingDecision;

/** Asks for PINs while the engine wants one: answer, notice, GET DATA, feed the digits. */
final class PinDialogue {

  private PinDialogue() {}

  /**
   * Runs the PIN prompts of a call.
   *
   * @return the decision after the prompts (the first one if none was asked); empty when the
   *     caller hung up during them
   */
  static Optional<RoutingDecision> run(CallSession session, CallChannel channel) {
    RoutingDecision decision = session.decision();
    while (decision instanceof PromptPin prompt) {
      channel.answer();
      prompt.notice().ifPresent(channel::play);
      Optional<String> digits =
          channel.collectDigits(prompt.prompt(), prompt.timeout(), prompt.maxDigits());
      if (digits.isEmpty()) {
        return Optional.empty();
      }
      decision = session.enterPin(digits.get());
    }
    return Optional.of(decision);
  }
}
