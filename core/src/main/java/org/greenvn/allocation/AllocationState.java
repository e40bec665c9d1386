package org.greenvn.allocation;

/** The life of an allocation. */
public enum AllocationState {
  /** Routing calls. */
  ACTIVE("active"),
  /** Deallocated, by request or by expiry; kept for look-ups, routes nothing. */
  VAULT("vault");

  private final String wireName;

  AllocationState(String wireName) {
    this.wireName = wireName;
  }

  /** The API's name: {@code active} or {@code vault}. */
  public String wireName() {
    return wireName;
  }
}
