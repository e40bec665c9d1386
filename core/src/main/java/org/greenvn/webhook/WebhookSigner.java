package org.greenvn.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/** Signs deliveries as Standard Webhooks do: HMAC-SHA256 over {@code id.timestamp.body}. */
final class WebhookSigner {

  static final String VERSION = "v1";

  private WebhookSigner() {}

  /** What is signed: the id, the timestamp and the body's bytes, joined by dots. */
  static byte[] signedContent(String id, String timestamp, byte[] body) {
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }

  /** The {@code webhook-signature} value: {@code v1,<base64>} per secret, space-separated. */
  static String signatureHeader(
      List<WebhookSecret> secrets, String id, String timestamp, byte[] body) {
    byte[] content = signedContent(id, timestamp, body);
    StringJoiner header = new StringJoiner(" ");
    for (WebhookSecret secret : secrets) {
      header.add(VERSION + "," + Base64.getEncoder().encodeToString(secret.sign(content)));
    }
    return header.toString();
  }
}
