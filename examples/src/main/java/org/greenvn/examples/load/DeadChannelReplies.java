package org.greenvn.examples.load;

/** What the simulated Asterisk answers once the caller has hung up. */
public enum DeadChannelReplies {
  /**
   * As Asterisk 22 does ({@code caller-hangup-midscript.txt}): commands that touch the channel
   * (ANSWER, STREAM FILE, GET DATA, HANGUP, ...) get 511, while GET VARIABLE, GET FULL VARIABLE,
   * SET VARIABLE, VERBOSE, EXEC, DATABASE and NOOP still work.
   */
  REALISTIC,
  /** Every command after the hang-up gets 511: the harshest peer a script can meet. */
  STRICT
}
