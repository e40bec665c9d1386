/**
 * Durability tests that need whole processes: an engine in a child JVM killed with SIGKILL
 * ({@link org.greenvn.store.durability.CrashHarness}), and two engine processes sharing one
 * PostgreSQL ({@link org.greenvn.store.durability.TwoNodeHarness}). The child is
 * {@link org.greenvn.store.durability.EngineChild}; the tests that drive them are beside the
 * stores they test.
 */
package org.greenvn.store.durability;
