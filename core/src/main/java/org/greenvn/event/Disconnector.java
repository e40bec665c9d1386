package org.greenvn.event;

/** Who ended a conversation, as far as the PBX tells. */
public enum Disconnector {
  /** The caller hung up. */
  CALLER("Caller"),
  /** The called party hung up. */
  CALLEE("Callee"),
  /** The PBX did not say. */
  UNKNOWN("Unknown");

  private final String wireName;

  Disconnector(String wireName) {
    this.wireName = wireName;
  }

  /** The API's name, as in the insights' {@code DisconnectedBy}. */
  public String wireName() {
    return wireName;
  }
}
