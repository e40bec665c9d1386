/**
 * Operational metrics of an engine in Prometheus form, through Micrometer: active allocations,
 * creates by result code, calls by decision, pool utilisation, and gauges that the webhook
 * dispatcher registers. Start at {@link org.greenvn.metrics.GreenVnMetrics}.
 *
 * <p>An edge package: the engine packages never import it.
 */
package org.greenvn.metrics;
