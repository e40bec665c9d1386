package org.greenvn.event;

import java.time.Instant;

/** Something the engine reports. Every event is an immutable value. */
public sealed interface GreenVnEvent
    permits CallEvent,
        DeallocationEvent,
        VerificationSucceededEvent,
        VerificationFailedEvent,
        OutOfAllocationEvent {

  /** The tenant it concerns; empty for a call to a number no tenant owns. */
  String tenantSid();

  /** When it happened. */
  Instant occurredAt();

  /** Its kind. */
  EventType type();
}
