package org.greenvn.examples.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.concurrent.Threads;

/**
 * A FastAGI load generator that plays Asterisk over loopback. Each call connects, sends the
 * {@code agi_*} environment block and answers the server's commands as the scenario's Asterisk
 * channel would, until the server closes the socket. Calls run {@code concurrency} at a time, on
 * virtual threads when the JVM has them (JDK 21+) or on as many platform threads otherwise, until
 * the count bound or the time bound is reached.
 *
 * <pre>
 * java -cp ... org.greenvn.examples.load.AgiLoad --port 4573 --concurrency 64 --duration 20s \
 *     --mix bridged=70,busy=5,no-answer=5,pin-right=10,pin-wrong=5,caller-hangup=5 \
 *     --allocation "vn=+914048212136 known=919876543210 unknown=+447700900123 pin=1234"
 * </pre>
 *
 * <p>Prints a report and, as its last line, a one-line JSON summary. Run with {@code --help} for
 * every flag.
 */
public final class AgiLoad {

  private static final Duration DRAIN_MARGIN = Duration.ofSeconds(5);

  private AgiLoad() {}

  /**
   * Runs one bounded load and reports it. Blocks until every call has ended: the time bound plus
   * the ramp, the hold and the read timeout at most; calls still open then are aborted.
   *
   * @throws InterruptedException if interrupted while waiting for the calls
   */
  public static LoadReport run(LoadOptions options) throws InterruptedException {
    Optional<ExecutorService> virtual = Threads.virtualThreadPerTaskExecutor();
    ExecutorService executor =
        virtual.orElseGet(
            () -> Executors.newFixedThreadPool(options.concurrency(), Threads.daemon("agi-load")));
    String clientThreads =
        virtual.isPresent()
            ? "virtual threads, JDK " + Runtime.version()
            : options.concurrency() + " platform threads, JDK " + Runtime.version();
    Run run = new Run(options, executor);
    return run.execute(clientThreads);
  }

  /** The state of one run, shared by its callers. */
  private static final class Run {
    private final LoadOptions options;
    private final ExecutorService executor;
    private final RunTally tally = new RunTally();
    private final Gauge open = new Gauge();
    private final Gauge held = new Gauge();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong lastSetupAt = new AtomicLong();
    private final Set<Socket> liveSockets = ConcurrentHashMap.newKeySet();
    private final long epochSecond = Instant.now().getEpochSecond();
    private volatile boolean aborting;
    private long startNanos;
    private long deadlineNanos;

    Run(LoadOptions options, ExecutorService executor) {
      this.options = options;
      this.executor = executor;
    }

    LoadReport execute(String clientThreads) throws InterruptedException {
      startNanos = System.nanoTime();
      lastSetupAt.set(startNanos);
      deadlineNanos = startNanos + options.duration().toNanos();
      int callers = options.concurrency();
      for (int caller = 0; caller < callers; caller++) {
        long delay = options.ramp().toNanos() * caller / callers;
        executor.execute(() -> callLoop(delay));
      }
      executor.shutdown();
      long drain =
          options.ramp().plus(options.hold()).plus(options.readTimeout()).plus(DRAIN_MARGIN)
              .toNanos();
      long waitNanos = deadlineNanos + drain - System.nanoTime();
      if (!executor.awaitTermination(Math.max(waitNanos, 0), TimeUnit.NANOSECONDS)) {
        // Past every bound: close what is still open so the run ends.
        aborting = true;
        liveSockets.forEach(AgiLoad::closeQuietly);
        executor.shutdownNow();
        executor.awaitTermination(DRAIN_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
      }
      long end = System.nanoTime();
      return new LoadReport(
          options,
          clientThreads,
          end - startNanos,
          lastSetupAt.get() - startNanos,
          tally,
          open.peak(),
          held.peak());
    }

    private void callLoop(long delayNanos) {
      try {
        if (delayNanos > 0) {
          TimeUnit.NANOSECONDS.sleep(Math.min(delayNanos, deadlineNanos - System.nanoTime()));
        }
        while (System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
          long index = tickets.getAndIncrement();
          if (index >= options.maxSessions()) {
            return;
          }
          call(index);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void call(long index) {
      ScenarioKind scenario = options.mix().pick(index);
      List<Allocation> allocations = options.allocations();
      Allocation allocation = allocations.get((int) (index % allocations.size()));
      AsteriskSession session =
          new AsteriskSession(
              scenario,
              allocation,
              index + 1,
              epochSecond,
              options.requestUrl(),
              options.dialplanDriven() ? options.outcomeUrl() : null,
              options.hold().toMillis(),
              options.deadChannelReplies(),
              held);
      tally.started(scenario);
      open.enter();
      long callStart = System.nanoTime();
      List<Socket> sockets = new ArrayList<>(2);
      SessionOutcome outcome;
      try {
        AsteriskSession.Connector connector = () -> connect(sockets);
        if (options.dialplanDriven()) {
          outcome = session.playDialplan(connector, callStart);
        } else {
          outcome = session.play(connector.open(), callStart);
        }
      } catch (AsteriskSession.ConnectFailed e) {
        outcome = SessionOutcome.failed(scenario, "connect", e.getMessage(), 0, 0);
      } finally {
        for (Socket socket : sockets) {
          closeQuietly(socket);
          liveSockets.remove(socket);
        }
        open.exit();
      }
      if (!outcome.completed() && aborting) {
        outcome = outcome.relabel("aborted");
      }
      if (outcome.setupNanos() >= 0) {
        long setupAt = callStart + outcome.setupNanos();
        lastSetupAt.accumulateAndGet(setupAt, Math::max);
      }
      tally.finished(outcome);
    }

    /** A new connection to the target, tracked so that an aborted run can close it. */
    private Socket connect(List<Socket> sockets) throws AsteriskSession.ConnectFailed {
      Socket socket = new Socket();
      sockets.add(socket);
      liveSockets.add(socket);
      try {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.readTimeout().toMillis()));
        socket.connect(
            new InetSocketAddress(options.address(), options.port()),
            (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
        return socket;
      } catch (IOException e) {
        throw new AsteriskSession.ConnectFailed(e);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket the peer already dropped: nothing left to release.
    }
  }

  /**
   * Command-line entry: parses the flags, runs, prints the report and the JSON line. Exits 2 on a
   * bad flag (including a non-loopback host), 0 otherwise.
   *
   * @param args the flags; {@code --help} lists them
   * @throws InterruptedException if interrupted while waiting for calls
   */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    LoadOptions options;
    boolean jsonOnly;
    try {
      Flags flags = Flags.parse(args);
      if (flags.has("help")) {
        out.print(usage());
        return;
      }
      jsonOnly = flags.has("json-only");
      options = toOptions(flags);
    } catch (LoadOptionException e) {
      System.err.println("agi-load: " + e.getMessage());
      System.err.print(usage());
      System.exit(2);
      return;
    }
    LoadReport report = run(options);
    if (!jsonOnly) {
      out.print(report.toText());
    }
    out.println(report.toJson());
  }

  static LoadOptions toOptions(Flags flags) {
    flags.allowOnly(
        List.of(
            "host", "port", "script", "concurrency", "sessions", "duration", "ramp", "hold",
            "read-timeout", "connect-timeout", "mix", "dead-channel", "allocation", "spec",
            "mode", "outcome-script",
            "json-only", "help"));
    LoadOptions.Builder builder = LoadOptions.builder();
    flags.value("host").ifPresent(builder::host);
    flags.value("port").ifPresent(port -> builder.port(flags.intValue("port", port)));
    flags.value("script").ifPresent(builder::scriptPath);
    flags.value("mode").ifPresent(m -> builder.dialplanDriven(dialplanMode(m)));
    flags.value("outcome-script").ifPresent(builder::outcomeScriptPath);
    flags.value("concurrency")
        .ifPresent(c -> builder.concurrency(flags.intValue("concurrency", c)));
    flags.value("sessions").ifPresent(n -> builder.maxSessions(flags.longValue("sessions", n)));
    flags.value("duration").ifPresent(d -> builder.duration(Durations.parse("duration", d)));
    flags.value("ramp").ifPresent(d -> builder.ramp(Durations.parse("ramp", d)));
    flags.value("hold").ifPresent(d -> builder.hold(Durations.parse("hold", d)));
    flags.value("read-timeout")
        .ifPresent(d -> builder.readTimeout(Durations.parse("read-timeout", d)));
    flags.value("connect-timeout")
        .ifPresent(d -> builder.connectTimeout(Durations.parse("connect-timeout", d)));
    flags.value("mix").ifPresent(m -> builder.mix(ScenarioMix.parse(m)));
    flags.value("dead-channel").ifPresent(d -> builder.deadChannelReplies(deadChannel(d)));
    for (String allocation : flags.values("allocation")) {
      builder.addAllocation(Allocation.parse(allocation));
    }
    for (String spec : flags.values("spec")) {
      readSpec(Path.of(spec)).forEach(builder::addAllocation);
    }
    return builder.build();
  }

  private static boolean dialplanMode(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "script":
        return false;
      case "dialplan":
        return true;
      default:
        throw new LoadOptionException("mode '" + value + "': use script or dialplan");
    }
  }

  private static DeadChannelReplies deadChannel(String value) {
    try {
      return DeadChannelReplies.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new LoadOptionException("dead-channel '" + value + "': use realistic or strict");
    }
  }

  /**
   * Reads a spec file: one allocation per line ({@code vn=... known=... unknown=... pin=...}),
   * blank lines and {@code #} comments ignored.
   *
   * @throws LoadOptionException if the file cannot be read or a line is malformed (with its
   *     line number)
   */
  public static List<Allocation> readSpec(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoadOptionException("spec " + file + ": cannot read (" + e.getMessage() + ")");
    }
    List<Allocation> allocations = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        allocations.add(Allocation.parse(line));
      } catch (LoadOptionException e) {
        throw new LoadOptionException("spec " + file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (allocations.isEmpty()) {
      throw new LoadOptionException("spec " + file + " holds no allocation");
    }
    return allocations;
  }

  static String usage() {
    return String.join(
        "\n",
        "usage: AgiLoad [flags]",
        "  --host 127.0.0.1|::1     target (only loopback; default 127.0.0.1)",
        "  --port N                 target port (default 4573)",
        "  --script PATH            AGI URL path (default greenvn; dialplan mode: greenvn-decide)",
        "  --mode script|dialplan   one script-driven AGI per call (default), or dialplan-driven:",
        "                           decide AGI, Dial by the dialplan, outcome AGI (hangup handler)",
        "  --outcome-script PATH    dialplan mode: the outcome AGI path (default greenvn-outcome)",
        "  --concurrency N          calls in flight at once (default 64)",
        "  --sessions N             count bound (default 1000000)",
        "  --duration 20s           time bound: no call starts after it (default 20s)",
        "  --ramp 0s                start the concurrent callers over this time",
        "  --hold 0s                how long each Dial runs (conversation or ringing)",
        "  --read-timeout 30s       longest server silence before a call counts as timeout",
        "  --connect-timeout 2s     longest connect (Asterisk's own limit is 2 s)",
        "  --mix bridged=1,...      weights of bridged, busy, no-answer, pin-right, pin-wrong,",
        "                           caller-hangup (default bridged)",
        "  --allocation \"vn=+91... known=91... unknown=+44... pin=1234\"   (repeatable; unknown",
        "                           may end in X digits: a new caller per call, X = call number)",
        "  --spec FILE              allocations, one such line each (repeatable)",
        "  --dead-channel realistic|strict   replies after a hang-up (default realistic)",
        "  --json-only              print only the JSON summary",
        "");
  }
}
