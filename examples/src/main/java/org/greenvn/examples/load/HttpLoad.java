package org.greenvn.examples.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP/1.1 load generator for the GreenVN API over loopback: {@code connections} keep-alive
 * connections, one request in flight on each, all driven by one thread on one NIO selector, so
 * that the client takes as little of a small machine's CPU as it can (it reports how much it
 * took). Requests are creates with a new connection id and new parties each, or GETs of given
 * allocation ids (see {@link HttpRequests}); the time bound ({@code --warmup} then {@code
 * --duration}) and the count bound ({@code --max-requests}) both stop new requests, and answers
 * still awaited then get {@code --read-timeout}.
 *
 * <pre>
 * java -cp ... org.greenvn.examples.load.HttpLoad --port 8080 --kind create --connections 64 \
 *     --warmup 5s --duration 20s --first-index 0 --ids-out created.txt
 * java -cp ... org.greenvn.examples.load.HttpLoad --port 8080 --kind get --ids created.txt
 * </pre>
 *
 * <p>Prints a report and, as its last line, a one-line JSON summary ({@code --json-only}: only
 * that).
 */
public final class HttpLoad {

  private static final long TICK_MILLIS = 50;
  private static final int RECONNECTS_PER_CONNECTION = 20;
  private static final int INITIAL_BUFFER = 4096;
  private static final int MAX_BUFFER = 1 << 20;

  private HttpLoad() {}

  /** Runs the load the command line describes; exit status 2 for bad flags. */
  public static void main(String[] args) throws IOException {
    HttpLoadOptions options;
    Optional<Path> idsOut;
    boolean jsonOnly;
    try {
      Flags flags = Flags.parse(args);
      if (flags.has("help")) {
        System.out.println(HttpLoadOptions.usage());
        return;
      }
      jsonOnly = flags.has("json-only");
      options = HttpLoadOptions.parse(args);
      idsOut = HttpLoadOptions.idsOut(args);
    } catch (LoadOptionException e) {
      System.err.println("http-load: " + e.getMessage());
      System.exit(2);
      return;
    }
    HttpLoadReport report = run(options);
    idsOut.ifPresent(file -> AllocationIds.write(file, report.createdIds()));
    if (!jsonOnly) {
      System.out.print(report.toText());
    }
    System.out.println(report.toJson());
  }

  /**
   * Runs one bounded load and reports it. Returns when every request has been answered or has
   * timed out: at most warm-up plus duration plus read timeout after the connections are open.
   *
   * @throws IOException if no selector can be opened
   */
  public static HttpLoadReport run(HttpLoadOptions options) throws IOException {
    try (Selector selector = Selector.open()) {
      return new Run(options, selector).execute();
    }
  }

  /** The CPU time of this process so far, or -1 where the JVM does not say. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** One keep-alive connection and the request it has in flight. */
  private static final class Connection {
    final SocketChannel channel;
    final SelectionKey key;
    ByteBuffer out;
    byte[] in = new byte[INITIAL_BUFFER];
    int received;
    long sentAt;
    boolean inFlight;

    Connection(SocketChannel channel, SelectionKey key) {
      this.channel = channel;
      this.key = key;
    }
  }

  /** The state of one run. */
  private static final class Run {
    private final HttpLoadOptions options;
    private final Selector selector;
    private final HttpRequests requests;
    private final HttpRunTally tally;
    private final InetSocketAddress target;
    private final List<Connection> open = new ArrayList<>();
    private long measureFrom;
    private long deadline;
    private long lastMeasuredResponse;
    private long index;
    private int reconnectsLeft;

    Run(HttpLoadOptions options, Selector selector) {
      this.options = options;
      this.selector = selector;
      this.requests = new HttpRequests(options);
      this.tally =
          new HttpRunTally(options.kind() == HttpRequestKind.CREATE && !options.floor());
      this.target = new InetSocketAddress(options.address(), options.port());
      this.reconnectsLeft = RECONNECTS_PER_CONNECTION * options.connections();
    }

    HttpLoadReport execute() {
      for (int i = 0; i < options.connections(); i++) {
        connect();
      }
      long start = System.nanoTime();
      measureFrom = start + options.warmup().toNanos();
      deadline = measureFrom + options.duration().toNanos();
      long hardStop = deadline + options.readTimeout().toNanos();
      long cpuAtMeasureFrom = options.warmup().isZero() ? processCpuNanos() : Long.MIN_VALUE;
      for (Connection c : List.copyOf(open)) {
        sendNext(c, start);
      }
      long nextTimeoutCheck = start;
      while (true) {
        long now = System.nanoTime();
        if (cpuAtMeasureFrom == Long.MIN_VALUE && now >= measureFrom) {
          cpuAtMeasureFrom = processCpuNanos();
        }
        boolean sending = now < deadline && tally.sentCount() < options.maxRequests();
        if (!sending && inFlight() == 0) {
          break;
        }
        if (now >= hardStop) {
          abortInFlight();
          break;
        }
        if (sending && open.size() < options.connections() && reconnectsLeft > 0) {
          reconnectsLeft--;
          Connection fresh = connect();
          if (fresh != null) {
            sendNext(fresh, now);
          }
        }
        try {
          selector.select(TICK_MILLIS);
        } catch (IOException e) {
          tally.error("select", e.toString());
          abortInFlight();
          break;
        }
        now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
          Connection c = (Connection) key.attachment();
          if (key.isValid() && key.isWritable()) {
            write(c);
          }
          if (key.isValid() && key.isReadable()) {
            read(c, now);
          }
        }
        selector.selectedKeys().clear();
        if (now >= nextTimeoutCheck) {
          expireSlow(now);
          nextTimeoutCheck = now + TICK_MILLIS * 1_000_000;
        }
      }
      long end = System.nanoTime();
      long cpuAtEnd = processCpuNanos();
      for (Connection c : List.copyOf(open)) {
        close(c);
      }
      long window =
          lastMeasuredResponse > measureFrom ? lastMeasuredResponse - measureFrom : 0;
      long cpu =
          cpuAtMeasureFrom < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtMeasureFrom;
      // The CPU figure covers the window and the drain after it: scale it to the window.
      long cpuInWindow =
          cpu < 0 || end <= measureFrom
              ? -1
              : Math.round(cpu * (double) window / (end - measureFrom));
      return new HttpLoadReport(
          options,
          options.baseUrl() + requests.pathTemplate(),
          "1 NIO selector thread, JDK " + Runtime.version(),
          window,
          cpuInWindow,
          tally);
    }

    private int inFlight() {
      int count = 0;
      for (Connection c : open) {
        if (c.inFlight) {
          count++;
        }
      }
      return count;
    }

    private Connection connect() {
      SocketChannel channel = null;
      try {
        channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.socket().connect(target, (int) options.connectTimeout().toMillis());
        channel.configureBlocking(false);
        SelectionKey key = channel.register(selector, 0);
        Connection c = new Connection(channel, key);
        key.attach(c);
        open.add(c);
        return c;
      } catch (IOException e) {
        tally.error("connect", e.toString());
        if (channel != null) {
          try {
            channel.close();
          } catch (IOException ignored) {
            // already failing
          }
        }
        return null;
      }
    }

    private void sendNext(Connection c, long now) {
      if (now >= deadline || tally.sentCount() >= options.maxRequests()) {
        return;
      }
      c.out = ByteBuffer.wrap(requests.request(index++));
      c.sentAt = now;
      c.inFlight = true;
      c.received = 0;
      tally.sent();
      write(c);
    }

    private void write(Connection c) {
      try {
        c.channel.write(c.out);
      } catch (IOException e) {
        fail(c, "io", e.toString());
        return;
      }
      c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(Connection c, long now) {
      int n;
      try {
        if (c.received == c.in.length) {
          if (c.in.length >= MAX_BUFFER) {
            fail(c, "protocol", "response larger than " + MAX_BUFFER + " bytes");
            return;
          }
          c.in = Arrays.copyOf(c.in, c.in.length * 2);
        }
        n = c.channel.read(ByteBuffer.wrap(c.in, c.received, c.in.length - c.received));
      } catch (IOException e) {
        fail(c, "io", e.toString());
        return;
      }
      if (n < 0) {
        if (c.inFlight) {
          fail(c, "closed", "the server closed the connection before answering");
        } else {
          close(c);
        }
        return;
      }
      c.received += n;
      if (!c.inFlight) {
        fail(c, "protocol", "bytes received with no request in flight");
        return;
      }
      HttpResponseParser.Response response;
      try {
        response = HttpResponseParser.parse(c.in, c.received);
      } catch (HttpResponseParser.ProtocolException e) {
        fail(c, "protocol", e.getMessage());
        return;
      }
      if (response == null) {
        return;
      }
      if (response.length() != c.received) {
        fail(c, "protocol", "bytes after the response with no request in flight");
        return;
      }
      String id =
          options.kind() == HttpRequestKind.CREATE && !options.floor() && response.status() == 200
              ? HttpResponseParser.greenvnId(c.in, response.bodyOffset(), response.length())
              : null;
      boolean measured = c.sentAt >= measureFrom;
      tally.response(measured, response.status(), now - c.sentAt, id);
      if (measured) {
        lastMeasuredResponse = now;
      }
      c.inFlight = false;
      c.received = 0;
      if (response.close()) {
        close(c);
        return;
      }
      sendNext(c, now);
    }

    private void expireSlow(long now) {
      long limit = options.readTimeout().toNanos();
      for (Connection c : List.copyOf(open)) {
        if (c.inFlight && now - c.sentAt > limit) {
          fail(c, "timeout", "no whole response within " + options.readTimeout());
        }
      }
    }

    private void abortInFlight() {
      for (Connection c : List.copyOf(open)) {
        if (c.inFlight) {
          fail(c, "aborted", "still waiting when the run's bounds had passed");
        }
      }
    }

    private void fail(Connection c, String kind, String sample) {
      tally.error(kind, sample);
      c.inFlight = false;
      close(c);
    }

    private void close(Connection c) {
      open.remove(c);
      c.key.cancel();
      try {
        c.channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
