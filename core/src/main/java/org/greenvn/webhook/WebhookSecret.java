package org.greenvn.webhook;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook signing secret, written as Standard Webhooks write it: {@code whsec_} followed by the
 * base64 (standard alphabet, padded) of 16 to 64 random bytes. The HMAC key is the decoded bytes,
 * not the text. {@link #toString()} never shows the key; {@link #encoded()} gives it to whoever
 * must hand it to a receiver. Immutable.
 */
public final class WebhookSecret {

  /** The prefix of the text form. */
  public static final String PREFIX = "whsec_";

  static final int MIN_BYTES = 16;
  static final int MAX_BYTES = 64;
  private static final int GENERATED_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Reads a secret in its {@code whsec_<base64>} form.
   *
   * @throws InvalidWebhookConfigException if the prefix is missing, the rest is not base64, or
   *     the key is shorter than 16 or longer than 64 bytes; the message never quotes the text
   */
  public static WebhookSecret parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith(PREFIX)) {
      throw new InvalidWebhookConfigException("A webhook secret must start with " + PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      // e's message quotes a character of the secret: leave it out.
      throw new InvalidWebhookConfigException(
          "A webhook secret must be " + PREFIX + " followed by standard base64");
    }
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new InvalidWebhookConfigException(
          "A webhook secret must decode to " + MIN_BYTES + " to " + MAX_BYTES + " bytes, not "
              + key.length);
    }
    return new WebhookSecret(key);
  }

  /** A new secret of 32 random bytes from a {@link SecureRandom}. */
  public static WebhookSecret generate() {
    byte[] key = new byte[GENERATED_BYTES];
    RANDOM.nextBytes(key);
    return new WebhookSecret(key);
  }

  /** The text form, {@code whsec_<base64>}: for configuration files and receivers only. */
  public String encoded() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** HMAC-SHA256 of the content under this key. */
  byte[] sign(byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /** Same key, compared in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
  }

  @Override
  public int hashCode() {
    // Not derived from the key: a hash would leak bits of it to whoever can see hash codes.
    return WebhookSecret.class.hashCode();
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "WebhookSecret[redacted]";
  }
}
