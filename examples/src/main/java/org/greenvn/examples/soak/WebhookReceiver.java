package org.greenvn.examples.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.webhook.WebhookVerificationException;
import org.greenvn.webhook.WebhookVerifier;

/**
 * The soak's webhook receiver on 127.0.0.1: verifies every request's signature, accepts each
 * webhook id once (a repeat after a 2xx is counted and answered 2xx again), and, chosen by a hash
 * of the id so that a retry meets the same fate, refuses some first attempts with 5xx (some
 * with {@code Retry-After}), refuses a few twice, and answers a few slowly. No id is refused
 * more than twice, so every delivery ends within the dispatcher's first backoffs.
 */
final class WebhookReceiver implements AutoCloseable {

  static final String PATH = "/hooks/";

  private final WebhookVerifier verifier;
  private final HttpServer server;
  private final Map<String, Received> byId = new ConcurrentHashMap<>();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong slowAnswers = new AtomicLong();
  private final AtomicLong redeliveries = new AtomicLong();
  private final AtomicLong lastAcceptNanos = new AtomicLong(System.nanoTime());

  /** What arrived under one webhook id. */
  private static final class Received {
    final AtomicInteger attempts = new AtomicInteger();
    volatile String type;
    volatile JsonNode body;
  }

  WebhookReceiver(String secret, ExecutorService executor) throws IOException {
    this.verifier = WebhookVerifier.of(secret);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext(PATH, this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The URL events of {@code type} are sent to. */
  String url(String type) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + type;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach(headers::put);
      try {
        verifier.verify(headers, body);
      } catch (WebhookVerificationException e) {
        badSignatures.incrementAndGet();
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String id = headers.get("webhook-id").get(0);
      String type = exchange.getRequestURI().getPath().substring(PATH.length());
      Received received = byId.computeIfAbsent(id, k -> new Received());
      int attempt = received.attempts.incrementAndGet();
      int fate = Math.floorMod(id.hashCode(), 100);
      if (received.body == null && attempt == 1 && fate < 8) {
        refuse(exchange, 503, false);
        return;
      }
      if (received.body == null && attempt <= 2 && fate >= 8 && fate < 12) {
        refuse(exchange, attempt == 1 ? 500 : 502, true);
        return;
      }
      if (received.body == null && attempt == 1 && fate >= 12 && fate < 15) {
        slowAnswers.incrementAndGet();
        sleep(1_200);
      }
      if (received.body != null) {
        redeliveries.incrementAndGet();
      } else {
        received.type = type;
        received.body = ApiClient.JSON.readTree(body);
      }
      lastAcceptNanos.set(System.nanoTime());
      exchange.sendResponseHeaders(204, -1);
    } finally {
      exchange.close();
    }
  }

  private void refuse(HttpExchange exchange, int status, boolean retryAfter) throws IOException {
    refusals.incrementAndGet();
    if (retryAfter) {
      exchange.getResponseHeaders().add("Retry-After", "1");
    }
    exchange.sendResponseHeaders(status, -1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every accepted webhook, one per id. */
  List<Delivery> deliveries() {
    List<Delivery> list = new ArrayList<>();
    byId.forEach((id, r) -> {
      if (r.body != null) {
        list.add(new Delivery(id, r.type, r.body, r.attempts.get()));
      }
    });
    return list;
  }

  /** Ids refused and not (yet) accepted. */
  List<String> undelivered() {
    List<String> ids = new ArrayList<>();
    byId.forEach((id, r) -> {
      if (r.body == null) {
        ids.add(id);
      }
    });
    return ids;
  }

  int badSignatures() {
    return badSignatures.get();
  }

  long requests() {
    return requests.get();
  }

  long refusals() {
    return refusals.get();
  }

  long slowAnswers() {
    return slowAnswers.get();
  }

  long redeliveries() {
    return redeliveries.get();
  }

  /** Drops what was received (after it was copied out), so it does not count as heap. */
  void forget() {
    byId.clear();
  }

  /** Nanoseconds since the last accepted webhook. */
  long quietNanos() {
    return System.nanoTime() - lastAcceptNanos.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
