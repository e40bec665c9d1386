/**
 * The whole-system soak: {@link org.greenvn.examples.soak.Soak} runs the real standalone server
 * (SQLite in a temporary directory, HTTP and FastAGI on loopback, webhooks to a local receiver
 * that verifies every signature) and, for a bounded time, drives allocation changes, calls and
 * short expiries together; then {@link org.greenvn.examples.soak.SoakChecker} compares what was
 * acknowledged with what the server holds, reported and stored, and the JVM's heap and threads
 * with their baseline.
 */
package org.greenvn.examples.soak;
