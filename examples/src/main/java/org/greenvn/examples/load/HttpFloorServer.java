package org.greenvn.examples.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.greenvn.concurrent.Threads;
import org.greenvn.http.GreenVnHttpServer;

/**
 * The floor of the HTTP load bench: the API's HTTP stack (the JDK's {@code HttpServer}, the
 * executor {@link GreenVnHttpServer} makes for itself, {@code TCP_NODELAY} and the most idle
 * keep-alive connections as it sets them) with a
 * trivial handler that reads the request body and answers 200 with a small fixed JSON envelope,
 * whatever the method and path. The same load against it and against the API says what the
 * engine, the store and the JSON cost above the stack.
 *
 * <pre>
 * java -cp ... org.greenvn.examples.load.HttpFloorServer --port 18081
 * </pre>
 */
public final class HttpFloorServer implements AutoCloseable {

  private static final String NO_DELAY = "sun.net.httpserver.nodelay";
  private static final String MAX_IDLE = "sun.net.httpserver.maxIdleConnections";
  private static final byte[] BODY =
      "{\"success\":true,\"status\":200,\"code\":null,\"message\":null,\"data\":{\"floor\":true}}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpFloorServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a floor on {@code host} ({@code 127.0.0.1} or {@code ::1}) and {@code port} (0: a free
   * one).
   *
   * @throws LoadOptionException for a host that is not a loopback literal
   * @throws IOException if the port cannot be bound
   */
  public static HttpFloorServer start(String host, int port) throws IOException {
    InetSocketAddress address = new InetSocketAddress(Loopback.require(host), port);
    // As GreenVnHttpServer does, so that both answer without waiting out delayed ACKs.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    if (System.getProperty(MAX_IDLE) == null) {
      System.setProperty(MAX_IDLE, "1024");
    }
    ExecutorService executor = GreenVnHttpServer.newDefaultExecutor();
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      executor.shutdownNow();
      throw e;
    }
    server.createContext("/", HttpFloorServer::answer);
    server.setExecutor(executor);
    server.start();
    return new HttpFloorServer(server, executor);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Which threads serve requests, for the bench's log. */
  public static String executorKind() {
    return Threads.virtualThreadsAvailable() ? "virtual threads" : "thread pool";
  }

  /** Stops at once and shuts the executor down. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a floor until the process is stopped: {@code --port N} (default 18081), {@code --host}.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    String host;
    int port;
    try {
      Flags flags = Flags.parse(args).allowOnly(List.of("host", "port", "help"));
      if (flags.has("help")) {
        System.out.println("Usage: HttpFloorServer [--host 127.0.0.1|::1] [--port N]");
        return;
      }
      host = flags.value("host").orElse("127.0.0.1");
      port = flags.value("port").map(v -> flags.intValue("port", v)).orElse(18081);
      if (port < 0 || port > 65_535) {
        throw new LoadOptionException("--port " + port + " is not 0..65535");
      }
    } catch (LoadOptionException e) {
      System.err.println("http-floor: " + e.getMessage());
      System.exit(2);
      return;
    }
    HttpFloorServer floor = start(host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  floor.close();
                  stopped.countDown();
                },
                "http-floor-shutdown"));
    System.out.println(
        "http floor (listening) on " + host + ":" + floor.port() + " with " + executorKind()
            + ", JDK " + Runtime.version());
    stopped.await();
  }
}
