/**
 * The GreenVN HTTP API over an engine, on the JDK's {@code com.sun.net.httpserver}: the spec's
 * routes and envelope, Basic authentication per tenant, rate limits, idempotent creates, a bulk
 * create, a dry run, a pool view, {@code /health} and {@code /metrics}. Start at {@link
 * org.greenvn.http.GreenVnHttpServer}.
 *
 * <p>An edge package: the engine packages never import it.
 */
package org.greenvn.http;
