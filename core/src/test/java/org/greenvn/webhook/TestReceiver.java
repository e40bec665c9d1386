package org.greenvn.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A webhook receiver on an ephemeral 127.0.0.1 port: records every request and answers as the
 * test scripts it (a queue of replies, then a fixed reply per path, else 200). It can be stopped
 * and started again on the same port, to play an outage.
 */
final class TestReceiver implements AutoCloseable {

  /** A request as it arrived. */
  record Received(String path, Map<String, List<String>> headers, byte[] body, int answered) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    String id() {
      return header(WebhookHeaders.ID);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** An answer: a status, headers, and a delay before it. */
  record Reply(int status, Map<String, String> headers, Duration delay) {
    static Reply status(int status) {
      return new Reply(status, Map.of(), Duration.ZERO);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, delay);
    }

    Reply after(Duration wait) {
      return new Reply(status, headers, wait);
    }
  }

  private final Queue<Reply> scripted = new ConcurrentLinkedQueue<>();
  private final Map<String, Reply> fixed = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private int port;
  private HttpServer server;
  private ExecutorService handlers;

  /** Starts on a new ephemeral port. */
  static TestReceiver start() throws IOException {
    TestReceiver receiver = new TestReceiver();
    receiver.listen(0);
    return receiver;
  }

  private synchronized void listen(int onPort) throws IOException {
    server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  /** Answers with these, one per request, before anything else. */
  TestReceiver thenReply(Reply... replies) {
    scripted.addAll(List.of(replies));
    return this;
  }

  /** Answers every request to this path so, once the scripted replies are used. */
  TestReceiver always(String path, Reply reply) {
    fixed.put(path, reply);
    return this;
  }

  /** Goes down: connections are refused until {@link #restart()}. */
  synchronized void stop() {
    server.stop(0);
    handlers.shutdownNow();
  }

  /** Comes back on the same port. */
  synchronized void restart() throws IOException {
    listen(port);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  int port() {
    return port;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The distinct webhook ids of requests answered 2xx, in order of arrival. */
  Set<String> deliveredIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (Received r : received) {
      if (r.answered() >= 200 && r.answered() < 300) {
        ids.add(r.id());
      }
    }
    return ids;
  }

  List<Received> withId(String id) {
    List<Received> same = new ArrayList<>();
    for (Received r : received) {
      if (id.equals(r.id())) {
        same.add(r);
      }
    }
    return same;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    Reply reply = scripted.poll();
    if (reply == null) {
      reply = fixed.getOrDefault(path, Reply.status(200));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    received.add(new Received(path, Map.copyOf(headers), body, reply.status()));
    try {
      if (!reply.delay().isZero()) {
        Thread.sleep(reply.delay().toMillis());
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  @Override
  public synchronized void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  /** Waits until the condition holds, at most {@code timeout}; fails the test if it never does. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for: " + what, e);
      }
    }
  }
}
