package org.greenvn.examples.load;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.asteriskjava.fastagi.AgiScript;

/**
 * A running floor server: Asterisk-Java's {@code DefaultAgiServer} serving one {@link
 * FloorScript} on a loopback address, with the chosen {@link ThreadModel}. Close it to stop
 * accepting; calls in progress finish on their own threads.
 */
public final class FloorServer implements AutoCloseable {

  /** The party the bridged floor dials, from the transcripts. */
  public static final String DEFAULT_PARTY = "919800000001";

  private static final int BIND_ATTEMPTS = 5;

  private final FloorAgiServer server;
  private final Thread acceptor;
  private final InetAddress address;
  private final int port;
  private final FloorScript script;
  private final ThreadModel threadModel;

  private FloorServer(
      FloorAgiServer server,
      Thread acceptor,
      InetAddress address,
      int port,
      FloorScript script,
      ThreadModel threadModel) {
    this.server = server;
    this.acceptor = acceptor;
    this.address = address;
    this.port = port;
    this.script = script;
    this.threadModel = threadModel;
  }

  /**
   * Starts a floor server and returns once it listens.
   *
   * @param script which floor
   * @param threadModel the threads that run the calls
   * @param host {@code 127.0.0.1} or {@code ::1}
   * @param port the port, or 0 for a free one
   * @param partyNumber the number the bridged floor dials
   * @throws LoadOptionException for a non-loopback host or a party that is not digits
   * @throws IOException if the port cannot be bound
   */
  public static FloorServer start(
      FloorScript script, ThreadModel threadModel, String host, int port, String partyNumber)
      throws IOException {
    InetAddress address = Loopback.require(host);
    if (!partyNumber.matches("\\+?[0-9]{3,20}")) {
      throw new LoadOptionException("party '" + partyNumber + "' is not a phone number");
    }
    if (port < 0 || port > 65_535) {
      throw new LoadOptionException("port " + port + " is not 0..65535");
    }
    AgiScript agiScript;
    switch (script) {
      case NOOP:
        agiScript = new NoopScript();
        break;
      case BRIDGED:
        agiScript = new BridgedCallScript(partyNumber);
        break;
      default:
        agiScript = new EightCommandBridgedScript(partyNumber);
        break;
    }
    IOException last = null;
    for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
      int bindPort = port == 0 ? freePort(address) : port;
      try {
        return listen(agiScript, script, threadModel, address, bindPort);
      } catch (BindException e) {
        // Another process took the free port between the probe and the bind: try another.
        last = e;
      }
    }
    throw last;
  }

  /** Starts a floor server on {@code 127.0.0.1} with the default party. */
  public static FloorServer start(FloorScript script, ThreadModel threadModel, int port)
      throws IOException {
    return start(script, threadModel, "127.0.0.1", port, DEFAULT_PARTY);
  }

  private static FloorServer listen(
      AgiScript agiScript,
      FloorScript script,
      ThreadModel threadModel,
      InetAddress address,
      int port)
      throws IOException {
    FloorAgiServer server = new FloorAgiServer(agiScript, threadModel);
    server.setAddress(address);
    server.setPort(port);
    AtomicReference<IOException> failure = new AtomicReference<>();
    Thread acceptor =
        new Thread(
            () -> {
              try {
                server.startup();
              } catch (IOException e) {
                failure.set(e);
              }
            },
            "floor-agi-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
    try {
      while (!server.listening().await(50, TimeUnit.MILLISECONDS)) {
        if (!acceptor.isAlive()) {
          IOException e = failure.get();
          throw e != null ? e : new IOException("floor server on port " + port + " did not start");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdown();
      throw new IOException("interrupted while starting the floor server", e);
    }
    return new FloorServer(server, acceptor, address, port, script, threadModel);
  }

  private static int freePort(InetAddress address) throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, address)) {
      return probe.getLocalPort();
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The loopback address it listens on. */
  public InetAddress address() {
    return address;
  }

  /** Which floor it serves. */
  public FloorScript script() {
    return script;
  }

  /** The threads that run its calls. */
  public ThreadModel threadModel() {
    return threadModel;
  }

  /** Calls whose script is running now. */
  public int activeCalls() {
    return server.active().current();
  }

  /** Most calls running at once so far. */
  public int peakActiveCalls() {
    return server.active().peak();
  }

  /** Calls whose script has ended. */
  public long servedCalls() {
    return server.served();
  }

  /** Calls refused because the pool was full (pool model only). */
  public long rejectedCalls() {
    return server.rejected();
  }

  /** Stops accepting and waits up to 5 s for the accept loop to end. */
  @Override
  public void close() {
    server.shutdown();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    String host = address.getHostAddress().contains(":") ? "[::1]" : address.getHostAddress();
    return "floor " + script.name().toLowerCase(Locale.ROOT).replace('_', '-') + " on " + host
        + ":" + port
        + " with " + threadModel;
  }
}
