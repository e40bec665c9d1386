package org.greenvn.webhook;

/** {@link InMemoryWebhookOutbox} against the outbox contract. */
class InMemoryWebhookOutboxTest extends WebhookOutboxContract {

  @Override
  protected WebhookOutbox newOutbox() {
    return new InMemoryWebhookOutbox();
  }
}
