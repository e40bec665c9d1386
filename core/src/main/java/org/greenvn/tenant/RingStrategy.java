package org.greenvn.tenant;

/** How a bridge rings a party with several numbers. */
public enum RingStrategy {
  /** All numbers at once; the first to answer takes the call. */
  SIMULTANEOUS,
  /** One number after another, each for the ring timeout. */
  SEQUENTIAL
}
