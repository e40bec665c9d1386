package org.greenvn.examples.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plays Asterisk on one FastAGI connection: sends the {@code agi_*} environment block, then
 * answers each command by its verb until the server closes the socket, as a real Asterisk channel
 * would. Blocking I/O: on JDK 21+ each session runs on its own virtual thread.
 */
final class AsteriskSession {

  private static final int MAX_LINE = 64 * 1024;

  private final ScenarioKind scenario;
  private final SimulatedChannel channel;
  private final String environment;
  private final String outcomeUrl;
  private final Allocation allocation;
  private final String uniqueId;
  private final String channelName;
  private final long callNumber;
  private final Gauge held;
  private int roundTrips;
  private int deadCount;

  /** Opens a connected socket to the server under test: a new AGI connection. */
  @FunctionalInterface
  interface Connector {
    /**
     * A connected socket.
     *
     * @throws ConnectFailed if it cannot connect (refused, or not within the connect timeout)
     */
    Socket open() throws ConnectFailed;
  }

  /** A connection the server did not accept: counted as a {@code connect} error. */
  static final class ConnectFailed extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectFailed(IOException cause) {
      super(cause.toString(), cause);
    }
  }

  /**
   * Prepares one call.
   *
   * @param scenario what the call plays
   * @param allocation the VN and callers to use
   * @param callNumber a number unique within the run, used for {@code agi_uniqueid}
   * @param epochSecond the run's start, the integer part of {@code agi_uniqueid}
   * @param requestUrl sent as {@code agi_request}; its path as {@code agi_network_script}
   * @param holdMillis how long a Dial runs (ringing or conversation)
   * @param deadReplies what a dead channel answers
   * @param held counts calls currently inside a Dial hold
   */
  AsteriskSession(
      ScenarioKind scenario,
      Allocation allocation,
      long callNumber,
      long epochSecond,
      String requestUrl,
      long holdMillis,
      DeadChannelReplies deadReplies,
      Gauge held) {
    this(scenario, allocation, callNumber, epochSecond, requestUrl, null, holdMillis, deadReplies,
        held);
  }

  /**
   * Prepares one call; with an {@code outcomeUrl}, a dialplan-driven one (see
   * {@link #playDialplan}).
   *
   * @param outcomeUrl the outcome script's URL, or {@code null} for a script-driven call
   */
  AsteriskSession(
      ScenarioKind scenario,
      Allocation allocation,
      long callNumber,
      long epochSecond,
      String requestUrl,
      String outcomeUrl,
      long holdMillis,
      DeadChannelReplies deadReplies,
      Gauge held) {
    this.scenario = scenario;
    this.held = held;
    this.allocation = allocation;
    this.callNumber = callNumber;
    this.outcomeUrl = outcomeUrl;
    this.uniqueId = epochSecond + "." + callNumber;
    this.channelName = String.format("PJSIP/carrier-%08x", callNumber);
    this.channel =
        new SimulatedChannel(
            scenario, allocation, callNumber, uniqueId, channelName, holdMillis, deadReplies);
    this.environment = environment(requestUrl, List.of());
  }

  private String environment(String url, List<String> arguments) {
    String caller = channel.callerNumber();
    int slash = url.indexOf('/', url.indexOf("//") + 2);
    String script = slash < 0 ? "" : url.substring(slash + 1);
    StringBuilder env = new StringBuilder(768);
    env.append("agi_network: yes\n")
        .append("agi_network_script: ").append(script).append('\n')
        .append("agi_request: ").append(url).append('\n')
        .append("agi_channel: ").append(channelName).append('\n')
        .append("agi_language: en\n")
        .append("agi_type: PJSIP\n")
        .append("agi_uniqueid: ").append(uniqueId).append('\n')
        .append("agi_version: 22.10.1\n")
        .append("agi_callerid: ").append(caller).append('\n')
        .append("agi_calleridname: ").append(caller).append('\n')
        .append("agi_callingpres: 0\n")
        .append("agi_callingani2: 0\n")
        .append("agi_callington: 0\n")
        .append("agi_callingtns: 0\n")
        .append("agi_dnid: ").append(allocation.vn()).append('\n')
        .append("agi_rdnis: unknown\n")
        .append("agi_context: vn-inbound\n")
        .append("agi_extension: ").append(allocation.vn()).append('\n')
        .append("agi_priority: 2\n")
        .append("agi_enhanced: 0.0\n")
        .append("agi_accountcode: \n")
        .append("agi_threadid: ").append(140_520_000_000_000L + callNumber).append('\n');
    for (int i = 0; i < arguments.size(); i++) {
      env.append("agi_arg_").append(i + 1).append(": ").append(arguments.get(i)).append('\n');
    }
    return env.append('\n').toString();
  }

  /** The environment block this session sends, for tests. */
  String environment() {
    return environment;
  }

  /**
   * Runs the exchange on a connected socket until the server closes it.
   *
   * @param startNanos when the connect began (setup latency counts from there)
   */
  SessionOutcome play(Socket socket, long startNanos) {
    try {
      long setupNanos = exchange(socket, environment, startNanos);
      if (roundTrips == 0) {
        return SessionOutcome.failed(
            scenario, "no-command", "server closed before any command", 0, 0);
      }
      return new SessionOutcome(scenario, true, roundTrips, deadCount, setupNanos, null, null);
    } catch (IOException | InterruptedException e) {
      return failure(e);
    }
  }

  /**
   * Plays a dialplan-driven call as {@code extensions-dialplan-driven.conf} runs it: the decide
   * script on a first connection; then the dialplan's own work, with no AGI (the caller id,
   * {@code Dial(${GREENVN_DIAL_n})} for each attempt until one answers, {@code
   * GREENVN_DIAL_RETURNED=1} after a Dial the caller survived, the reject prompt); then, the
   * channel hung up, the hangup handler's outcome script on a second connection with the token
   * as {@code agi_arg_1}, when the decision set one. Setup latency runs from the first connect to
   * the end of the decide script, the moment the dialplan would start Dial.
   *
   * @param startNanos when the first connect began
   */
  SessionOutcome playDialplan(Connector connector, long startNanos) {
    long setupNanos;
    try {
      try (Socket decide = connector.open()) {
        exchange(decide, environment, startNanos);
      }
      if (roundTrips == 0) {
        return SessionOutcome.failed(
            scenario, "no-command", "server closed before any command", 0, 0);
      }
      setupNanos = System.nanoTime() - startNanos;
      if ("dial".equals(channel.variable("GREENVN_ACTION"))) {
        dialAsDialplan();
      }
      channel.hangUpByDialplan();
      String token = channel.variable("GREENVN_TOKEN");
      if (!token.isEmpty()) {
        try (Socket outcome = connector.open()) {
          int before = roundTrips;
          exchange(outcome, environment(outcomeUrl, List.of(token)), startNanos);
          if (roundTrips == before) {
            return SessionOutcome.failed(
                scenario, "no-command", "outcome script closed before any command",
                roundTrips, deadCount);
          }
        }
      }
      return new SessionOutcome(scenario, true, roundTrips, deadCount, setupNanos, null, null);
    } catch (IOException | InterruptedException e) {
      return failure(e);
    }
  }

  /** The dialplan's {@code dial} branch: caller id, then Dial per attempt. */
  private void dialAsDialplan() throws InterruptedException {
    channel.setVariable("CALLERID(num)", channel.variable("GREENVN_CALLERID"));
    int attempts;
    try {
      attempts = Integer.parseInt(channel.variable("GREENVN_DIALS"));
    } catch (NumberFormatException e) {
      attempts = 1;
    }
    for (int i = 1; i <= attempts; i++) {
      channel.setVariable("GREENVN_DIAL_RETURNED", "");
      String data = channel.variable("GREENVN_DIAL_" + i);
      SimulatedChannel.Reply reply =
          channel.reply(AgiCommand.parse("EXEC Dial " + quoted(data)));
      if (reply.delayMillis() > 0) {
        hold(reply.delayMillis());
      }
      if (channel.dead()) {
        return; // the caller hung up during Dial: the dialplan stops, the handler runs
      }
      channel.setVariable("GREENVN_DIAL_RETURNED", "1");
      if ("ANSWER".equals(channel.variable("DIALSTATUS"))) {
        return;
      }
    }
  }

  private static String quoted(String data) {
    return "\"" + data.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private SessionOutcome failure(Exception e) {
    if (e instanceof SocketTimeoutException) {
      return SessionOutcome.failed(scenario, "timeout", e.getMessage(), roundTrips, deadCount);
    }
    if (e instanceof ProtocolException) {
      return SessionOutcome.failed(scenario, "protocol", e.getMessage(), roundTrips, deadCount);
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return SessionOutcome.failed(scenario, "aborted", "interrupted", roundTrips, deadCount);
    }
    if (e instanceof ConnectFailed) {
      return SessionOutcome.failed(scenario, "connect", e.getMessage(), roundTrips, deadCount);
    }
    return SessionOutcome.failed(scenario, "io", e.toString(), roundTrips, deadCount);
  }

  /**
   * One AGI connection: sends the environment, answers commands until the server closes.
   *
   * @return connect-to-first-{@code EXEC Dial}, else connect-to-end, in nanoseconds
   */
  private long exchange(Socket socket, String env, long startNanos)
      throws IOException, InterruptedException {
    long setupNanos = -1;
    try (InputStream in = new BufferedInputStream(socket.getInputStream(), 2048);
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 2048)) {
      out.write(env.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      StringBuilder line = new StringBuilder(128);
      while (readLine(in, line)) {
        if (line.length() == 0) {
          continue;
        }
        AgiCommand command = AgiCommand.parse(line.toString());
        if (setupNanos < 0 && command.isExecOf("Dial")) {
          setupNanos = System.nanoTime() - startNanos;
        }
        SimulatedChannel.Reply reply = channel.reply(command);
        if (reply.delayMillis() > 0) {
          hold(reply.delayMillis());
        }
        out.write((reply.text() + "\n").getBytes(StandardCharsets.ISO_8859_1));
        if (reply.hangupNotice()) {
          out.write("HANGUP\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        roundTrips++;
        if (reply.text().startsWith("511")) {
          deadCount++;
        }
      }
    }
    return setupNanos < 0 ? System.nanoTime() - startNanos : setupNanos;
  }

  private void hold(long millis) throws InterruptedException {
    held.enter();
    try {
      Thread.sleep(millis);
    } finally {
      held.exit();
    }
  }

  /**
   * Reads one {@code \n}-terminated line (a trailing {@code \r} dropped) into {@code line}.
   *
   * @return false at a clean end of stream between lines
   */
  private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
    line.setLength(0);
    int b = in.read();
    if (b < 0) {
      return false;
    }
    while (b != '\n') {
      if (b < 0) {
        throw new EOFException("server closed the socket inside a line");
      }
      if (line.length() >= MAX_LINE) {
        throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
      b = in.read();
    }
    int last = line.length() - 1;
    if (last >= 0 && line.charAt(last) == '\r') {
      line.setLength(last);
    }
    return true;
  }

  /** The server sent something no Asterisk would accept. */
  private static final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
      super(message);
    }
  }
}
