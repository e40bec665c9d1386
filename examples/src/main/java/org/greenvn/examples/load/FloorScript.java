package org.greenvn.examples.load;

/** The reference scripts the adapter is measured against. */
public enum FloorScript {
  /** Returns at once: the cost of Asterisk-Java's FastAGI machinery alone. */
  NOOP,
  /**
   * Exactly the commands the adapter sends for a script-driven bridged call, with no engine
   * behind them: SET CALLERID to the VN; EXEC Dial "PJSIP/&lt;party&gt;@carrier,30,g"; one GET
   * FULL VARIABLE of Dial's outcome; HANGUP; then the socket closed (4 round trips).
   */
  BRIDGED,
  /**
   * The first fixed script (8 round trips: ANSWER, SET VARIABLE, EXEC Dial, four GET VARIABLE,
   * AJ_AGISTATUS), kept to reproduce the figures measured with it; not the adapter's sequence.
   */
  BRIDGED_8
}
