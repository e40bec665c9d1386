package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.asterisk.AdapterHarness.PARTY;
import static org.greenvn.asterisk.ScriptDrivenModeTest.DIAL_VARS;
import static org.greenvn.asterisk.testing.FakeAsterisk.ONE;
import static org.greenvn.asterisk.testing.FakeAsterisk.ZERO;
import static org.greenvn.asterisk.testing.FakeAsterisk.value;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.greenvn.allocation.Usage;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.greenvn.event.CallEvent;
import org.junit.jupiter.api.Test;

/**
 * Durations after a PIN prompt, replayed from {@code pin-prompt-correct.txt}: ANSWER at 0 s,
 * PIN at 4.254 s, Dial from 5.212 s to 11.716 s, the party rang 1 s and talked about 5.5 s, and
 * Asterisk reports {@code ANSWEREDTIME_MS} 11715 because it counts from the caller's answer.
 */
class PinPromptDurationsTest {

  private static final String CHANNEL = "Local/919876543210*+914048212136@caller-sim-00000006;2";

  @Test
  void withTheAnswerMarkBothDurationsAreTheRealOnes() {
    try (AdapterHarness harness =
        new AdapterHarness(UnaryOperator.identity(), s -> s.answerMarkSubroutine(
            "greenvn-answered"))) {
      // The party answered at 15:59:07.778 (asterisk-logs/pin-prompt-correct.log), Dial returned
      // 5.502 s later: what the subroutine and STRFTIME report on Asterisk's own clock.
      CallEvent event =
          replay(harness, "EXEC Dial \"Local/919800000001@parties,30,gU(greenvn-answered^"
                  + CHANNEL + ")\"",
              "ANSWER|11715|16||919800000001@parties|1795881547778|1795881553280");
      assertThat(event.onCallDuration()).isEqualTo(Duration.ofMillis(5_502));
      assertThat(event.dialCallDuration()).isEqualTo(Duration.ofMillis(6_504));
      assertThat(event.insights().orElseThrow().ringingDuration())
          .isEqualTo(Duration.ofMillis(1_002));
    }
  }

  @Test
  void withoutTheMarkThePromptIsStillTakenOut() {
    try (AdapterHarness harness = new AdapterHarness()) {
      CallEvent event =
          replay(harness, "EXEC Dial \"Local/919800000001@parties,30,g\"",
              "ANSWER|11715|16||919800000001@parties||");
      // Not 11.715 s: the 5.212 s the caller was up before Dial (prompt and PIN) are taken out.
      // What is left is the second leg, ringing included: Asterisk says no more without the mark.
      assertThat(event.onCallDuration()).isEqualTo(Duration.ofMillis(6_503));
      assertThat(event.dialCallDuration()).isEqualTo(Duration.ofMillis(6_504));
    }
  }

  private static CallEvent replay(AdapterHarness harness, String dial, String dialVars) {
    harness.allocate(
        r -> r.aPartyNumbers(PARTY).bPartyNumbers("+917000000009").bPartyPins(1234)
            .usage(Usage.TWOWAY));
    AgiEnvironment env =
        AgiEnvironment.builder().callerId("919876543210").uniqueId("1795881541.13")
            .channel(CHANNEL).build();
    try (FakeAsterisk asterisk = harness.call(env)) {
      asterisk.expect("ANSWER");
      harness.elapse(501);
      asterisk.reply(ZERO);
      asterisk.expect("GET DATA conf-getpin 5000 4");
      harness.elapse(3_753);
      asterisk.reply("200 result=1234");
      asterisk.expect("SET CALLERID \"+914048212136\"");
      harness.elapse(958); // the transcript's probe played auth-thankyou here
      asterisk.reply(ONE);
      asterisk.expect(dial);
      harness.elapse(6_504);
      asterisk.reply(ZERO);
      asterisk.expect(DIAL_VARS).reply(value(dialVars));
      asterisk.expect("HANGUP").reply(ONE).hangup();
      assertThat(asterisk.awaitClosedByServer()).isTrue();
    }
    return harness.onlyCallEvent();
  }
}
