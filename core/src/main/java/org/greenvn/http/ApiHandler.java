package org.greenvn.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.allocation.GreenVnException;
import org.greenvn.metrics.GreenVnMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves every request: finds its route, authenticates the tenant, applies its rate limit, reads
 * the body within its bound, honours an {@code Idempotency-Key}, and answers in the spec's envelope
 * whatever happens, a failure of the server included (500 code 0, the cause in the log only).
 *
 * <p>The MDC carries {@code request_id}, {@code tenant} and {@code greenvn_id} while a request is
 * served. Neither a body (it may hold PINs) nor a credential is ever logged.
 */
final class ApiHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final int MAX_LOGGED_ID = 128;
  private static final int DISCARD_FACTOR = 16;

  private final ApiOperations operations;
  private final Authenticator tenants;
  private final Optional<Authenticator> metricsReaders;
  private final RateLimiter rateLimiter;
  private final IdempotencyRecords idempotency;
  private final GreenVnMetrics metrics;
  private final int maxBodyBytes;
  private final int tenantCount;
  private final AtomicLong requests = new AtomicLong();

  ApiHandler(
      ApiOperations operations,
      Authenticator tenants,
      Optional<Authenticator> metricsReaders,
      RateLimiter rateLimiter,
      IdempotencyRecords idempotency,
      GreenVnMetrics metrics,
      int maxBodyBytes,
      int tenantCount) {
    this.operations = operations;
    this.tenants = tenants;
    this.metricsReaders = metricsReaders;
    this.rateLimiter = rateLimiter;
    this.idempotency = idempotency;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    this.tenantCount = tenantCount;
  }

  @Override
  public void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    String requestId = Long.toHexString(requests.incrementAndGet());
    MDC.put("request_id", requestId);
    String method = exchange.getRequestMethod();
    String route = "unmatched";
    ApiResponse response;
    try {
      Endpoint.Match match = Endpoint.resolve(method, exchange.getRequestURI().getRawPath());
      route = match.endpoint().template();
      response = serve(exchange, match);
    } catch (ApiError e) {
      response = Responses.error(e);
    } catch (GreenVnException e) {
      response = Responses.error(ApiError.of(e));
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", method, route, e);
      response = Responses.internalError();
    }
    try {
      send(exchange, method, requestId, response);
    } catch (IOException e) {
      LOG.debug("The client left before the response was sent", e);
    } finally {
      exchange.close();
      countRequest(method, route, response.status());
      LOG.debug(
          "{} {} -> {} code={} in {} us",
          method,
          route,
          response.status(),
          response.code().map(c -> Integer.toString(c.code())).orElse("-"),
          (System.nanoTime() - started) / 1000);
      MDC.clear();
    }
  }

  private ApiResponse serve(HttpExchange exchange, Endpoint.Match match) {
    Endpoint endpoint = match.endpoint();
    if (endpoint == Endpoint.HEALTH) {
      ObjectNode data = Json.MAPPER.createObjectNode();
      data.put("status", "up");
      data.put("tenants", tenantCount);
      return Responses.ok(data);
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (endpoint == Endpoint.METRICS) {
      if (metricsReaders.isPresent()
          && metricsReaders.get().authenticate(authorization).isEmpty()) {
        throw ApiError.authenticationFailed();
      }
      return Responses.text(metrics.scrape(), PROMETHEUS_TEXT);
    }
    String sid = match.parameters().get("sid");
    Optional<String> holder = tenants.authenticate(authorization);
    if (holder.isEmpty()) {
      LOG.info("Authentication failed from {}", exchange.getRemoteAddress().getAddress());
      throw ApiError.authenticationFailed();
    }
    if (!holder.get().equals(sid)) {
      LOG.info("Tenant {} was refused another tenant's resources", holder.get());
      throw ApiError.permissionDenied();
    }
    MDC.put("tenant", sid);
    String greenvnId = match.parameters().get("greenvn_id");
    if (greenvnId != null) {
      MDC.put(
          "greenvn_id",
          greenvnId.length() > MAX_LOGGED_ID ? greenvnId.substring(0, MAX_LOGGED_ID) : greenvnId);
    }
    long waitSeconds = rateLimiter.tryAcquire(sid);
    if (waitSeconds > 0) {
      throw ApiError.rateLimited(waitSeconds);
    }
    byte[] body = readBody(exchange);
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    boolean creates = endpoint == Endpoint.CREATE || endpoint == Endpoint.BULK_CREATE;
    if (key == null || !creates) {
      return operations.respond(endpoint, sid, match.parameters(), body);
    }
    IdempotencyRecords.Outcome outcome =
        idempotency.claim(sid, IdempotencyRecords.checkedKey(key), fingerprint(endpoint, body));
    if (outcome instanceof IdempotencyRecords.Replay replay) {
      return replay.response().withHeader("Idempotent-Replayed", "true");
    }
    IdempotencyRecords.Claim claim = (IdempotencyRecords.Claim) outcome;
    ApiResponse response;
    try {
      response = operations.respond(endpoint, sid, match.parameters(), body);
    } catch (RuntimeException e) {
      idempotency.release(claim);
      throw e;
    }
    idempotency.complete(claim, response);
    return response;
  }

  /**
   * The body, at most {@code maxBodyBytes} of it: a longer one is refused (413). The rest of a body
   * somewhat too long is read and dropped first, so that the client, still sending, reads the
   * refusal rather than a reset connection; past {@value #DISCARD_FACTOR} times the limit the
   * connection is cut instead.
   */
  private byte[] readBody(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw ApiError.bad("Content-Length is not a number");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      if (length > (long) maxBodyBytes * DISCARD_FACTOR) {
        throw ApiError.bodyTooLarge(maxBodyBytes);
      }
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        discard(in, (long) maxBodyBytes * DISCARD_FACTOR);
        throw ApiError.bodyTooLarge(maxBodyBytes);
      }
      return body;
    } catch (IOException e) {
      throw ApiError.bad("The request body could not be read");
    }
  }

  private static void discard(InputStream in, long atMost) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long left = atMost;
    int read;
    while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= read;
    }
  }

  private static String fingerprint(Endpoint endpoint, byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return endpoint.name() + ' ' + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private static void send(
      HttpExchange exchange, String method, String requestId, ApiResponse response)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    headers.set("Cache-Control", "no-store");
    headers.set("X-Request-Id", requestId);
    response.headers().forEach(headers::set);
    boolean head = method.equals("HEAD");
    exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }

  private void countRequest(String method, String route, int status) {
    Counter.builder("greenvn.http.requests")
        .description("HTTP requests by route, method and status")
        .tag("route", route)
        .tag("method", Endpoint.knownMethod(method))
        .tag("status", Integer.toString(status))
        .register(metrics.registry())
        .increment();
  }
}
