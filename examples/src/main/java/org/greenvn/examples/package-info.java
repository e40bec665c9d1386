/**
 * Runnable samples. {@link org.greenvn.examples.EmbeddedDemo} embeds the engine in a plain Java
 * program and walks through allocations, calls, PIN joins and expiry, printing each decision and
 * event.
 */
package org.greenvn.examples;
