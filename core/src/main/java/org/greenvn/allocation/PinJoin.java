package org.greenvn.allocation;

import java.util.Objects;

/**
 * The result of a right PIN: the allocation the caller joined, as it is now, and the side.
 *
 * @param allocation the allocation, with the caller added when the caller id is known
 * @param party the side joined
 */
public record PinJoin(Allocation allocation, Party party) {

  /** Checks for nulls. */
  public PinJoin {
    Objects.requireNonNull(allocation, "allocation");
    Objects.requireNonNull(party, "party");
  }
}
