/**
 * The Asterisk FastAGI adapter: {@link org.greenvn.asterisk.GreenVnAgiServer} serves Asterisk's
 * {@code AGI()} requests, turns the engine's routing decisions into channel commands (answer,
 * prompts, caller id, MixMonitor, Dial, hang-up) and what Asterisk reports back into call events.
 * Per-flow Asterisk settings (dial strings, recording paths) are in
 * {@link org.greenvn.asterisk.AdapterSettings}.
 */
package org.greenvn.asterisk;
