package org.greenvn.examples.load;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * The first fixed-script floor, kept as {@code --script bridged-8} so that the figures measured
 * with it (docs/BENCHMARKS.md, the first runs of docs/load-testing.md) can be reproduced: a
 * plausible bridged call written with Asterisk-Java's own channel methods, 8 round trips with
 * {@code AJ_AGISTATUS}: ANSWER; SET VARIABLE CALLERID(num); EXEC Dial; GET VARIABLE of
 * DIALSTATUS, ANSWEREDTIME, DIALEDTIME, HANGUPCAUSE. It is not what the adapter sends (that is
 * {@link BridgedCallScript}). Stateless: one instance serves every call.
 */
final class EightCommandBridgedScript implements AgiScript {

  private final String dialArguments;

  EightCommandBridgedScript(String partyNumber) {
    this.dialArguments = "PJSIP/" + partyNumber + "@carrier,30,g";
  }

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    try {
      channel.answer();
      channel.setVariable("CALLERID(num)", vnOf(request));
      channel.exec("Dial", dialArguments);
      channel.getVariable("DIALSTATUS");
      channel.getVariable("ANSWEREDTIME");
      channel.getVariable("DIALEDTIME");
      channel.getVariable("HANGUPCAUSE");
    } catch (AgiHangupException e) {
      // The caller left and a channel command got 511: the call is over, not an error.
    }
  }

  private static String vnOf(AgiRequest request) {
    String dnid = request.getDnid();
    return dnid == null || dnid.isEmpty() || dnid.equals("unknown")
        ? request.getExtension()
        : dnid;
  }
}
