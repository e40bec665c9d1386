package org.greenvn.webhook;

/**
 * A dispatcher's counts since it started, for metrics: counters only grow; {@code inFlight} and
 * {@code backlog} are gauges read now.
 *
 * @param enqueued events put in the outbox
 * @param delivered deliveries a receiver took (2xx)
 * @param failedAttempts attempts that failed (another status, a timeout, no connection, a refused
 *     target); each is retried unless its horizon has passed
 * @param abandoned deliveries given up on: their horizon passed, or their endpoint answered 410
 * @param dropped events not queued because their endpoint was disabled by a 410
 * @param inFlight attempts running now
 * @param backlog deliveries waiting in the outbox, claimed or not (of every dispatcher sharing it)
 */
public record WebhookStats(
    long enqueued,
    long delivered,
    long failedAttempts,
    long abandoned,
    long dropped,
    int inFlight,
    long backlog) {}
