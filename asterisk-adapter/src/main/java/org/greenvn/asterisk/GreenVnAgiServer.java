package org.greenvn.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.greenvn.GreenVn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server that routes Asterisk's calls through a {@link GreenVn} engine.
 *
 * <pre>{@code
 * try (GreenVnAgiServer server = GreenVnAgiServer.builder(greenVn)
 *     .port(4573)
 *     .settings(AdapterSettings.builder()
 *         .defaultFlowSettings(FlowSettings.dialing("PJSIP/{number}@carrier"))
 *         .build())
 *     .start()) {
 *   ...  // dialplan: AGI(agi://127.0.0.1:4573/greenvn)
 * }
 * }</pre>
 *
 * <p>Three AGI paths: {@code greenvn} runs a whole call (script-driven), {@code greenvn-decide}
 * decides and hands Dial to the dialplan, {@code greenvn-outcome} reports what Dial did (both
 * dialplan-driven); see {@code docs/asterisk.md}. Closing stops accepting at once and lets
 * calls in progress finish within {@link Builder#shutdownGrace(Duration)}, then cuts the rest.
 */
public final class GreenVnAgiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GreenVnAgiServer.class);

  private final FastAgiEngine engine;
  private final ServerSocket serverSocket;
  private final ExecutorService executor;
  private final PendingOutcomes pending;
  private final Duration shutdownGrace;
  private final Thread acceptThread;
  private boolean closed;

  private GreenVnAgiServer(Builder b, ServerSocket bound) {
    this.serverSocket = bound;
    this.executor = CallExecutors.create(b.maxPlatformThreads);
    this.pending =
        new PendingOutcomes(
            b.clock, b.settings.pendingOutcomeTtl(), b.settings.maxPendingOutcomes());
    CallScripts scripts =
        new CallScripts(
            b.greenVn, b.settings, b.clock, b.maxCallDuration, pending, b.scriptPath,
            b.decidePath, b.outcomePath);
    this.engine = new FastAgiEngine(scripts, serverSocket, b.readTimeout, executor);
    this.shutdownGrace = b.shutdownGrace;
    this.acceptThread =
        new Thread(
            () -> {
              try {
                engine.startup();
              } catch (IOException e) {
                LOG.error("FastAGI accept loop failed", e);
              }
            },
            "greenvn-agi-accept-" + serverSocket.getLocalPort());
    acceptThread.setDaemon(true);
    acceptThread.start();
    LOG.info(
        "greenvn FastAGI listening on {}:{} (paths {}, {}, {})",
        b.bindAddress.getHostAddress(), port(), b.scriptPath, b.decidePath, b.outcomePath);
  }

  /** A builder for a server over this engine. */
  public static Builder builder(GreenVn greenVn) {
    return new Builder(greenVn);
  }

  /** The port bound: the one asked for, or the one the system chose for port 0. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** The address bound. */
  public InetAddress bindAddress() {
    return serverSocket.getInetAddress();
  }

  /** Calls whose AGI script is running now. */
  public int activeCalls() {
    return engine.runningCalls();
  }

  /** Connections accepted and not yet closed (for tests of what rude peers cost). */
  int openConnections() {
    return engine.openConnections();
  }

  /** Dialplan-driven calls awaiting their outcome report. */
  public long pendingOutcomes() {
    return pending.size();
  }

  /** Completes as failed every dialplan-driven call whose outcome is overdue. */
  public void expireOverdueOutcomes() {
    pending.cleanUp();
  }

  /**
   * Stops accepting, waits up to the shutdown grace for calls in progress, then closes the
   * connections still open. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    engine.stopAccepting();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} calls still running after {}; cutting them", activeCalls(), shutdownGrace);
        engine.closeAll();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
      acceptThread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      engine.closeAll();
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Builds and starts a {@link GreenVnAgiServer}. */
  public static final class Builder {
    private final GreenVn greenVn;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = 4573;
    private String scriptPath = "greenvn";
    private String decidePath = "greenvn-decide";
    private String outcomePath = "greenvn-outcome";
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration maxCallDuration = Duration.ofHours(4);
    private Duration shutdownGrace = Duration.ofSeconds(30);
    private int maxPlatformThreads = 500;
    private AdapterSettings settings = AdapterSettings.ofDefaults();
    private Clock clock = Clock.systemUTC();

    private Builder(GreenVn greenVn) {
      this.greenVn = Objects.requireNonNull(greenVn, "greenVn");
    }

    /** The address to listen on; the loopback address unless set. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port; 4573 (FastAGI's) unless set, 0 for any free port (see {@link #port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The AGI URL paths of the script-driven script, the dialplan-driven decision and the
     * outcome report; {@code greenvn}, {@code greenvn-decide}, {@code greenvn-outcome} unless
     * set.
     */
    public Builder scriptPaths(String script, String decide, String outcome) {
      for (String p : new String[] {script, decide, outcome}) {
        Objects.requireNonNull(p, "path");
        if (!p.matches("[A-Za-z0-9._/-]+") || p.startsWith("/")) {
          throw new IllegalArgumentException("Not an AGI path (no leading '/'): '" + p + "'");
        }
      }
      if (script.equals(decide) || script.equals(outcome) || decide.equals(outcome)) {
        throw new IllegalArgumentException("The three script paths must differ");
      }
      this.scriptPath = script;
      this.decidePath = decide;
      this.outcomePath = outcome;
      return this;
    }

    /**
     * How long the server waits for the environment block and for replies to quick commands;
     * 10 s unless set. A silent peer is dropped after it.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** How long a reply to Dial or a prompt may take: the longest call; 4 h unless set. */
    public Builder maxCallDuration(Duration duration) {
      this.maxCallDuration = positive(duration, "maxCallDuration");
      return this;
    }

    /** How long {@link #close()} lets calls in progress finish; 30 s unless set. */
    public Builder shutdownGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("grace must not be negative: " + grace);
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** On Java 17 (no virtual threads), the most calls served at once; 500 unless set. */
    public Builder maxPlatformThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive: " + threads);
      }
      this.maxPlatformThreads = threads;
      return this;
    }

    /** What the adapter knows about the Asterisk it serves. */
    public Builder settings(AdapterSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The clock that times Dial and expires pending outcomes; pass the engine's in tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public GreenVnAgiServer start() {
      ServerSocket bound = null;
      try {
        bound = new ServerSocket();
        bound.setReuseAddress(true);
        bound.bind(new InetSocketAddress(bindAddress, port), 1024);
        return new GreenVnAgiServer(this, bound);
      } catch (IOException | RuntimeException e) {
        closeQuietly(bound, e);
        if (e instanceof IOException io) {
          throw new UncheckedIOException(
              "Cannot listen on " + bindAddress.getHostAddress() + ":" + port, io);
        }
        throw (RuntimeException) e;
      }
    }

    private static void closeQuietly(ServerSocket socket, Exception cause) {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          cause.addSuppressed(e);
        }
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
