package org.greenvn.asterisk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.CallOutcome;
import org.greenvn.routing.CallSession;
import org.greenvn.routing.Reject;
import org.greenvn.routing.RoutingDecision;

/**
 * Dialplan-driven mode. The decide script runs the PIN prompts, then tells the dialplan what to
 * do through channel variables and returns; the dialplan dials; the outcome script, run after Dial
 * or from a hangup handler with the token, reads what Dial left and reports the call.
 *
 * <p>Variables set by the decide script: {@code GREENVN_ACTION} ({@code dial}, {@code reject},
 * or {@code hangup} when the caller left during a prompt); for {@code dial}:
 * {@code GREENVN_CALLERID} (the VN), {@code GREENVN_DIALS} (attempts: 1 for simultaneous ring)
 * and {@code GREENVN_DIAL_1}..{@code _n} (Dial's data), {@code GREENVN_RECORDING} (MixMonitor's
 * file, when recording) and {@code GREENVN_TOKEN}; for {@code reject}: {@code GREENVN_PROMPT}.
 */
final class DialplanDrivenCall {

  /** The outcome script also reads whether the dialplan got past Dial (the party hung up). */
  static final String OUTCOME_EXPRESSION = DialReport.EXPRESSION + "|${GREENVN_DIAL_RETURNED}";

  private DialplanDrivenCall() {}

  static void decide(
      CallSession session,
      CallChannel channel,
      AdapterSettings settings,
      PendingOutcomes pending) {
    Optional<RoutingDecision> decided;
    try {
      decided = PinDialogue.run(session, channel);
    } catch (PeerGoneException e) {
      session.complete(CallOutcome.notDialled(Disconnector.UNKNOWN));
      return;
    }
    if (decided.isEmpty()) {
      session.complete(CallOutcome.notDialled(Disconnector.CALLER));
      safely(() -> channel.setVariable("GREENVN_ACTION", "hangup"));
      return;
    }
    if (decided.get() instanceof Reject reject) {
      session.complete(CallOutcome.notDialled(Disconnector.UNKNOWN));
      safely(
          () -> {
            channel.setVariable("GREENVN_ACTION", "reject");
            channel.setVariable("GREENVN_PROMPT", reject.prompt());
          });
      return;
    }
    Bridge bridge = (Bridge) decided.get();
    BridgePlan plan = BridgePlan.of(bridge, session.callSid(), channel.name(), settings);
    Instant now = channel.clock().instant();
    Optional<Duration> callerUp = channel.answeredAt().map(at -> Duration.between(at, now));
    String token =
        pending.add(new PendingOutcomes.Pending(
            session, plan, settings.flowSettings(bridge.tenantSid(), bridge.flowId()), now,
            callerUp));
    try {
      channel.setVariable("GREENVN_ACTION", "dial");
      channel.setVariable("GREENVN_CALLERID", plan.callerId());
      channel.setVariable("GREENVN_DIALS", Integer.toString(plan.dials().size()));
      List<String> dials = plan.dials();
      for (int i = 0; i < dials.size(); i++) {
        channel.setVariable("GREENVN_DIAL_" + (i + 1), dials.get(i));
      }
      if (plan.recordingFile().isPresent()) {
        channel.setVariable("GREENVN_RECORDING", plan.recordingFile().get());
      }
      channel.setVariable("GREENVN_TOKEN", token);
    } catch (PeerGoneException e) {
      // The dialplan never learnt what to dial: the call is over as far as we can tell.
      pending.take(token).ifPresent(p -> session.complete(CallOutcome.notDialled(
          Disconnector.UNKNOWN)));
    }
  }

  static void report(
      String token, CallChannel channel, AdapterSettings settings, PendingOutcomes pending) {
    Optional<PendingOutcomes.Pending> taken = pending.take(token);
    if (taken.isEmpty()) {
      return; // reported already (after Dial and again from the hangup handler), or expired
    }
    PendingOutcomes.Pending call = taken.get();
    CallOutcome outcome;
    try {
      AgiResult vars = channel.send(AgiCommands.getFullVariable(OUTCOME_EXPRESSION), false);
      outcome = outcome(call, vars, channel, settings);
    } catch (PeerGoneException e) {
      outcome =
          new CallOutcome(
              DialCallStatus.FAILED, true, Optional.empty(), Duration.ZERO, Duration.ZERO,
              Disconnector.UNKNOWN, Optional.empty());
    }
    call.session().complete(outcome);
  }

  private static CallOutcome outcome(
      PendingOutcomes.Pending call, AgiResult vars, CallChannel channel,
      AdapterSettings settings) {
    DialReport report = DialReport.parse(vars);
    String[] fields = vars.extra().split("\\|", -1);
    boolean dialReturned = fields.length > 7 && "1".equals(fields[7].strip());
    Duration wall = Duration.between(call.decidedAt(), channel.clock().instant());
    if (wall.isNegative()) {
      wall = Duration.ZERO;
    }
    if (report.answered()) {
      Duration talk = report.talk(wall, call.callerUpBeforeDial());
      Disconnector by;
      if (!report.hangupSource().isEmpty()) {
        by = report.hangupSource().equals(channel.name())
            ? Disconnector.CALLER
            : Disconnector.CALLEE;
      } else {
        by = dialReturned ? Disconnector.CALLEE : Disconnector.CALLER;
      }
      FlowSettings flow = call.flow();
      return new CallOutcome(
          DialCallStatus.COMPLETED, true,
          Optional.of(call.plan().answeredBy(report.dialedPeerNumber(), flow, 0)),
          wall.minus(talk), talk, by, call.plan().recordingUrl());
    }
    if (report.dialStatus().isEmpty()) {
      // Dial never ran: the caller left between the decision and the dial.
      return CallOutcome.notDialled(Disconnector.CALLER);
    }
    return CallOutcome.unanswered(DialReport.mapStatus(report.dialStatus()), wall);
  }

  private static void safely(Runnable action) {
    try {
      action.run();
    } catch (PeerGoneException e) {
      // The caller's channel is being torn down; nothing is left to tell the dialplan.
    }
  }
}
