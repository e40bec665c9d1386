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
  private final Gauge held;

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
    this.scenario = scenario;
    this.held = held;
    String uniqueId = epochSecond + "." + callNumber;
    String channelName = String.format("PJSIP/carrier-%08x", callNumber);
    this.channel =
        new SimulatedChannel(
            scenario, allocation, uniqueId, channelName, holdMillis, deadReplies);
    this.environment = environment(allocation, uniqueId, channelName, requestUrl, callNumber);
  }

  private String environment(
      Allocation allocation, String uniqueId, String channelName, String url, long callNumber) {
    String caller = channel.callerNumber();
    int slash = url.indexOf('/', url.indexOf("//") + 2);
    String script = slash < 0 ? "" : url.substring(slash + 1);
    return "agi_network: yes\n"
        + "agi_network_script: " + script + "\n"
        + "agi_request: " + url + "\n"
        + "agi_channel: " + channelName + "\n"
        + "agi_language: en\n"
        + "agi_type: PJSIP\n"
        + "agi_uniqueid: " + uniqueId + "\n"
        + "agi_version: 22.10.1\n"
        + "agi_callerid: " + caller + "\n"
        + "agi_calleridname: " + caller + "\n"
        + "agi_callingpres: 0\n"
        + "agi_callingani2: 0\n"
        + "agi_callington: 0\n"
        + "agi_callingtns: 0\n"
        + "agi_dnid: " + allocation.vn() + "\n"
        + "agi_rdnis: unknown\n"
        + "agi_context: vn-inbound\n"
        + "agi_extension: " + allocation.vn() + "\n"
        + "agi_priority: 2\n"
        + "agi_enhanced: 0.0\n"
        + "agi_accountcode: \n"
        + "agi_threadid: " + (140_520_000_000_000L + callNumber) + "\n"
        + "\n";
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
    int roundTrips = 0;
    int deadCount = 0;
    long setupNanos = -1;
    try (InputStream in = new BufferedInputStream(socket.getInputStream(), 2048);
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 2048)) {
      out.write(environment.getBytes(StandardCharsets.ISO_8859_1));
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
      if (roundTrips == 0) {
        return SessionOutcome.failed(
            scenario, "no-command", "server closed before any command", 0, 0);
      }
      if (setupNanos < 0) {
        setupNanos = System.nanoTime() - startNanos;
      }
      return new SessionOutcome(scenario, true, roundTrips, deadCount, setupNanos, null, null);
    } catch (SocketTimeoutException e) {
      return SessionOutcome.failed(scenario, "timeout", e.getMessage(), roundTrips, deadCount);
    } catch (ProtocolException e) {
      return SessionOutcome.failed(scenario, "protocol", e.getMessage(), roundTrips, deadCount);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SessionOutcome.failed(scenario, "aborted", "interrupted", roundTrips, deadCount);
    } catch (IOException e) {
      return SessionOutcome.failed(scenario, "io", e.toString(), roundTrips, deadCount);
    }
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
