package org.greenvn.event;

/** The kinds of event, one webhook URL each. */
public enum EventType {
  /** A call through an allocation ended. */
  CALL,
  /** An allocation expired (not sent for deletions through the API). */
  DEALLOCATION,
  /** An unknown caller keyed a right PIN and joined a party. */
  VERIFICATION_SUCCEEDED,
  /** An unknown caller keyed a wrong PIN, or none. */
  VERIFICATION_FAILED,
  /** A call reached a virtual number where no allocation serves its caller. */
  OUT_OF_ALLOCATION
}
