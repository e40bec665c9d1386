package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.asterisk.AdapterHarness.CALLER;
import static org.greenvn.asterisk.ScriptDrivenModeTest.DIAL_VARS;
import static org.greenvn.asterisk.testing.FakeAsterisk.ONE;
import static org.greenvn.asterisk.testing.FakeAsterisk.ZERO;
import static org.greenvn.asterisk.testing.FakeAsterisk.value;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.greenvn.allocation.Usage;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.greenvn.event.CallEvent;
import org.greenvn.event.DialCallStatus;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.RingStrategy;
import org.junit.jupiter.api.Test;

/** A party with several numbers: rung together, or one after another. */
class RingStrategyTest {

  @Test
  void simultaneousRingDialsAllAndReportsWhoAnswered() {
    try (AdapterHarness harness = new AdapterHarness()) {
      harness.allocate(r -> r.aPartyNumbers(CALLER)
          .bPartyNumbers("+919800000001", "+919800000002").usage(Usage.ONEWAY));
      try (FakeAsterisk asterisk = harness.call("919876543210", "1795882100.1")) {
        asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
        asterisk.expect(
            "EXEC Dial \"Local/919800000001@parties&Local/919800000002@parties,30,g\"");
        harness.elapse(10_000);
        asterisk.reply(ZERO);
        asterisk.expect(DIAL_VARS).reply(value("ANSWER|8000|16||919800000002@parties||"));
        asterisk.expect("HANGUP").reply(ONE).hangup();
        assertThat(asterisk.awaitClosedByServer()).isTrue();
      }
      CallEvent event = harness.onlyCallEvent();
      assertThat(event.to()).contains(PhoneNumber.of("+919800000002"));
      assertThat(event.onCallDuration()).isEqualTo(Duration.ofSeconds(8));
    }
  }

  @Test
  void sequentialRingTriesTheNextNumberAfterNoAnswer() {
    try (AdapterHarness harness =
        new AdapterHarness(
            f -> f.withRingStrategy(RingStrategy.SEQUENTIAL).withRingTimeout(
                Duration.ofSeconds(15)),
            UnaryOperator.identity())) {
      harness.allocate(r -> r.aPartyNumbers(CALLER)
          .bPartyNumbers("+919800000001", "+919800000002").usage(Usage.ONEWAY));
      try (FakeAsterisk asterisk = harness.call("919876543210", "1795882100.2")) {
        asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
        asterisk.expect("EXEC Dial \"Local/919800000001@parties,15,g\"");
        harness.elapse(15_000);
        asterisk.reply(ZERO);
        asterisk.expect(DIAL_VARS).reply(value("NOANSWER||0|||"));
        asterisk.expect("EXEC Dial \"Local/919800000002@parties,15,g\"");
        harness.elapse(7_000);
        asterisk.reply(ZERO);
        asterisk.expect(DIAL_VARS).reply(value("ANSWER|5000|16||919800000002@parties||"));
        asterisk.expect("HANGUP").reply(ONE).hangup();
        assertThat(asterisk.awaitClosedByServer()).isTrue();
      }
      CallEvent event = harness.onlyCallEvent();
      assertThat(event.dialCallStatus()).isEqualTo(DialCallStatus.COMPLETED);
      assertThat(event.to()).contains(PhoneNumber.of("+919800000002"));
      assertThat(event.onCallDuration()).isEqualTo(Duration.ofSeconds(5));
      assertThat(event.dialCallDuration()).isEqualTo(Duration.ofSeconds(22));
    }
  }

  @Test
  void sequentialRingStopsWhenTheCallerLeaves() {
    try (AdapterHarness harness =
        new AdapterHarness(f -> f.withRingStrategy(RingStrategy.SEQUENTIAL),
            UnaryOperator.identity())) {
      harness.allocate(r -> r.aPartyNumbers(CALLER)
          .bPartyNumbers("+919800000001", "+919800000002").usage(Usage.ONEWAY));
      try (FakeAsterisk asterisk = harness.call("919876543210", "1795882100.3")) {
        asterisk.expect("SET CALLERID \"+914048212136\"").reply(ONE);
        asterisk.expect("EXEC Dial \"Local/919800000001@parties,30,g\"")
            .reply(FakeAsterisk.MINUS_ONE);
        asterisk.expect(DIAL_VARS).hangup().reply(value("CANCEL||0|||"));
        assertThat(asterisk.awaitClosedByServer()).isTrue();
        assertThat(asterisk.commands()).filteredOn(c -> c.startsWith("EXEC Dial")).hasSize(1);
      }
      assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.CANCELED);
    }
  }
}
