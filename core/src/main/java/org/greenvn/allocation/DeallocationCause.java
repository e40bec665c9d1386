package org.greenvn.allocation;

/** Why an allocation went to the vault. */
public enum DeallocationCause {
  /** Deleted through the API: no deallocation event. */
  DELETED,
  /** Its deallocation policy's duration ran out: a deallocation event. */
  EXPIRED
}
