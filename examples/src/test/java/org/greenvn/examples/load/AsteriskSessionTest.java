package org.greenvn.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated Asterisk against a scripted server on a loopback socket: the environment block
 * and the reply to each command, checked against the captured Asterisk 22 sessions.
 */
class AsteriskSessionTest {

  private static final Allocation ALLOCATION = Allocation.TRANSCRIPT_DEFAULT;
  private static final String DEAD =
      "511 Command Not Permitted on a dead channel or intercept routine";

  private final Gauge held = new Gauge();

  private record Played(ScriptedAgiServer.Exchange exchange, SessionOutcome outcome) {}

  private Played play(ScenarioKind scenario, DeadChannelReplies dead, String... commands)
      throws Exception {
    try (ScriptedAgiServer server = new ScriptedAgiServer(List.of(commands));
        Socket socket = new Socket()) {
      socket.setSoTimeout(10_000);
      long start = System.nanoTime();
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      AsteriskSession session =
          new AsteriskSession(
              scenario, ALLOCATION, 42, 1_795_881_501L, "agi://127.0.0.1:4573/greenvn", 0,
              dead, held);
      SessionOutcome outcome = session.play(socket, start);
      return new Played(server.exchange(), outcome);
    }
  }

  @Test
  void environmentBlockIsAsteriskShapedAndNamesTheCall() throws Exception {
    Played played = play(ScenarioKind.BRIDGED, DeadChannelReplies.REALISTIC, "ANSWER");

    assertThat(played.exchange().environment())
        .startsWith("agi_network: yes", "agi_network_script: greenvn",
            "agi_request: agi://127.0.0.1:4573/greenvn")
        .contains(
            "agi_uniqueid: 1795881501.42",
            "agi_callerid: 919876543210",
            "agi_calleridname: 919876543210",
            "agi_dnid: +914048212136",
            "agi_extension: +914048212136",
            "agi_rdnis: unknown",
            "agi_context: vn-inbound",
            "agi_priority: 2",
            "agi_enhanced: 0.0",
            "agi_accountcode: ")
        .hasSize(22);
  }

  @Test
  void unknownCallerScenariosComeFromTheUnknownNumber() throws Exception {
    Played played = play(ScenarioKind.PIN_RIGHT, DeadChannelReplies.REALISTIC, "ANSWER");

    assertThat(played.exchange().environment()).contains("agi_callerid: +447700900123");
  }

  @Test
  void bridgedCallAnswersLikeBridgeAnsweredTranscript() throws Exception {
    Played played =
        play(
            ScenarioKind.BRIDGED,
            DeadChannelReplies.REALISTIC,
            "ANSWER",
            "GET VARIABLE DIALSTATUS",
            "GET VARIABLE \"CALLERID(num)\"",
            "GET FULL VARIABLE \"${CALLERID(dnid)}\"",
            "VERBOSE \"greenvn: bridging\" 1",
            "SET VARIABLE CALLERID(num) \"+914048212136\"",
            "GET VARIABLE CALLERID(num)",
            "EXEC MixMonitor \"/var/spool/asterisk/monitor/x.wav,b\"",
            "EXEC \"Dial\" \"PJSIP/919800000001@carrier,30,g\"",
            "GET VARIABLE \"DIALSTATUS\"",
            "GET VARIABLE HANGUPCAUSE",
            "GET FULL VARIABLE \"${CDR(disposition)},${NOT_SET}\"",
            "STREAM FILE goodbye \"\"",
            "EXEC NoSuchApplication",
            "FROBNICATE now",
            "HANGUP",
            "STREAM FILE goodbye \"\"",
            "GET VARIABLE DIALSTATUS",
            "HANGUP");

    assertThat(played.exchange().received())
        .containsExactly(
            "200 result=0",
            "200 result=0",
            "200 result=1 (919876543210)",
            "200 result=1 (+914048212136)",
            "200 result=1",
            "200 result=1",
            "200 result=1 (+914048212136)",
            "200 result=0",
            "200 result=0",
            "200 result=1 (ANSWER)",
            "200 result=1 (16)",
            "200 result=1 (ANSWERED,)",
            "200 result=0 endpos=" + (4_000 + Math.floorMod("goodbye".hashCode(), 20_000)),
            "200 result=-2",
            "510 Invalid or unknown command",
            "200 result=1",
            "HANGUP",
            DEAD,
            "200 result=1 (ANSWER)",
            DEAD);
    assertThat(played.outcome().completed()).isTrue();
    assertThat(played.outcome().roundTrips()).isEqualTo(19);
    assertThat(played.outcome().deadReplies()).isEqualTo(2);
  }

  @Test
  void dialWithoutTheGOptionReturnsMinusOneWhenThePartyHangsUp() throws Exception {
    Played played =
        play(ScenarioKind.BRIDGED, DeadChannelReplies.REALISTIC,
            "EXEC Dial \"Local/919800000001@parties,30,f(+914048212136)\"");

    assertThat(played.exchange().received()).containsExactly("200 result=-1");
  }

  @Test
  void busyAndNoAnswerSetTheirDialStatusAndEmptyTimes() throws Exception {
    String[] commands = {
      "EXEC Dial \"PJSIP/919800000002@carrier,30,g\"",
      "GET VARIABLE DIALSTATUS",
      "GET VARIABLE ANSWEREDTIME",
      "GET VARIABLE DIALEDPEERNUMBER"
    };

    assertThat(play(ScenarioKind.BUSY, DeadChannelReplies.REALISTIC, commands)
            .exchange().received())
        .containsExactly("200 result=0", "200 result=1 (BUSY)", "200 result=1 ()",
            "200 result=1 ()");
    assertThat(play(ScenarioKind.NO_ANSWER, DeadChannelReplies.REALISTIC, commands)
            .exchange().received())
        .containsExactly("200 result=0", "200 result=1 (NOANSWER)", "200 result=1 ()",
            "200 result=1 ()");
  }

  @Test
  void rightPinIsKeyedAtGetData() throws Exception {
    Played played =
        play(ScenarioKind.PIN_RIGHT, DeadChannelReplies.REALISTIC, "ANSWER",
            "GET DATA conf-getpin 5000 4", "SET CALLERID \"+914048212136\"",
            "GET VARIABLE CALLERID(num)");

    assertThat(played.exchange().received())
        .containsExactly("200 result=0", "200 result=1234", "200 result=1",
            "200 result=1 (+914048212136)");
  }

  @Test
  void wrongPinsFollowPinPromptWrongTranscript() throws Exception {
    Played played =
        play(ScenarioKind.PIN_WRONG, DeadChannelReplies.REALISTIC,
            "GET DATA conf-getpin 5000 4", "STREAM FILE conf-invalidpin \"\"",
            "GET DATA conf-getpin 5000 4", "GET DATA conf-getpin 5000 4", "GET DATA");

    assertThat(played.exchange().received())
        .containsExactly(
            "200 result=2345",
            "200 result=0 endpos="
                + (4_000 + Math.floorMod("conf-invalidpin".hashCode(), 20_000)),
            "200 result=23 (timeout)",
            "200 result= (timeout)",
            "520-Invalid command syntax.  Proper usage follows:",
            "Usage: GET DATA <file to be streamed> [timeout] [maxdigits]",
            "520 End of proper usage.");
  }

  @Test
  void callerHangupDuringDialFollowsTheTranscript() throws Exception {
    Played played =
        play(ScenarioKind.CALLER_HANGUP, DeadChannelReplies.REALISTIC,
            "ANSWER",
            "EXEC Dial \"PJSIP/919800000003@carrier,30,g\"",
            "GET VARIABLE DIALSTATUS",
            "GET VARIABLE DIALEDTIME",
            "VERBOSE \"caller gone\" 1",
            "STREAM FILE goodbye \"\"",
            "HANGUP");

    assertThat(played.exchange().received())
        .containsExactly(
            "200 result=0",
            "200 result=-1",
            "HANGUP",
            "200 result=1 (CANCEL)",
            "200 result=1 ()",
            "200 result=1",
            DEAD,
            DEAD);
    assertThat(played.outcome().roundTrips()).isEqualTo(7);
    assertThat(played.outcome().deadReplies()).isEqualTo(2);
  }

  @Test
  void callerHangupDuringThePinPromptAnswersMinusOne() throws Exception {
    Played played =
        play(ScenarioKind.CALLER_HANGUP, DeadChannelReplies.REALISTIC,
            "GET DATA conf-getpin 10000 4", "EXEC Playback goodbye", "GET DATA conf-getpin");

    assertThat(played.exchange().received())
        .containsExactly("200 result=-1", "HANGUP", "200 result=0", DEAD);
  }

  @Test
  void strictDeadChannelRefusesEveryCommandAfterTheHangup() throws Exception {
    Played played =
        play(ScenarioKind.CALLER_HANGUP, DeadChannelReplies.STRICT,
            "EXEC Dial \"PJSIP/919800000003@carrier,30,g\"", "GET VARIABLE DIALSTATUS",
            "VERBOSE \"x\" 1", "NOT A COMMAND");

    assertThat(played.exchange().received())
        .containsExactly("200 result=-1", "HANGUP", DEAD, DEAD,
            "510 Invalid or unknown command");
    assertThat(played.outcome().deadReplies()).isEqualTo(2);
  }

  @Test
  void serverThatClosesWithoutACommandIsAnError() throws Exception {
    Played played = play(ScenarioKind.BRIDGED, DeadChannelReplies.REALISTIC);

    assertThat(played.outcome().completed()).isFalse();
    assertThat(played.outcome().error()).isEqualTo("no-command");
  }
}
