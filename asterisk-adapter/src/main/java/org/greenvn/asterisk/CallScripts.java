package org.greenvn.asterisk;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;
import org.greenvn.GreenVn;
import org.greenvn.routing.CallSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The three AGI scripts, by URL path: script-driven, dialplan decide, dialplan outcome. */
final class CallScripts implements MappingStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(CallScripts.class);

  private final GreenVn greenVn;
  private final AdapterSettings settings;
  private final Clock clock;
  private final Duration longReplyTimeout;
  private final PendingOutcomes pending;
  private final Map<String, AgiScript> byPath;

  CallScripts(
      GreenVn greenVn,
      AdapterSettings settings,
      Clock clock,
      Duration longReplyTimeout,
      PendingOutcomes pending,
      String scriptPath,
      String decidePath,
      String outcomePath) {
    this.greenVn = greenVn;
    this.settings = settings;
    this.clock = clock;
    this.longReplyTimeout = longReplyTimeout;
    this.pending = pending;
    this.byPath =
        Map.of(
            scriptPath, this::scriptDriven,
            decidePath, this::decide,
            outcomePath, this::outcome);
  }

  @Override
  public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
    String path = request.getScript() == null ? "" : request.getScript();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    AgiScript script = byPath.get(path);
    if (script == null) {
      if (path.isEmpty()) {
        LOG.debug("FastAGI request without a script path (not Asterisk?) dropped");
      } else {
        LOG.warn("No greenvn script at AGI path '{}'; known: {}", path, byPath.keySet());
      }
      return (r, c) -> closeConnection();
    }
    return (r, c) -> {
      // Every log line of the call names it, as the HTTP edge names its allocation.
      MDC.put("call_sid", r.getUniqueId() == null ? "" : r.getUniqueId());
      try {
        script.service(r, c);
      } finally {
        MDC.remove("call_sid");
        closeConnection();
      }
    };
  }

  /**
   * Closes the socket as soon as a script ends: Asterisk holds the channel until then, and
   * Asterisk-Java would otherwise spend a round trip setting {@code AJ_AGISTATUS} (its write now
   * fails and is ignored).
   */
  private static void closeConnection() {
    FastAgiEngine.currentConnection().close();
  }

  private void scriptDriven(AgiRequest request, AgiChannel agiChannel) {
    Optional<Call> call = open(request, agiChannel);
    call.ifPresent(c -> new ScriptDrivenCall(c.session, c.channel, settings).run());
  }

  private void decide(AgiRequest request, AgiChannel agiChannel) {
    Optional<Call> call = open(request, agiChannel);
    call.ifPresent(c -> DialplanDrivenCall.decide(c.session, c.channel, settings, pending));
  }

  private void outcome(AgiRequest request, AgiChannel agiChannel) {
    Optional<CallRequest> read = CallRequest.read(request, settings.dialledNumberSource());
    if (read.isEmpty()) {
      return;
    }
    CallChannel channel = channel(agiChannel);
    String token = read.get().arguments().isEmpty() ? "" : read.get().arguments().get(0);
    try {
      if (token.isEmpty()) {
        AgiResult reply = channel.send(AgiCommands.getVariable("GREENVN_TOKEN"), false);
        token = reply.extra();
      }
    } catch (PeerGoneException e) {
      return;
    }
    if (!token.isEmpty()) {
      DialplanDrivenCall.report(token, channel, settings, pending);
    }
  }

  private Optional<Call> open(AgiRequest request, AgiChannel agiChannel) {
    Optional<CallRequest> read = CallRequest.read(request, settings.dialledNumberSource());
    if (read.isEmpty()) {
      LOG.debug("FastAGI request without agi_uniqueid (not Asterisk?) dropped");
      return Optional.empty();
    }
    CallRequest call = read.get();
    CallSession session =
        greenVn.startCall(call.callSid(), call.dialledNumber(), call.callerId());
    return Optional.of(new Call(session, channel(agiChannel)));
  }

  private CallChannel channel(AgiChannel agiChannel) {
    return new CallChannel(
        agiChannel.getName(), FastAgiEngine.currentConnection(), clock, longReplyTimeout,
        settings.fallbackPrompt());
  }

  private record Call(CallSession session, CallChannel channel) {}
}
