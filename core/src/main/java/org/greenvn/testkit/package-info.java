/**
 * A harness for testing an integration without a PBX: {@link org.greenvn.testkit.GreenVnTestKit}
 * runs an engine on a {@link org.greenvn.testkit.MutableClock}, simulates calls with fluent
 * expectations, moves time to expire allocations, and records every event.
 */
package org.greenvn.testkit;
