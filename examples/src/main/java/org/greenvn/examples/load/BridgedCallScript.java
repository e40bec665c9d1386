package org.greenvn.examples.load;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/**
 * The fixed-script floor: the AGI commands of a bridged call with no routing decision behind
 * them. The VN shown to the party is the dialled number ({@code agi_dnid}, else
 * {@code agi_extension}); the party is fixed. Stateless: one instance serves every call.
 */
final class BridgedCallScript implements AgiScript {

  private final String dialArguments;

  BridgedCallScript(String partyNumber) {
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
