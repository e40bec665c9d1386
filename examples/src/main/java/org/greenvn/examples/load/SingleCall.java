package org.greenvn.examples.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plays one call of the load bench's simulated Asterisk on its own, for drivers other than
 * {@link AgiLoad} (the soak): the same {@code AsteriskSession} and {@code SimulatedChannel}, one
 * call at a time, to a loopback FastAGI server.
 */
public final class SingleCall {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private SingleCall() {}

  /**
   * How the call went on the wire.
   *
   * @param completed whether the server closed the socket after a clean exchange
   * @param roundTrips AGI commands answered
   * @param error why it failed ({@code connect}, {@code timeout}, {@code io}, ...), or null
   * @param detail the exception message behind the error, or null
   */
  public record Result(boolean completed, int roundTrips, String error, String detail) {}

  /**
   * The {@code agi_uniqueid} the call sends, which greenvn reports as its {@code call_sid}.
   *
   * @param epochSecond the integer part
   * @param callNumber the fractional part, unique within the epoch second's run
   */
  public static String uniqueId(long epochSecond, long callNumber) {
    return epochSecond + "." + callNumber;
  }

  /**
   * Plays one call and returns when the server has closed its socket(s).
   *
   * @param scenario what the simulated caller and far end do
   * @param allocation the VN dialled, the caller of a known-caller scenario, the caller and PIN
   *     of an unknown-caller one
   * @param epochSecond the integer part of {@code agi_uniqueid}
   * @param callNumber the fractional part of {@code agi_uniqueid}
   * @param target the FastAGI server; must be a loopback address
   * @param hold how long a Dial rings or talks, or how long before the caller hangs up
   * @param readTimeout the longest server silence before the call counts as timed out
   * @param dialplanDriven a decide AGI, Dial by the dialplan, then the outcome AGI (else one
   *     script-driven AGI)
   * @throws LoadOptionException if the target is not a loopback address
   */
  public static Result play(
      ScenarioKind scenario,
      Allocation allocation,
      long epochSecond,
      long callNumber,
      InetSocketAddress target,
      Duration hold,
      Duration readTimeout,
      boolean dialplanDriven) {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(allocation, "allocation");
    Loopback.require(target.getAddress().getHostAddress());
    String base = "agi://" + target.getAddress().getHostAddress() + ":" + target.getPort() + "/";
    AsteriskSession session =
        new AsteriskSession(
            scenario,
            allocation,
            callNumber,
            epochSecond,
            base + (dialplanDriven ? "greenvn-decide" : "greenvn"),
            dialplanDriven ? base + "greenvn-outcome" : null,
            hold.toMillis(),
            DeadChannelReplies.REALISTIC,
            new Gauge());
    List<Socket> sockets = new ArrayList<>(2);
    AsteriskSession.Connector connector = () -> connect(sockets, target, readTimeout);
    long start = System.nanoTime();
    SessionOutcome outcome;
    try {
      outcome =
          dialplanDriven
              ? session.playDialplan(connector, start)
              : session.play(connector.open(), start);
    } catch (AsteriskSession.ConnectFailed e) {
      outcome = SessionOutcome.failed(scenario, "connect", e.getMessage(), 0, 0);
    } finally {
      sockets.forEach(SingleCall::closeQuietly);
    }
    return new Result(
        outcome.completed(), outcome.roundTrips(), outcome.error(), outcome.detail());
  }

  private static Socket connect(
      List<Socket> sockets, InetSocketAddress target, Duration readTimeout)
      throws AsteriskSession.ConnectFailed {
    Socket socket = new Socket();
    sockets.add(socket);
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
      socket.connect(target, (int) CONNECT_TIMEOUT.toMillis());
      return socket;
    } catch (IOException e) {
      throw new AsteriskSession.ConnectFailed(e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed by the peer: nothing left to release.
    }
  }
}
