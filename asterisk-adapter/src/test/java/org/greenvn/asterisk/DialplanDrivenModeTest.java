package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.asterisk.AdapterHarness.CALLER;
import static org.greenvn.asterisk.AdapterHarness.PARTY;
import static org.greenvn.asterisk.testing.FakeAsterisk.ONE;
import static org.greenvn.asterisk.testing.FakeAsterisk.ZERO;
import static org.greenvn.asterisk.testing.FakeAsterisk.value;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.greenvn.allocation.Usage;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.greenvn.event.CallEvent;
import org.greenvn.event.CallType;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.greenvn.phone.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dialplan-driven calls: the decide script sets variables and returns; an outcome reports. */
class DialplanDrivenModeTest {

  static final String OUTCOME_VARS =
      "GET FULL VARIABLE \"${DIALSTATUS}|${ANSWEREDTIME_MS}|${HANGUPCAUSE}"
          + "|${CHANNEL(hangupsource)}|${DIALEDPEERNUMBER}|${SHARED(GREENVN_ANSWERED_AT)}"
          + "|${STRFTIME(,,%s%3q)}|${GREENVN_DIAL_RETURNED}\"";

  private AdapterHarness harness = new AdapterHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  private static AgiEnvironment decide(String callerId, String uniqueId) {
    return AgiEnvironment.builder().script("greenvn-decide").callerId(callerId)
        .uniqueId(uniqueId).build();
  }

  private static AgiEnvironment outcome(String uniqueId, String token) {
    AgiEnvironment.Builder env =
        AgiEnvironment.builder().script("greenvn-outcome").callerId("919876543210")
            .uniqueId(uniqueId);
    if (!token.isEmpty()) {
      env.arg(token);
    }
    return env.build();
  }

  /** Runs the decide script of a bridged call and returns the outcome token it set. */
  private String decideBridge(String uniqueId) {
    try (FakeAsterisk asterisk = harness.call(decide("919876543210", uniqueId))) {
      asterisk.expect("SET VARIABLE GREENVN_ACTION \"dial\"").reply(ONE);
      asterisk.expect("SET VARIABLE GREENVN_CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("SET VARIABLE GREENVN_DIALS \"1\"").reply(ONE);
      asterisk.expect("SET VARIABLE GREENVN_DIAL_1 \"Local/919800000001@parties,30,g\"")
          .reply(ONE);
      String tokenCommand = asterisk.nextCommand();
      assertThat(tokenCommand).matches("SET VARIABLE GREENVN_TOKEN \"[0-9a-f]{32}\"");
      asterisk.reply(ONE);
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      return tokenCommand.substring(tokenCommand.indexOf('"') + 1, tokenCommand.length() - 1);
    }
  }

  @Test
  void decideHandsDialToTheDialplanAndTheOutcomeReportsTheCall() {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    String token = decideBridge("1795881527.9");
    assertThat(harness.callEvents()).isEmpty();
    assertThat(harness.server.pendingOutcomes()).isEqualTo(1);

    harness.elapse(6_503);
    try (FakeAsterisk asterisk = harness.call(outcome("1795881527.9", token))) {
      asterisk.expect(OUTCOME_VARS)
          .reply(value("ANSWER|5501|16||919800000001@parties|||1"));
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.callSid()).isEqualTo("1795881527.9");
    assertThat(event.to()).contains(PhoneNumber.of(PARTY));
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.COMPLETED);
    assertThat(event.onCallDuration()).isEqualTo(Duration.ofMillis(5_501));
    assertThat(event.dialCallDuration()).isEqualTo(Duration.ofMillis(6_503));
    assertThat(event.insights().orElseThrow().disconnectedBy()).isEqualTo(Disconnector.CALLEE);
    assertThat(harness.server.pendingOutcomes()).isZero();

    // The hangup handler reports the same token again: nothing is read, nothing emitted.
    try (FakeAsterisk asterisk = harness.call(outcome("1795881527.9", token))) {
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).isEmpty();
    }
    assertThat(harness.callEvents()).hasSize(1);
  }

  @Test
  void pinPromptInTheDecideScriptAndACallerHangupReportedFromTheHangupHandler() {
    harness.allocate(
        r -> r.aPartyNumbers(PARTY).bPartyNumbers("+917000000009").bPartyPins(1234)
            .usage(Usage.TWOWAY));
    String token;
    try (FakeAsterisk asterisk = harness.call(decide("919876543210", "1795881541.13"))) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("GET DATA conf-getpin 5000 4").reply("200 result=1234");
      asterisk.expect("SET VARIABLE GREENVN_ACTION \"dial\"").reply(ONE);
      asterisk.expect("SET VARIABLE GREENVN_CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("SET VARIABLE GREENVN_DIALS \"1\"").reply(ONE);
      asterisk.expect("SET VARIABLE GREENVN_DIAL_1 \"Local/919800000001@parties,30,g\"")
          .reply(ONE);
      String tokenCommand = asterisk.nextCommand();
      token = tokenCommand.substring(tokenCommand.indexOf('"') + 1, tokenCommand.length() - 1);
      asterisk.reply(ONE);
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    harness.elapse(9_000);
    // From the hangup handler, without the token as argument: it is read from the channel.
    try (FakeAsterisk asterisk = harness.call(outcome("1795881541.13", ""))) {
      asterisk.expect("GET VARIABLE GREENVN_TOKEN").reply(value(token));
      asterisk.expect(OUTCOME_VARS).reply(value("ANSWER|9000|16||919800000001@parties||"));
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.COMPLETED);
    assertThat(event.insights().orElseThrow().disconnectedBy()).isEqualTo(Disconnector.CALLER);
  }

  @Test
  void rejectIsLeftToTheDialplanAndReportedAtOnce() {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    try (FakeAsterisk asterisk = harness.call(decide("919800000001", "1795881600.4"))) {
      asterisk.expect("SET VARIABLE GREENVN_ACTION \"reject\"").reply(ONE);
      asterisk.expect("SET VARIABLE GREENVN_PROMPT \"ss-noservice\"").reply(ONE);
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
    assertThat(event.callType()).isEqualTo(CallType.CALL_ATTEMPT);
    assertThat(harness.server.pendingOutcomes()).isZero();
  }

  @Test
  void anOutcomeThatNeverComesExpiresAsFailed() {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    decideBridge("1795881527.10");
    harness.elapse(Duration.ofHours(4).plusSeconds(1).toMillis());
    harness.server.expireOverdueOutcomes();
    assertThat(harness.server.pendingOutcomes()).isZero();
    assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
  }

  @Test
  void pendingOutcomesAreBoundedInNumber() {
    harness.close();
    harness =
        new AdapterHarness(UnaryOperator.identity(),
            s -> s.pendingOutcomes(Duration.ofHours(1), 2));
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(Usage.ONEWAY));
    for (int i = 0; i < 3; i++) {
      decideBridge("1795881527.2" + i);
    }
    assertThat(harness.server.pendingOutcomes()).isEqualTo(2);
    // The call pushed out is reported, not lost.
    assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
  }

  @Test
  void unknownTokenIsIgnored() {
    try (FakeAsterisk asterisk = harness.call(outcome("1795881999.1", "00ff"))) {
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).isEmpty();
    }
    assertThat(harness.callEvents()).isEmpty();
  }
}
