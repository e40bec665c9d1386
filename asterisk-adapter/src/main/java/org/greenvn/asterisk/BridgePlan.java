package org.greenvn.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.tenant.RingStrategy;

/**
 * A bridge decision turned into Asterisk's terms: the Dial data of each attempt (one for
 * simultaneous ring, one per number for sequential), the caller id to present, the recording.
 *
 * @param dials the Dial application data of each attempt, in order
 * @param targetsByAttempt the numbers each attempt rings
 * @param callerId the caller id the called party sees: the VN
 * @param recordingFile MixMonitor's file, when the flow records
 * @param recordingUrl the URL reported for the recording
 */
record BridgePlan(
    List<String> dials,
    List<List<PhoneNumber>> targetsByAttempt,
    String callerId,
    Optional<String> recordingFile,
    Optional<String> recordingUrl) {

  static BridgePlan of(
      Bridge bridge,
      String callSid,
      String callerChannel,
      AdapterSettings settings) {
    FlowSettings flow = settings.flowSettings(bridge.tenantSid(), bridge.flowId());
    long timeoutSeconds = Math.max(1, bridge.ringTimeout().toSeconds());
    // 'g' keeps the script running after the party hangs up, and makes Dial's result tell who
    // left: 0 the party, -1 the caller (bridge-answered vs caller-hangup-during-bridge).
    StringBuilder options = new StringBuilder("g");
    settings
        .answerMarkSubroutine()
        .ifPresent(sub -> options.append("U(").append(sub).append('^').append(callerChannel)
            .append(')'));
    List<List<PhoneNumber>> attempts = new ArrayList<>();
    if (bridge.ringStrategy() == RingStrategy.SEQUENTIAL) {
      bridge.targets().forEach(t -> attempts.add(List.of(t)));
    } else {
      attempts.add(bridge.targets());
    }
    List<String> dials = new ArrayList<>();
    for (List<PhoneNumber> attempt : attempts) {
      List<String> targets = new ArrayList<>();
      attempt.forEach(n -> targets.add(flow.dialTarget(n.e164())));
      dials.add(String.join("&", targets) + "," + timeoutSeconds + "," + options);
    }
    Map<String, String> values =
        Map.of(
            "call_sid", callSid,
            "greenvn", bridge.callerIdToPresent().e164().substring(1),
            "greenvn_id", bridge.greenvnId(),
            "connection_id", bridge.connectionId(),
            "flow_id", bridge.flowId());
    Optional<String> file =
        bridge.record() ? flow.recordingFile(values) : Optional.empty();
    Optional<String> url = file.isPresent() ? flow.recordingUrl(values) : Optional.empty();
    return new BridgePlan(
        List.copyOf(dials), List.copyOf(attempts), bridge.callerIdToPresent().e164(), file, url);
  }

  /**
   * The number that answered: the target whose dial string ends with Asterisk's
   * {@code DIALEDPEERNUMBER} (the part after the technology), else the first of
   * {@code fallbackAttempt}.
   */
  PhoneNumber answeredBy(
      String dialedPeerNumber, FlowSettings flow, int fallbackAttempt) {
    if (!dialedPeerNumber.isEmpty()) {
      for (List<PhoneNumber> targets : targetsByAttempt) {
        for (PhoneNumber target : targets) {
          String dial = flow.dialTarget(target.e164());
          if (dial.equals(dialedPeerNumber) || dial.endsWith("/" + dialedPeerNumber)) {
            return target;
          }
        }
      }
    }
    return targetsByAttempt.get(fallbackAttempt).get(0);
  }
}
