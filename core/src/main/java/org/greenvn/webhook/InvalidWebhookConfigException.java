package org.greenvn.webhook;

/**
 * A webhook configuration was refused: a URL that is not absolute http(s), a target in a private
 * range the tenant does not allow, a secret of the wrong form, a bad duration or limit. The
 * message says which setting and why, and never quotes a secret.
 */
public final class InvalidWebhookConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** A refusal with its reason. */
  public InvalidWebhookConfigException(String message) {
    super(message);
  }
}
