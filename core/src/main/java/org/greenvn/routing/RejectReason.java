package org.greenvn.routing;

/** Why a call is refused. */
public enum RejectReason {
  /** A B-party caller on a oneway allocation. */
  ONEWAY,
  /** No active allocation on the number serves this caller, and none takes a PIN. */
  NOT_IN_SERVICE,
  /** The caller keyed too many wrong PINs on this number lately. */
  LOCKED_OUT,
  /** The number received too many wrong PINs lately; unknown callers are not prompted. */
  THROTTLED,
  /** The caller used up this call's PIN attempts. */
  PIN_ATTEMPTS_EXHAUSTED
}
