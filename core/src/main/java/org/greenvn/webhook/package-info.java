/**
 * Webhook delivery: the engine's events POSTed to each tenant's URLs, at least once, signed as
 * Standard Webhooks sign.
 *
 * <p>{@link org.greenvn.webhook.TenantWebhooks} configures a tenant (a URL per event type,
 * per-flow overrides, signing secrets, private targets, retry policy);
 * {@link org.greenvn.webhook.WebhookDispatcher} listens to the engine, queues each event in a
 * {@link org.greenvn.webhook.WebhookOutbox} (the SPI a durable store implements) and delivers it
 * with retries; {@link org.greenvn.webhook.WebhookVerifier} checks a delivery in a receiver. The
 * engine packages never import this one; it sits at the edge beside the HTTP API.
 */
package org.greenvn.webhook;
