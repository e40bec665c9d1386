package org.greenvn.event;

/** The outcome of the whole call ({@code call_type}), as Exotel's passthru applet names it. */
public enum CallType {
  /** The parties talked. */
  COMPLETED("completed"),
  /** The call was attempted but the parties did not talk. */
  CALL_ATTEMPT("call-attempt"),
  /** The caller hung up before the parties talked. */
  CLIENT_HANGUP("client-hangup");

  private final String wireName;

  CallType(String wireName) {
    this.wireName = wireName;
  }

  /** The API's name. */
  public String wireName() {
    return wireName;
  }
}
