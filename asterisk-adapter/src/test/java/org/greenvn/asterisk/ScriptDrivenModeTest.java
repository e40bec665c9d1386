package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.asterisk.AdapterHarness.CALLER;
import static org.greenvn.asterisk.AdapterHarness.IDLE_VN;
import static org.greenvn.asterisk.AdapterHarness.PARTY;
import static org.greenvn.asterisk.AdapterHarness.VN;
import static org.greenvn.asterisk.testing.FakeAsterisk.DEAD_CHANNEL;
import static org.greenvn.asterisk.testing.FakeAsterisk.MINUS_ONE;
import static org.greenvn.asterisk.testing.FakeAsterisk.ONE;
import static org.greenvn.asterisk.testing.FakeAsterisk.ZERO;
import static org.greenvn.asterisk.testing.FakeAsterisk.value;

import java.time.Duration;
import java.util.Optional;
import org.greenvn.allocation.Usage;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.greenvn.event.CallEvent;
import org.greenvn.event.CallInsights;
import org.greenvn.event.CallType;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.Disconnector;
import org.greenvn.event.OutOfAllocationEvent;
import org.greenvn.event.VerificationFailedEvent;
import org.greenvn.event.VerificationSucceededEvent;
import org.greenvn.phone.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Script-driven calls against a fake Asterisk that replies as the captured sessions of
 * {@code fastagi-transcripts} do. Each test asserts the exact commands and the event emitted.
 */
class ScriptDrivenModeTest {

  /** The one round trip that reads what Dial left. */
  static final String DIAL_VARS =
      "GET FULL VARIABLE \"${DIALSTATUS}|${ANSWEREDTIME_MS}|${HANGUPCAUSE}"
          + "|${CHANNEL(hangupsource)}|${DIALEDPEERNUMBER}|${SHARED(GREENVN_ANSWERED_AT)}"
          + "|${STRFTIME(,,%s%3q)}\"";

  private AdapterHarness harness = new AdapterHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  private void allocateAtoB(Usage usage) {
    harness.allocate(r -> r.aPartyNumbers(CALLER).bPartyNumbers(PARTY).usage(usage));
  }

  @Test
  void aCallsBAnsweredWithTheVnAsCallerId() {
    allocateAtoB(Usage.ONEWAY);
    // bridge-unanswered-inbound.txt: no ANSWER before Dial, Dial answers the caller's leg.
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881527.9")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"");
      harness.elapse(6_503);
      asterisk.reply(ZERO);
      asterisk.expect(DIAL_VARS).reply(value("ANSWER|5501|16||919800000001@parties||"));
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).noneMatch(c -> c.contains("919876543210"));
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.callSid()).isEqualTo("1795881527.9");
    assertThat(event.greenvn()).isEqualTo(PhoneNumber.of(VN));
    assertThat(event.from()).contains(PhoneNumber.of(CALLER));
    assertThat(event.to()).contains(PhoneNumber.of(PARTY));
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.COMPLETED);
    assertThat(event.callType()).isEqualTo(CallType.COMPLETED);
    assertThat(event.onCallDuration()).isEqualTo(Duration.ofMillis(5_501));
    assertThat(event.dialCallDuration()).isEqualTo(Duration.ofMillis(6_503));
    assertThat(event.insights())
        .contains(
            new CallInsights(
                Disconnector.CALLEE, DialCallStatus.COMPLETED, "CALL_COMPLETED",
                Duration.ofMillis(1_002)));
  }

  @Test
  void bCallsAOnATwowayAllocation() {
    allocateAtoB(Usage.TWOWAY);
    try (FakeAsterisk asterisk = harness.call("919800000001", "1795881600.3")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC Dial \"Local/919876543210@parties,30,g\"");
      harness.elapse(4_000);
      asterisk.reply(MINUS_ONE);
      // caller-hangup-during-bridge.txt: with 'g', -1 means the caller left; HANGUP follows.
      asterisk.expect(DIAL_VARS).hangup().reply(value("ANSWER|3000|16||919876543210@parties||"));
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).doesNotContain("HANGUP");
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.from()).contains(PhoneNumber.of(PARTY));
    assertThat(event.to()).contains(PhoneNumber.of(CALLER));
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.COMPLETED);
    assertThat(event.onCallDuration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(event.insights().orElseThrow().disconnectedBy()).isEqualTo(Disconnector.CALLER);
  }

  @Test
  void bOnAOnewayAllocationIsRejectedWithItsPrompt() {
    allocateAtoB(Usage.ONEWAY);
    try (FakeAsterisk asterisk = harness.call("919800000001", "1795881600.4")) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("STREAM FILE ss-noservice \"\"").reply("200 result=0 endpos=12000");
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).noneMatch(c -> c.startsWith("EXEC Dial"));
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.from()).contains(PhoneNumber.of(PARTY));
    assertThat(event.to()).isEmpty();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
    assertThat(event.callType()).isEqualTo(CallType.CALL_ATTEMPT);
  }

  @Test
  void unknownCallerWithTheRightPinIsBridgedAndNotAskedAgain() {
    harness.allocate(
        r -> r.aPartyNumbers(PARTY).bPartyNumbers("+917000000009").bPartyPins(1234)
            .usage(Usage.TWOWAY));
    // pin-prompt-correct.txt
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881541.13")) {
      asterisk.expect("ANSWER");
      harness.elapse(501);
      asterisk.reply(ZERO);
      asterisk.expect("GET DATA conf-getpin 5000 4");
      harness.elapse(3_753);
      asterisk.reply("200 result=1234");
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"").reply(ZERO);
      asterisk.expect(DIAL_VARS).reply(value("ANSWER|4255|16||919800000001@parties||"));
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    VerificationSucceededEvent joined =
        harness.kit.events(VerificationSucceededEvent.class).get(0);
    assertThat(joined.callSid()).isEqualTo("1795881541.13");
    harness.kit.clearEvents();

    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881599.2")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"").reply(ZERO);
      asterisk.expect(DIAL_VARS).reply(value("BUSY||0|||"));
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).noneMatch(c -> c.startsWith("GET DATA"));
    }
    assertThat(harness.kit.events(VerificationSucceededEvent.class)).isEmpty();
    assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.BUSY);
  }

  @Test
  void threeWrongPinsLockTheCallerOut() {
    harness.allocate(
        r -> r.aPartyNumbers(PARTY).bPartyNumbers("+917000000009").bPartyPins(1234)
            .usage(Usage.TWOWAY));
    // pin-prompt-wrong.txt: a full entry, a partial one, none.
    AgiEnvironment env =
        AgiEnvironment.builder().callerId("+447700900123").dnid("914048212136")
            .uniqueId("1795881559.17").build();
    try (FakeAsterisk asterisk = harness.call(env)) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("GET DATA conf-getpin 5000 4").reply("200 result=9999");
      asterisk.expect("STREAM FILE conf-invalidpin \"\"").reply("200 result=0 endpos=21208");
      asterisk.expect("GET DATA conf-getpin 5000 4").reply("200 result=12 (timeout)");
      asterisk.expect("STREAM FILE conf-invalidpin \"\"").reply("200 result=0 endpos=21208");
      asterisk.expect("GET DATA conf-getpin 5000 4").reply("200 result= (timeout)");
      asterisk.expect("STREAM FILE vm-goodbye \"\"").reply("200 result=0 endpos=8000");
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    assertThat(harness.kit.events(VerificationFailedEvent.class))
        .extracting(VerificationFailedEvent::attempt)
        .containsExactly(1, 2, 3);
    assertThat(harness.callEvents()).isEmpty();

    AgiEnvironment again =
        AgiEnvironment.builder().callerId("+447700900123").dnid("914048212136")
            .uniqueId("1795881570.20").build();
    try (FakeAsterisk asterisk = harness.call(again)) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("STREAM FILE vm-goodbye \"\"").reply("200 result=0 endpos=8000");
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).noneMatch(c -> c.startsWith("GET DATA"));
    }
  }

  @Test
  void busyPartyIsReportedBusy() {
    allocateAtoB(Usage.ONEWAY);
    // busy-or-noanswer.txt, session 1
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881620.30")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"");
      harness.elapse(1);
      asterisk.reply(ZERO);
      asterisk.expect(DIAL_VARS).reply(value("BUSY||0|||"));
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.BUSY);
    assertThat(event.callType()).isEqualTo(CallType.CALL_ATTEMPT);
    assertThat(event.onCallDuration()).isZero();
    assertThat(event.dialCallDuration()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void unansweredPartyIsReportedNoAnswerAfterTheRingTimeout() {
    harness.close();
    harness = new AdapterHarness(f -> f.withRingTimeout(Duration.ofSeconds(8)), s -> s);
    allocateAtoB(Usage.ONEWAY);
    // busy-or-noanswer.txt, session 2: Dial "...,8,g" returns 0 after 8 s.
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881630.33")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC Dial \"Local/919800000001@parties,8,g\"");
      harness.elapse(8_001);
      asterisk.reply(ZERO);
      asterisk.expect(DIAL_VARS).reply(value("NOANSWER||0|||"));
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.NO_ANSWER);
    assertThat(event.dialCallDuration()).isEqualTo(Duration.ofMillis(8_001));
    assertThat(event.insights().orElseThrow().ringingDuration())
        .isEqualTo(Duration.ofMillis(8_001));
  }

  @Test
  void chanUnavailAndCongestionAreFailed() {
    allocateAtoB(Usage.ONEWAY);
    String[] statuses = {"CHANUNAVAIL", "CONGESTION"};
    for (int i = 0; i < statuses.length; i++) {
      try (FakeAsterisk asterisk = harness.call("919876543210", "1795881669.4" + i)) {
        asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
        asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"").reply(ZERO);
        asterisk.expect(DIAL_VARS).reply(value(statuses[i] + "||0|||"));
        asterisk.expect("HANGUP").reply(ONE).hangup();
        assertThat(asterisk.awaitClosedByServer()).isTrue();
      }
    }
    assertThat(harness.callEvents())
        .extracting(CallEvent::dialCallStatus)
        .containsExactly(DialCallStatus.FAILED, DialCallStatus.FAILED);
  }

  @Test
  void callerHangingUpDuringThePinPromptEndsTheScriptCleanly() {
    harness.allocate(
        r -> r.aPartyNumbers(PARTY).bPartyNumbers("+917000000009").bPartyPins(1234)
            .usage(Usage.TWOWAY));
    // caller-hangup-midscript.txt: GET DATA gives -1, HANGUP follows; channel commands get 511.
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881580.19")) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("GET DATA conf-getpin 5000 4").reply(MINUS_ONE);
      asterisk.expect("CHANNEL STATUS").hangup().reply(DEAD_CHANNEL);
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands())
          .containsExactly("ANSWER", "GET DATA conf-getpin 5000 4", "CHANNEL STATUS");
    }
    // An unknown caller who left before keying a PIN matched no allocation: no call event, and
    // no PIN failure counted against them.
    assertThat(harness.callEvents()).isEmpty();
    assertThat(harness.kit.events(VerificationFailedEvent.class)).isEmpty();
    AdapterHarness.await(() -> harness.server.activeCalls() == 0, "the call's script ended");
  }

  @Test
  void callerHangingUpDuringRingingIsCanceled() {
    allocateAtoB(Usage.ONEWAY);
    // caller-hangup-during-dial.txt
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881595.25")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"");
      harness.elapse(4_501);
      asterisk.reply(MINUS_ONE);
      asterisk.expect(DIAL_VARS).hangup().reply(value("CANCEL||0|||"));
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).doesNotContain("HANGUP");
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.CANCELED);
    assertThat(event.callType()).isEqualTo(CallType.CLIENT_HANGUP);
    assertThat(event.dialCallDuration()).isEqualTo(Duration.ofMillis(4_501));
    assertThat(event.insights().orElseThrow().disconnectedBy()).isEqualTo(Disconnector.CALLER);
  }

  @Test
  void callerWhoHungUpWhileTheServerWasIdleIsCanceledWithoutRingingAnyone() {
    allocateAtoB(Usage.ONEWAY);
    // caller-hangup-while-idle.txt: the HANGUP notice arrives unasked. Asterisk would still run
    // Dial on the dead channel (result -1, CANCEL at once); the adapter does not ask it to.
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881601.21")) {
      asterisk.hangup();
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(DEAD_CHANNEL);
      assertThat(asterisk.awaitClosedByServer()).isTrue();
      assertThat(asterisk.commands()).containsExactly("SET CALLERID \"+914048212136\"");
    }
    CallEvent event = harness.onlyCallEvent();
    assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.CANCELED);
    assertThat(event.callType()).isEqualTo(CallType.CLIENT_HANGUP);
  }

  @Test
  void aVnWithoutAllocationIsNotInService() {
    allocateAtoB(Usage.ONEWAY);
    AgiEnvironment env =
        AgiEnvironment.builder().callerId("919876543210").dnid(IDLE_VN)
            .uniqueId("1795881700.1").build();
    try (FakeAsterisk asterisk = harness.call(env)) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("STREAM FILE ss-noservice \"\"").reply("200 result=0 endpos=9000");
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    assertThat(harness.callEvents()).isEmpty();
    OutOfAllocationEvent out = harness.kit.events(OutOfAllocationEvent.class).get(0);
    assertThat(out.greenvn()).isEqualTo(PhoneNumber.of(IDLE_VN));
    assertThat(out.callSid()).isEqualTo("1795881700.1");
  }

  @Test
  void missingRejectPromptStillHangsUpPolitely() {
    allocateAtoB(Usage.ONEWAY);
    try (FakeAsterisk asterisk = harness.call("919800000001", "1795881675.47")) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("STREAM FILE ss-noservice \"\"").reply(FakeAsterisk.MISSING_FILE);
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.FAILED);
  }

  @Test
  void missingPinPromptFallsBackAndTheCallGoesThrough() {
    harness.allocate(
        r -> r.aPartyNumbers(PARTY).bPartyNumbers("+917000000009").bPartyPins(1234)
            .usage(Usage.TWOWAY));
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881541.14")) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("GET DATA conf-getpin 5000 4").reply(MINUS_ONE);
      asterisk.expect("CHANNEL STATUS").reply("200 result=6");
      asterisk.expect("GET DATA beep 5000 4").reply("200 result=1234");
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"").reply(ZERO);
      asterisk.expect(DIAL_VARS).reply(value("NOANSWER||0|||"));
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    assertThat(harness.kit.events(VerificationSucceededEvent.class)).hasSize(1);
    assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.NO_ANSWER);
  }

  @Test
  void withheldCallerIdIsAnUnknownCaller() {
    harness.allocate(
        r -> r.aPartyNumbers(PARTY).bPartyNumbers("+917000000009").bPartyPins(1234)
            .usage(Usage.TWOWAY));
    try (FakeAsterisk asterisk = harness.call("anonymous", "1795881800.1")) {
      asterisk.expect("ANSWER").reply(ZERO);
      asterisk.expect("GET DATA conf-getpin 5000 4").hangup().reply(MINUS_ONE);
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    assertThat(harness.callEvents()).isEmpty();
  }

  @Test
  void recordingUsesTheFlowTemplatesAndReportsTheUrl() {
    harness.close();
    harness =
        new AdapterHarness(
            f -> f.withRecording(true),
            s -> s.defaultFlowSettings(
                FlowSettings.dialing("Local/{number}@parties")
                    .withRecording(
                        "/var/spool/asterisk/monitor/{call_sid}.wav",
                        "https://rec.example.com/{greenvn}/{call_sid}.wav")));
    allocateAtoB(Usage.ONEWAY);
    // bridge-answered.txt: MixMonitor with 'b' before Dial.
    try (FakeAsterisk asterisk = harness.call("919876543210", "1795881501.1")) {
      asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
      asterisk.expect("EXEC MixMonitor \"/var/spool/asterisk/monitor/1795881501.1.wav,b\"")
          .reply(ZERO);
      asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"").reply(ZERO);
      asterisk.expect(DIAL_VARS).reply(value("ANSWER|0|16||919800000001@parties||"));
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    assertThat(harness.onlyCallEvent().recordingUrl())
        .isEqualTo(Optional.of("https://rec.example.com/914048212136/1795881501.1.wav"));
  }
}
