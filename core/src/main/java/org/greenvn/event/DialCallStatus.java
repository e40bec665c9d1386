package org.greenvn.event;

/** How the second leg of a call ended ({@code dial_call_status}). */
public enum DialCallStatus {
  /** The party answered. */
  COMPLETED("completed"),
  /** The party was busy. */
  BUSY("busy"),
  /** The party did not answer in time. */
  NO_ANSWER("no-answer"),
  /** The caller hung up before the party answered. */
  CANCELED("canceled"),
  /** The party could not be reached, or the call was not put through. */
  FAILED("failed");

  private final String wireName;

  DialCallStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The API's name. */
  public String wireName() {
    return wireName;
  }
}
