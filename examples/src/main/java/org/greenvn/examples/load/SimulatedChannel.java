package org.greenvn.examples.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Asterisk side of one call: the channel's variables and what it answers to each AGI command,
 * for one scenario. Replies follow the captured sessions in {@code ../shared/fastagi-transcripts}
 * (SET VARIABLE and VERBOSE answer {@code result=1}, an unset variable {@code result=0}, a set but
 * empty one {@code result=1 ()}, GET FULL VARIABLE always {@code result=1 (expansion)}).
 *
 * <p>Not thread-safe: one session's thread owns it.
 */
final class SimulatedChannel {

  static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
  static final String UNKNOWN = "510 Invalid or unknown command";

  /** res_agi.c's commands flagged as allowed on a dead channel. */
  private static final Set<String> DEAD_ALLOWED =
      Set.of(
          "ASYNCAGI BREAK", "DATABASE DEL", "DATABASE DELTREE", "DATABASE GET", "DATABASE PUT",
          "EXEC", "GET FULL VARIABLE", "GET VARIABLE", "NOOP", "SET VARIABLE", "VERBOSE");

  /** Applications the simulated Asterisk has loaded; others make EXEC answer -2. */
  private static final Set<String> APPLICATIONS =
      Set.of(
          "answer", "background", "busy", "celgenuserevent", "confbridge", "congestion", "dial",
          "echo", "gosub", "goto", "gotoif", "hangup", "log", "mixmonitor", "monitor",
          "musiconhold", "noop", "playback", "playtones", "progress", "queue", "read",
          "ringing", "saydigits", "saynumber", "senddtmf", "set", "startmusiconhold",
          "stopmixmonitor", "stopmusiconhold", "stopplaytones", "system", "transfer",
          "userevent", "verbose", "wait", "waitexten");

  private static final Pattern EXPANSION = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern PARENTHESISED = Pattern.compile("\\([^)]*\\)");

  private final ScenarioKind scenario;
  private final long holdMillis;
  private final DeadChannelReplies deadReplies;
  private final Map<String, String> variables = new HashMap<>();
  private final Deque<String> digitAnswers = new ArrayDeque<>();
  private boolean dead;
  private boolean callerHungUp;
  private int dials;

  SimulatedChannel(
      ScenarioKind scenario,
      Allocation allocation,
      long callNumber,
      String uniqueId,
      String channelName,
      long holdMillis,
      DeadChannelReplies deadReplies) {
    this.scenario = scenario;
    this.holdMillis = holdMillis;
    this.deadReplies = deadReplies;
    String caller = scenario.knownCaller()
            ? allocation.knownCaller()
            : allocation.unknownCallerOfCall(callNumber);
    variables.put("CALLERID(num)", caller);
    variables.put("CALLERID(name)", caller);
    variables.put("CALLERID(all)", "\"" + caller + "\" <" + caller + ">");
    variables.put("CALLERID(dnid)", allocation.vn());
    variables.put("EXTEN", allocation.vn());
    variables.put("CONTEXT", "vn-inbound");
    variables.put("CHANNEL", channelName);
    variables.put("UNIQUEID", uniqueId);
    variables.put("CHANNEL(linkedid)", uniqueId);
    variables.put("CHANNEL(hangupsource)", "");
    if (scenario == ScenarioKind.PIN_RIGHT) {
      digitAnswers.add(allocation.pin());
    } else if (scenario == ScenarioKind.PIN_WRONG) {
      String wrong = allocation.wrongPin();
      digitAnswers.add(wrong);
      digitAnswers.add(wrong.substring(0, Math.min(2, wrong.length())) + " (timeout)");
    }
  }

  /** The caller's number as Asterisk reports it in {@code agi_callerid}. */
  String callerNumber() {
    return variables.get("CALLERID(num)");
  }

  /** A channel variable's value, empty when unset. */
  String variable(String name) {
    return variables.getOrDefault(name, "");
  }

  /** Sets a variable as the dialplan's {@code Set()} does. */
  void setVariable(String name, String value) {
    variables.put(name, value);
  }

  /**
   * The dialplan hung the channel up (its {@code Hangup()}, or the end of the extension): the
   * hangup handler's AGI then runs on a dead channel.
   */
  void hangUpByDialplan() {
    dead = true;
  }

  boolean dead() {
    return dead;
  }

  /** Whether the hang-up came from the caller (as opposed to the server's HANGUP command). */
  boolean callerHungUp() {
    return callerHungUp;
  }

  /** The reply to one command, and what goes with it. */
  Reply reply(AgiCommand command) {
    boolean refusedWhenDead =
        deadReplies == DeadChannelReplies.STRICT || !DEAD_ALLOWED.contains(command.verb());
    if (dead && refusedWhenDead) {
      return Reply.of(command.known() ? DEAD : UNKNOWN);
    }
    switch (command.verb()) {
      case "ANSWER":
      case "NOOP":
      case "WAIT FOR DIGIT":
      case "SET MUSIC":
      case "SET AUTOHANGUP":
      case "SET CONTEXT":
      case "SET EXTENSION":
      case "SET PRIORITY":
        return Reply.of("200 result=0");
      case "CHANNEL STATUS":
        return Reply.of("200 result=6");
      case "VERBOSE":
        return Reply.of("200 result=1");
      case "HANGUP":
        dead = true;
        return new Reply("200 result=1", 0, true);
      case "SET VARIABLE":
        variables.put(command.arg(0), command.arg(1));
        return Reply.of("200 result=1");
      case "SET CALLERID":
        variables.put("CALLERID(num)", callerIdNumber(command.arg(0)));
        return Reply.of("200 result=1");
      case "GET VARIABLE":
        return getVariable(command.arg(0));
      case "GET FULL VARIABLE":
        return Reply.of("200 result=1 (" + expand(command.arg(0)) + ")");
      case "STREAM FILE":
      case "CONTROL STREAM FILE":
        return Reply.of("200 result=0 endpos=" + endPosition(command.arg(0)));
      case "GET DATA":
        return getData(command);
      case "DATABASE GET":
        return Reply.of("200 result=0");
      case "DATABASE PUT":
      case "DATABASE DEL":
      case "DATABASE DELTREE":
        return Reply.of("200 result=1");
      case "EXEC":
        return exec(command);
      default:
        return Reply.of(UNKNOWN);
    }
  }

  private Reply getVariable(String name) {
    String value = variables.get(name);
    return Reply.of(value == null ? "200 result=0" : "200 result=1 (" + value + ")");
  }

  private Reply getData(AgiCommand command) {
    if (command.args().isEmpty()) {
      return Reply.of(
          "520-Invalid command syntax.  Proper usage follows:\n"
              + "Usage: GET DATA <file to be streamed> [timeout] [maxdigits]\n"
              + "520 End of proper usage.");
    }
    if (scenario == ScenarioKind.CALLER_HANGUP && !callerHungUp) {
      return hangUpNow("200 result=-1");
    }
    String answer = digitAnswers.isEmpty() ? " (timeout)" : digitAnswers.poll();
    if (scenario == ScenarioKind.PIN_RIGHT && digitAnswers.isEmpty()) {
      // A caller who knows the PIN keys it again if asked again.
      digitAnswers.add(answer);
    }
    return Reply.of("200 result=" + answer);
  }

  private Reply exec(AgiCommand command) {
    String application = command.arg(0);
    if (!APPLICATIONS.contains(application.toLowerCase(Locale.ROOT))) {
      return Reply.of("200 result=-2");
    }
    if (!application.equalsIgnoreCase("dial")) {
      return Reply.of("200 result=0");
    }
    dials++;
    String[] dial = command.arg(1).split(",", -1);
    String target = dial[0].split("&")[0];
    String options = dial.length > 2 ? PARENTHESISED.matcher(dial[2]).replaceAll("") : "";
    String partyHangsUpResult = options.indexOf('g') >= 0 ? "200 result=0" : "200 result=-1";
    if (dead) {
      // caller-hangup-while-idle.txt: Dial on a dead channel runs and reports CANCEL.
      setDialOutcome("CANCEL", target, false);
      return new Reply("200 result=-1", 0, false);
    }
    switch (scenario) {
      case BUSY:
        setDialOutcome("BUSY", target, false);
        return new Reply("200 result=0", 0, false);
      case NO_ANSWER:
        setDialOutcome("NOANSWER", target, false);
        return new Reply("200 result=0", holdMillis, false);
      case CALLER_HANGUP:
        setDialOutcome("CANCEL", target, false);
        return hangUpNow("200 result=-1");
      default:
        setDialOutcome("ANSWER", target, true);
        return new Reply(partyHangsUpResult, holdMillis, false);
    }
  }

  /** The caller hangs up while the command runs: -1, then the bare HANGUP notice. */
  private Reply hangUpNow(String result) {
    dead = true;
    callerHungUp = true;
    return new Reply(result, holdMillis, true);
  }

  private void setDialOutcome(String status, String target, boolean answered) {
    variables.put("DIALSTATUS", status);
    String seconds = answered ? Long.toString(Math.round(holdMillis / 1000.0)) : "";
    variables.put("ANSWEREDTIME", seconds);
    variables.put("DIALEDTIME", seconds);
    variables.put("ANSWEREDTIME_MS", answered ? Long.toString(holdMillis) : "");
    variables.put("DIALEDTIME_MS", answered ? Long.toString(holdMillis + 2) : "");
    variables.put("RINGTIME_MS", status.equals("BUSY") ? "" : "0");
    variables.put(
        "DIALEDPEERNAME", answered ? target + "-" + String.format("%08x", dials) + ";1" : "");
    variables.put(
        "DIALEDPEERNUMBER", answered ? target.substring(target.indexOf('/') + 1) : "");
    variables.put("HANGUPCAUSE", answered || status.equals("CANCEL") ? "16" : "0");
    variables.put("CDR(billsec)", answered ? seconds : "0");
    variables.put("CDR(duration)", answered ? seconds : "0");
    variables.put("CDR(disposition)", dispositionOf(status));
  }

  private static String dispositionOf(String status) {
    switch (status) {
      case "ANSWER":
        return "ANSWERED";
      case "BUSY":
        return "BUSY";
      case "CONGESTION":
      case "CHANUNAVAIL":
        return "FAILED";
      default:
        return "NO ANSWER";
    }
  }

  private String expand(String expression) {
    Matcher matcher = EXPANSION.matcher(expression);
    StringBuilder expanded = new StringBuilder();
    while (matcher.find()) {
      String value = variables.getOrDefault(matcher.group(1), "");
      matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(expanded);
    return expanded.toString();
  }

  /** {@code SET CALLERID "Name" <num>} or a bare number: the number part. */
  private static String callerIdNumber(String callerId) {
    int open = callerId.indexOf('<');
    int close = callerId.indexOf('>', open + 1);
    return open >= 0 && close > open ? callerId.substring(open + 1, close) : callerId;
  }

  /** A stable, plausible sample count for a prompt (what Asterisk reports as endpos). */
  private static int endPosition(String file) {
    return 4_000 + Math.floorMod(file.hashCode(), 20_000);
  }

  /**
   * The answer to one command.
   *
   * @param text the reply line(s) without the final newline
   * @param delayMillis how long the command "runs" before the reply (a conversation, ringing)
   * @param hangupNotice whether a bare {@code HANGUP} line follows the reply
   */
  record Reply(String text, long delayMillis, boolean hangupNotice) {
    static Reply of(String text) {
      return new Reply(text, 0, false);
    }

    List<String> lines() {
      return List.of(text.split("\n"));
    }
  }
}
