package org.greenvn.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one delivery attempt: checks the target, signs, POSTs, and reads the answer's status and
 * Retry-After. Redirects are not followed, so a receiver cannot bounce a delivery to a target the
 * guard would refuse. Thread-safe.
 */
final class WebhookSender {

  private static final String USER_AGENT = "greenvn-webhooks";

  private final HttpClient client;
  private final Duration requestTimeout;
  private final TargetGuard guard;
  private final Clock clock;

  WebhookSender(Duration connectTimeout, Duration requestTimeout, TargetGuard guard, Clock clock) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.requestTimeout = requestTimeout;
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * Tries to deliver the entry once, signed with every secret of the tenant.
   *
   * @throws InterruptedException if the thread is interrupted; the request is cancelled
   */
  AttemptResult attempt(PendingWebhook entry, TenantWebhooks config) throws InterruptedException {
    long deadline = System.nanoTime() + requestTimeout.toNanos();
    try {
      guard.checkResolved(entry.url(), config.allowPrivateTargets());
    } catch (TargetGuard.RefusedTargetException e) {
      return new AttemptResult.Failed("target refused: " + e.getMessage(), Optional.empty());
    }
    // The look-up counts against the attempt's time.
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (remainingMillis <= 0) {
      return failed("timed out resolving the host");
    }
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    byte[] body = entry.body().getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(entry.url())
            .timeout(Duration.ofMillis(remainingMillis))
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header(WebhookHeaders.ID, entry.id())
            .header(WebhookHeaders.TIMESTAMP, timestamp)
            .header(
                WebhookHeaders.SIGNATURE,
                WebhookSigner.signatureHeader(config.secrets(), entry.id(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    CompletableFuture<HttpResponse<Void>> exchange =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    HttpResponse<Void> response;
    try {
      // The request's own timeout covers the wait for the headers; this bounds the body too.
      response = exchange.get(remainingMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return failed("timed out after " + requestTimeout);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return failed(describe(e.getCause()));
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new AttemptResult.Delivered(status);
    } else if (status == 410) {
      return new AttemptResult.Gone();
    }
    Optional<Duration> retryAfter =
        response.headers().firstValue("Retry-After")
            .flatMap(value -> RetryAfter.parse(value, clock.instant()));
    return new AttemptResult.Failed("HTTP " + status, retryAfter);
  }

  private static AttemptResult failed(String reason) {
    return new AttemptResult.Failed(reason, Optional.empty());
  }

  private static String describe(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    } else if (cause instanceof HttpTimeoutException) {
      return "timed out";
    } else if (cause instanceof ConnectException) {
      return "could not connect";
    } else if (cause instanceof IOException) {
      return "I/O error: " + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }
    return "failed: " + cause.getClass().getSimpleName();
  }
}
