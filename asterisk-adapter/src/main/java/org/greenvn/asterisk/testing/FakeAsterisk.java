package org.greenvn.asterisk.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted Asterisk on the other end of a FastAGI socket, for tests of anything that serves
 * FastAGI (like OkHttp's MockWebServer, but playing the client). It connects over loopback, sends
 * the {@code agi_*} block, then answers each command as the test says, and records every command
 * received for assertions. It can push Asterisk's bare {@code HANGUP} notice at any moment (even
 * between a command and its reply, as real Asterisk does), send garbage, or drop the socket.
 *
 * <pre>{@code
 * try (FakeAsterisk asterisk = FakeAsterisk.connect(server.port(), env)) {
 *   asterisk.expect("SET CALLERID \"+914048212136\"").reply(FakeAsterisk.ONE);
 *   asterisk.expect("EXEC Dial \"PJSIP/919800000001@carrier,30,g\"").reply(FakeAsterisk.ZERO);
 *   asterisk.expectStartingWith("GET FULL VARIABLE").reply(FakeAsterisk.value("ANSWER|5501|16||"));
 *   asterisk.expect("HANGUP").reply(FakeAsterisk.ONE).hangup();
 *   assertThat(asterisk.awaitClosedByServer()).isTrue();
 * }
 * }</pre>
 *
 * <p>Reply lines are those of Asterisk 22 ({@code fastagi-transcripts}). Not thread-safe: one
 * test thread drives one session.
 */
public final class FakeAsterisk implements AutoCloseable {

  /** {@code 200 result=0}: ANSWER, EXEC, STREAM FILE done, Dial with 'g' when the party left. */
  public static final String ZERO = "200 result=0";
  /** {@code 200 result=1}: SET VARIABLE, SET CALLERID, VERBOSE, HANGUP. */
  public static final String ONE = "200 result=1";
  /** {@code 200 result=-1}: Dial with 'g' when the caller left, GET DATA on hang-up. */
  public static final String MINUS_ONE = "200 result=-1";
  /** What a channel command gets after the caller hung up. */
  public static final String DEAD_CHANNEL =
      "511 Command Not Permitted on a dead channel or intercept routine";
  /** An unknown command. */
  public static final String INVALID_COMMAND = "510 Invalid or unknown command";
  /** STREAM FILE of a missing sound file. */
  public static final String MISSING_FILE = "200 result=-1 endpos=0";
  /** The notice Asterisk pushes when the caller hangs up. */
  public static final String HANGUP_NOTICE = "HANGUP";

  private static final int MAX_LINE = 65_536;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
  private Duration timeout = Duration.ofSeconds(5);
  private boolean serverClosed;

  private FakeAsterisk(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** A value reply: {@code 200 result=1 (value)}; an empty value gives {@code ()}. */
  public static String value(String value) {
    return "200 result=1 (" + value + ")";
  }

  /** Connects to a FastAGI server on the loopback address and sends the environment. */
  public static FakeAsterisk connect(int port, AgiEnvironment environment) {
    return connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), environment);
  }

  /** Connects to a FastAGI server and sends the environment. */
  public static FakeAsterisk connect(InetSocketAddress address, AgiEnvironment environment) {
    Objects.requireNonNull(environment, "environment");
    Socket socket = new Socket();
    try {
      socket.connect(address, 5_000);
      FakeAsterisk asterisk = new FakeAsterisk(socket);
      asterisk.sendRaw(environment.toWire());
      return asterisk;
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("Cannot reach the FastAGI server at " + address, e);
    }
  }

  /** Connects without sending anything: for tests of what a silent or rude peer costs. */
  public static FakeAsterisk connectSilently(int port) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      return new FakeAsterisk(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the FastAGI server on port " + port, e);
    }
  }

  /** How long each wait for the server lasts; 5 s unless set. */
  public FakeAsterisk timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * The next command the server sends.
   *
   * @throws AssertionError if none comes within the timeout, or the server closed the socket
   */
  public String nextCommand() {
    Optional<String> line = readLine(timeout);
    if (line.isEmpty()) {
      throw new AssertionError(
          (serverClosed ? "The server closed the connection" : "No command within " + timeout)
              + "; commands so far: " + commands);
    }
    commands.add(line.get());
    return line.get();
  }

  /** Expects exactly this command next. */
  public FakeAsterisk expect(String command) {
    String got = nextCommand();
    if (!got.equals(command)) {
      throw new AssertionError("Expected command <" + command + "> but got <" + got + ">");
    }
    return this;
  }

  /** Expects a command starting with {@code prefix} next. */
  public FakeAsterisk expectStartingWith(String prefix) {
    String got = nextCommand();
    if (!got.startsWith(prefix)) {
      throw new AssertionError("Expected a command starting <" + prefix + "> but got <" + got
          + ">");
    }
    return this;
  }

  /** Sends a reply line (a newline is added). */
  public FakeAsterisk reply(String line) {
    return sendRaw(line + "\n");
  }

  /** Pushes the bare {@code HANGUP} notice, as Asterisk does when the caller hangs up. */
  public FakeAsterisk hangup() {
    return reply(HANGUP_NOTICE);
  }

  /** Sends bytes exactly as given: garbage, half lines, oversized lines. */
  public FakeAsterisk sendRaw(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to the FastAGI server", e);
    }
  }

  /**
   * Answers every command with {@code responder} until the server closes the socket or the
   * responder returns empty (then this side closes). A reply may hold several lines separated by
   * {@code \n}, e.g. {@code "HANGUP\n200 result=-1"}.
   *
   * @return the commands received in this call
   */
  public List<String> serve(Responder responder) {
    List<String> received = new ArrayList<>();
    while (true) {
      Optional<String> line = readLine(timeout);
      if (line.isEmpty()) {
        if (!serverClosed) {
          throw new AssertionError("No command within " + timeout + " after " + received);
        }
        return received;
      }
      commands.add(line.get());
      received.add(line.get());
      Optional<String> reply = responder.reply(line.get());
      if (reply.isEmpty()) {
        closeSocket();
        return received;
      }
      reply(reply.get());
    }
  }

  /**
   * Waits for the server to close the socket, reading (and recording) any further commands.
   *
   * @return whether it closed within the timeout
   */
  public boolean awaitClosedByServer() {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!serverClosed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      readLine(Duration.ofNanos(left)).ifPresent(commands::add);
    }
    return true;
  }

  /** Every command received so far, in order. */
  public List<String> commands() {
    synchronized (commands) {
      return List.copyOf(commands);
    }
  }

  /** Drops the connection, as a crashed or killed Asterisk would. */
  public void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing to release beyond the socket.
    }
  }

  @Override
  public void close() {
    closeSocket();
  }

  private Optional<String> readLine(Duration wait) {
    if (serverClosed) {
      return Optional.empty();
    }
    try {
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, wait.toMillis())));
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          serverClosed = true;
          return line.size() == 0
              ? Optional.empty()
              : Optional.of(line.toString(StandardCharsets.UTF_8));
        }
        if (b == '\n') {
          return Optional.of(line.toString(StandardCharsets.UTF_8));
        }
        if (line.size() > MAX_LINE) {
          throw new AssertionError("The server sent a line longer than " + MAX_LINE);
        }
        line.write(b);
      }
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      serverClosed = true;
      return Optional.empty();
    }
  }

  /** Answers one command: the reply line(s), or empty to drop the connection. */
  @FunctionalInterface
  public interface Responder {
    /** The reply to {@code command}. */
    Optional<String> reply(String command);
  }
}
