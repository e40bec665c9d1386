package org.greenvn.webhook;

/** The names of the Standard Webhooks headers each delivery carries. */
public final class WebhookHeaders {

  /** The delivery's id, the same on every retry: receivers drop duplicates by it. */
  public static final String ID = "webhook-id";

  /** When this attempt was signed, in unix seconds. */
  public static final String TIMESTAMP = "webhook-timestamp";

  /** {@code v1,<base64 HMAC-SHA256>} per signing secret, separated by spaces. */
  public static final String SIGNATURE = "webhook-signature";

  private WebhookHeaders() {}
}
