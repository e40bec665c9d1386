package org.greenvn.examples.load;

/** The reference scripts the adapter is measured against. */
public enum FloorScript {
  /** Returns at once: the cost of Asterisk-Java's FastAGI machinery alone. */
  NOOP,
  /**
   * Exactly the commands of a bridged call, with no engine behind it: ANSWER; SET VARIABLE
   * CALLERID(num) to the VN; EXEC Dial "PJSIP/&lt;party&gt;@carrier,30,g"; GET VARIABLE
   * DIALSTATUS, ANSWEREDTIME, DIALEDTIME, HANGUPCAUSE.
   */
  BRIDGED
}
