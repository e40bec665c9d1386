package org.greenvn.examples.load;

/**
 * What one simulated call measured.
 *
 * @param scenario what the call played
 * @param completed whether the server closed the socket after a clean exchange
 * @param roundTrips commands answered (each command read and its reply written)
 * @param deadReplies how many of those replies were 511 (command on a dead channel)
 * @param setupNanos connect to the first EXEC Dial, or to the end of the script if it never
 *     dialled; {@code -1} when the session failed before either
 * @param error why the session failed ({@code connect}, {@code timeout}, {@code io},
 *     {@code no-command}, {@code protocol}, {@code aborted}), or {@code null}
 * @param detail the exception message behind the error, or {@code null}
 */
record SessionOutcome(
    ScenarioKind scenario,
    boolean completed,
    int roundTrips,
    int deadReplies,
    long setupNanos,
    String error,
    String detail) {

  static SessionOutcome failed(
      ScenarioKind scenario, String error, String detail, int roundTrips, int dead) {
    return new SessionOutcome(scenario, false, roundTrips, dead, -1, error, detail);
  }

  /** The same failure, re-labelled (a call the run closed itself is aborted, not broken). */
  SessionOutcome relabel(String newError) {
    return new SessionOutcome(scenario, false, roundTrips, deadReplies, -1, newError, detail);
  }
}
