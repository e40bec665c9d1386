package org.greenvn.examples.load;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/** The no-op floor: the server's own AJ_AGISTATUS is the only command the call sees. */
final class NoopScript implements AgiScript {

  @Override
  public void service(AgiRequest request, AgiChannel channel) {
    // Intentionally empty: this floor measures the FastAGI server alone.
  }
}
