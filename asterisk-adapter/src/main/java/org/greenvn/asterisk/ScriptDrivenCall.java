package org.greenvn.asterisk;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.CallOutcome;
import org.greenvn.routing.CallSession;
import org.greenvn.routing.Reject;
import org.greenvn.routing.RoutingDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call in script-driven mode: the script prompts, dials and reads the outcome itself, then
 * reports the call. Whatever happens on the wire (a hang-up at any moment, a dead socket), the
 * session is completed exactly once.
 */
final class ScriptDrivenCall {

  private static final Logger LOG = LoggerFactory.getLogger(ScriptDrivenCall.class);

  private final CallSession session;
  private final CallChannel channel;
  private final AdapterSettings settings;
  private Duration ringSoFar = Duration.ZERO;
  private boolean dialling;

  ScriptDrivenCall(CallSession session, CallChannel channel, AdapterSettings settings) {
    this.session = session;
    this.channel = channel;
    this.settings = settings;
  }

  void run() {
    CallOutcome outcome;
    try {
      outcome = decideAndAct();
    } catch (PeerGoneException e) {
      LOG.debug("Call {}: the FastAGI peer went away: {}", session.callSid(), e.getMessage());
      outcome =
          dialling
              ? new CallOutcome(
                  DialCallStatus.FAILED, true, Optional.empty(), ringSoFar, Duration.ZERO,
                  Disconnector.UNKNOWN, Optional.empty())
              : CallOutcome.notDialled(Disconnector.UNKNOWN);
    }
    session.complete(outcome);
  }

  private CallOutcome decideAndAct() {
    Optional<RoutingDecision> decided = PinDialogue.run(session, channel);
    if (decided.isEmpty()) {
      return CallOutcome.notDialled(Disconnector.CALLER);
    }
    RoutingDecision decision = decided.get();
    if (decision instanceof Reject reject) {
      channel.answer();
      channel.play(reject.prompt());
      boolean callerLeft = channel.callerGone();
      channel.hangup();
      return CallOutcome.notDialled(callerLeft ? Disconnector.CALLER : Disconnector.UNKNOWN);
    }
    Bridge bridge = (Bridge) decision;
    CallOutcome outcome = bridge(bridge);
    channel.hangup();
    return outcome;
  }

  private CallOutcome bridge(Bridge bridge) {
    BridgePlan plan =
        BridgePlan.of(bridge, session.callSid(), channel.name(), settings);
    FlowSettings flow = settings.flowSettings(bridge.tenantSid(), bridge.flowId());
    channel.send(AgiCommands.setCallerId(plan.callerId()), false);
    if (plan.recordingFile().isPresent()) {
      channel.send(AgiCommands.exec("MixMonitor", plan.recordingFile().get() + ",b"), false);
    }
    dialling = true;
    DialCallStatus status = DialCallStatus.CANCELED;
    for (int attempt = 0; attempt < plan.dials().size(); attempt++) {
      if (channel.callerGone()) {
        // Asterisk would run Dial on the dead channel and answer -1 at once: nobody rings.
        return CallOutcome.unanswered(DialCallStatus.CANCELED, ringSoFar);
      }
      Instant start = channel.clock().instant();
      Optional<Duration> callerUp = channel.answeredAt().map(at -> Duration.between(at, start));
      AgiResult dial = channel.send(AgiCommands.exec("Dial", plan.dials().get(attempt)), true);
      Duration wall = Duration.between(start, channel.clock().instant());
      AgiResult vars = channel.send(AgiCommands.getFullVariable(DialReport.EXPRESSION), false);
      DialReport report = DialReport.parse(vars);
      if (report.answered()) {
        Duration talk = report.talk(wall, callerUp);
        Duration ring = ringSoFar.plus(wall.minus(talk));
        PhoneNumber answeredBy = plan.answeredBy(report.dialedPeerNumber(), flow, attempt);
        Disconnector by = disconnector(report, dial);
        return new CallOutcome(
            DialCallStatus.COMPLETED, true, Optional.of(answeredBy), ring, talk, by,
            plan.recordingUrl());
      }
      ringSoFar = ringSoFar.plus(wall);
      status = DialReport.mapStatus(report.dialStatus());
      if (dial.resultCode(0) < 0 && status != DialCallStatus.FAILED) {
        status = DialCallStatus.CANCELED; // with 'g', -1 means the caller left
      }
      if (status == DialCallStatus.CANCELED || channel.callerGone()) {
        status = DialCallStatus.CANCELED;
        break;
      }
    }
    return CallOutcome.unanswered(status, ringSoFar);
  }

  private Disconnector disconnector(DialReport report, AgiResult dial) {
    if (!report.hangupSource().isEmpty()) {
      return report.hangupSource().equals(channel.name())
          ? Disconnector.CALLER
          : Disconnector.CALLEE;
    }
    return dial.resultCode(0) < 0 ? Disconnector.CALLER : Disconnector.CALLEE;
  }
}
