/**
 * Webhook delivery: the durable outbox SPI. The engine packages never import this one; it sits at
 * the edge beside the HTTP API.
 */
package org.greenvn.webhook;
