package org.greenvn.examples.soak;

import java.io.Serializable;
/**
 * An allocation as the server showed it: read back over the API, or from the SQLite file after
 * the server stopped.
 *
 * @param greenvnId its id
 * @param state {@code active} or {@code vault}
 * @param parties its VN and parties
 */
record ObservedAllocation(String greenvnId, String state, Parties parties) implements Serializable {

  boolean active() {
    return "active".equals(state);
  }
}
