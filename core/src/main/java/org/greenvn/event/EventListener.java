package org.greenvn.event;

/**
 * Receives the engine's events, synchronously, on the thread that caused them (an API call, a
 * call's thread, the expiry sweep). Keep it quick: hand slow work (an HTTP callback) to a queue.
 * A listener that throws is logged and skipped; it never breaks a call or an API operation.
 */
@FunctionalInterface
public interface EventListener {

  /** Ignores every event. */
  EventListener NONE = event -> {};

  /** Called once per event. */
  void onEvent(GreenVnEvent event);
}
