package org.greenvn.examples.load;

/**
 * One scenario's share of a run.
 *
 * @param scenario the scenario
 * @param started calls started
 * @param completed calls the server ended cleanly by closing the socket
 * @param roundTrips commands answered over the completed calls
 * @param minRoundTrips fewest commands in one completed call (0 when none completed)
 * @param maxRoundTrips most commands in one completed call
 * @param deadReplies 511 replies over the completed calls
 * @param errors calls that failed (timeout, reset, refused, closed before any command)
 */
public record ScenarioStats(
    ScenarioKind scenario,
    long started,
    long completed,
    long roundTrips,
    int minRoundTrips,
    int maxRoundTrips,
    long deadReplies,
    long errors) {

  /** Mean commands answered per completed call, 0 when none completed. */
  public double roundTripsPerCall() {
    return completed == 0 ? 0 : (double) roundTrips / completed;
  }
}
