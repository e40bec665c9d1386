package org.greenvn.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.greenvn.webhook.WebhookVerificationException.Reason;

/**
 * Checks a delivery in a receiver: its {@code webhook-signature} must carry a {@code v1}
 * signature made with one of the receiver's secrets over {@code id.timestamp.body}, and its
 * {@code webhook-timestamp} must be within a tolerance of now (5 minutes by default), so a
 * captured delivery cannot be replayed later.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
 * try {
 *   verifier.verify(exchange.getRequestHeaders(), bodyBytes);
 * } catch (WebhookVerificationException e) {
 *   // answer 401 and ignore the body
 * }
 * }</pre>
 *
 * <p>Verify the body's bytes exactly as received, before parsing them. Signatures are compared in
 * constant time. Several secrets may be given while one is being rotated. Immutable and
 * thread-safe; {@link #toString()} never shows a secret.
 */
public final class WebhookVerifier {

  /** How far a timestamp may be from now by default. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** More signatures than this in one header are not looked at: bounds the work per request. */
  private static final int MAX_SIGNATURES = 16;

  private final List<WebhookSecret> secrets;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
    this.secrets = secrets;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * A verifier accepting signatures by any of these secrets, each in {@code whsec_<base64>} form.
   *
   * @throws InvalidWebhookConfigException if none is given or one is malformed
   */
  public static WebhookVerifier of(String... secrets) {
    return of(Arrays.stream(secrets).map(WebhookSecret::parse).toList());
  }

  /** A verifier accepting signatures by any of these secrets. */
  public static WebhookVerifier of(List<WebhookSecret> secrets) {
    List<WebhookSecret> copy = List.copyOf(secrets);
    if (copy.isEmpty()) {
      throw new InvalidWebhookConfigException("A verifier needs at least one secret");
    }
    return new WebhookVerifier(copy, DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /** This verifier with another timestamp tolerance. */
  public WebhookVerifier withTolerance(Duration newTolerance) {
    Objects.requireNonNull(newTolerance, "newTolerance");
    if (newTolerance.isNegative()) {
      throw new InvalidWebhookConfigException("The tolerance must not be negative");
    }
    return new WebhookVerifier(secrets, newTolerance, clock);
  }

  /** This verifier reading now from another clock. */
  public WebhookVerifier withClock(Clock newClock) {
    return new WebhookVerifier(secrets, tolerance, Objects.requireNonNull(newClock, "newClock"));
  }

  /**
   * Verifies a delivery from its headers (names in any case, as a server hands them over, e.g.
   * {@code com.sun.net.httpserver.Headers} or {@code HttpHeaders.map()}) and its body.
   */
  public void verify(Map<String, List<String>> headers, byte[] body)
      throws WebhookVerificationException {
    Objects.requireNonNull(headers, "headers");
    verify(
        header(headers, WebhookHeaders.ID),
        header(headers, WebhookHeaders.TIMESTAMP),
        header(headers, WebhookHeaders.SIGNATURE),
        body);
  }

  /** Verifies a delivery whose body is this text, sent as UTF-8. */
  public void verify(String webhookId, String webhookTimestamp, String webhookSignature,
      String body) throws WebhookVerificationException {
    verify(webhookId, webhookTimestamp, webhookSignature,
        Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Verifies a delivery from the values of its three headers and its body's bytes.
   *
   * @throws WebhookVerificationException saying why it is rejected
   */
  public void verify(String webhookId, String webhookTimestamp, String webhookSignature,
      byte[] body) throws WebhookVerificationException {
    Objects.requireNonNull(body, "body");
    if (isBlank(webhookId) || isBlank(webhookTimestamp) || isBlank(webhookSignature)) {
      throw new WebhookVerificationException(
          Reason.MISSING_HEADER,
          "A delivery needs the headers " + WebhookHeaders.ID + ", " + WebhookHeaders.TIMESTAMP
              + " and " + WebhookHeaders.SIGNATURE);
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(webhookTimestamp.strip());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_TIMESTAMP, "The timestamp is not a number of seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs((double) now - timestamp) > tolerance.toSeconds()) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_OUT_OF_TOLERANCE,
          "The timestamp is more than " + tolerance + " away from now");
    }
    byte[] content =
        WebhookSigner.signedContent(webhookId, webhookTimestamp.strip(), body);
    String[] candidates = webhookSignature.strip().split(" +", MAX_SIGNATURES + 1);
    int count = Math.min(candidates.length, MAX_SIGNATURES);
    boolean matched = false;
    for (WebhookSecret secret : secrets) {
      byte[] expected = secret.sign(content);
      for (int i = 0; i < count; i++) {
        byte[] given = decode(candidates[i]);
        // No early exit: the time taken does not tell which secret or signature matched.
        matched |= given != null && MessageDigest.isEqual(expected, given);
      }
    }
    if (!matched) {
      throw new WebhookVerificationException(
          Reason.NO_MATCHING_SIGNATURE, "No signature matches any of the secrets");
    }
  }

  /** The signature's bytes if it is {@code v1,<base64>}; null otherwise. */
  private static byte[] decode(String candidate) {
    int comma = candidate.indexOf(',');
    if (comma < 0 || !candidate.substring(0, comma).equals(WebhookSigner.VERSION)) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(candidate.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey() != null
          && entry.getKey().toLowerCase(Locale.ROOT).equals(name)
          && entry.getValue() != null
          && !entry.getValue().isEmpty()) {
        return entry.getValue().get(0);
      }
    }
    return null;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    return "WebhookVerifier[secrets=" + secrets.size() + " (redacted), tolerance=" + tolerance
        + "]";
  }
}
