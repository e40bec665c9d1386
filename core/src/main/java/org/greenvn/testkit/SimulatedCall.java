package org.greenvn.testkit;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.greenvn.event.CallEvent;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.CallOutcome;
import org.greenvn.routing.CallSession;
import org.greenvn.routing.PromptPin;
import org.greenvn.routing.Reject;
import org.greenvn.routing.RejectReason;
import org.greenvn.routing.RoutingDecision;

/**
 * A call placed through a {@link GreenVnTestKit}, with fluent expectations. Each
 * {@code expect...} throws an {@link AssertionError} that says what was decided instead.
 */
public final class SimulatedCall {

  private final CallSession session;
  private final MutableClock clock;

  SimulatedCall(CallSession session, MutableClock clock) {
    this.session = session;
    this.clock = clock;
  }

  /** The engine's session for this call. */
  public CallSession session() {
    return session;
  }

  /** The current decision. */
  public RoutingDecision decision() {
    return session.decision();
  }

  /**
   * Expects a bridge to exactly these numbers (in any order), showing the virtual number as the
   * caller id.
   */
  public SimulatedCall expectBridgeTo(String... numbers) {
    Bridge bridge = expect(Bridge.class);
    Set<PhoneNumber> expected = new HashSet<>();
    for (String number : numbers) {
      expected.add(PhoneNumber.of(number));
    }
    if (!new HashSet<>(bridge.targets()).equals(expected)) {
      throw new AssertionError(
          "Expected a bridge to " + expected + " but it rings " + bridge.targets());
    }
    PhoneNumber vn = session.greenvn().orElseThrow();
    if (!bridge.callerIdToPresent().equals(vn)) {
      throw new AssertionError(
          "The bridge shows " + bridge.callerIdToPresent()
              + " instead of the virtual number " + vn);
    }
    return this;
  }

  /** Expects a PIN prompt. */
  public SimulatedCall expectPinPrompt() {
    expect(PromptPin.class);
    return this;
  }

  /** Expects the call to be rejected for this reason. */
  public SimulatedCall expectRejected(RejectReason reason) {
    Reject reject = expect(Reject.class);
    if (reject.reason() != reason) {
      throw new AssertionError("Expected a reject for " + reason + " but got " + reject.reason());
    }
    return this;
  }

  /** Keys digits at the current PIN prompt. */
  public SimulatedCall enterPin(String digits) {
    expect(PromptPin.class);
    session.enterPin(digits);
    return this;
  }

  /**
   * The first target answers at once and the parties talk for {@code talk}; the clock moves by
   * that much and the call event is returned.
   */
  public CallEvent answer(Duration talk) {
    Bridge bridge = expect(Bridge.class);
    clock.advance(talk);
    return session
        .complete(
            CallOutcome.answered(bridge.targets().get(0), Duration.ZERO, talk, Disconnector.CALLER))
        .orElseThrow(() -> new AssertionError("A bridged call reported no call event"));
  }

  /** Nobody answers: busy, no answer, failed or canceled; returns the call event. */
  public CallEvent unanswered(DialCallStatus status, Duration ring) {
    expect(Bridge.class);
    clock.advance(ring);
    return session
        .complete(CallOutcome.unanswered(status, ring))
        .orElseThrow(() -> new AssertionError("A bridged call reported no call event"));
  }

  /** The caller hangs up before anyone is dialled; returns the call event, if the call had one. */
  public Optional<CallEvent> hangUp() {
    return session.complete(CallOutcome.notDialled(Disconnector.CALLER));
  }

  private <T extends RoutingDecision> T expect(Class<T> type) {
    RoutingDecision decision = session.decision();
    if (!type.isInstance(decision)) {
      throw new AssertionError(
          "Expected " + type.getSimpleName() + " but the call got " + decision);
    }
    return type.cast(decision);
  }

  /** The targets of the current bridge. */
  public List<PhoneNumber> bridgeTargets() {
    return expect(Bridge.class).targets();
  }
}
