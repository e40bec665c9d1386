package org.greenvn.allocation;

/** The two sides of an allocation. */
public enum Party {
  /** The A party: in a oneway allocation, the only side that may call. */
  A,
  /** The B party. */
  B;

  /** The other side. */
  public Party other() {
    return this == A ? B : A;
  }
}
