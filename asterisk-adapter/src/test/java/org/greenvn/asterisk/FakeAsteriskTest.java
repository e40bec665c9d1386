package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.greenvn.allocation.Usage;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.greenvn.event.DialCallStatus;
import org.junit.jupiter.api.Test;

/** The fixture itself: the environment block byte for byte, expectations, the responder loop. */
class FakeAsteriskTest {

  @Test
  void environmentBlockIsThatOfTheCapturedSessions() {
    String wire =
        AgiEnvironment.builder().callerId("919876543210").dnid("+914048212136")
            .uniqueId("1795881515.5")
            .channel("Local/919876543210*+914048212136@caller-sim-00000002;2").build().toWire();
    assertThat(wire).isEqualTo(String.join("\n",
        "agi_network: yes",
        "agi_network_script: greenvn",
        "agi_request: agi://127.0.0.1:4573/greenvn",
        "agi_channel: Local/919876543210*+914048212136@caller-sim-00000002;2",
        "agi_language: en",
        "agi_type: Local",
        "agi_uniqueid: 1795881515.5",
        "agi_version: 22.10.1",
        "agi_callerid: 919876543210",
        "agi_calleridname: 919876543210",
        "agi_callingpres: 0",
        "agi_callingani2: 0",
        "agi_callington: 0",
        "agi_callingtns: 0",
        "agi_dnid: +914048212136",
        "agi_rdnis: unknown",
        "agi_context: vn-inbound",
        "agi_extension: +914048212136",
        "agi_priority: 2",
        "agi_enhanced: 0.0",
        "agi_accountcode: ",
        "agi_threadid: 140520088454848",
        "",
        ""));
  }

  @Test
  void serveAnswersEveryCommandWithTheResponder() {
    try (AdapterHarness harness = new AdapterHarness()) {
      harness.allocate(r -> r.aPartyNumbers(AdapterHarness.CALLER)
          .bPartyNumbers(AdapterHarness.PARTY).usage(Usage.ONEWAY));
      try (FakeAsterisk asterisk = harness.call("919876543210", "1795882200.1")) {
        List<String> commands =
            asterisk.serve(
                command -> Optional.of(
                    command.startsWith("GET FULL VARIABLE")
                        ? FakeAsterisk.value("BUSY||17|||")
                        : command.equals("HANGUP") ? "200 result=1\nHANGUP" : "200 result=0"));
        assertThat(commands).hasSize(4).last().isEqualTo("HANGUP");
      }
      assertThat(harness.onlyCallEvent().dialCallStatus()).isEqualTo(DialCallStatus.BUSY);
    }
  }

  @Test
  void aWrongCommandFailsTheExpectationWithBothTexts() {
    try (AdapterHarness harness = new AdapterHarness()) {
      harness.allocate(r -> r.aPartyNumbers(AdapterHarness.CALLER)
          .bPartyNumbers(AdapterHarness.PARTY).usage(Usage.ONEWAY));
      try (FakeAsterisk asterisk = harness.call("919876543210", "1795882200.2")) {
        assertThatThrownBy(() -> asterisk.expect("ANSWER"))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("<ANSWER>")
            .hasMessageContaining("SET CALLERID");
      }
    }
  }
}
