package org.greenvn.examples.load;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;

/**
 * The fixed-script floor: exactly the commands the adapter sends for a script-driven bridged call
 * of a known caller, with no routing decision behind them, byte for byte:
 *
 * <pre>
 * SET CALLERID "&lt;VN&gt;"
 * EXEC Dial "PJSIP/&lt;party&gt;@carrier,30,g"
 * GET FULL VARIABLE "${DIALSTATUS}|${ANSWEREDTIME_MS}|...|${STRFTIME(,,%s%3q)}"
 * HANGUP
 * </pre>
 *
 * <p>then it closes the socket, as the adapter does, which saves Asterisk-Java's
 * {@code AJ_AGISTATUS} round trip: 4 round trips per call. The VN is the dialled number
 * ({@code agi_dnid}, else {@code agi_extension}); the party is fixed. A 511 (the caller gone)
 * ends the script. {@code AdapterFloorParityTest} checks the sequence against the adapter's.
 * Stateless: one instance serves every call.
 */
final class BridgedCallScript implements AgiScript {

  /** The adapter's read-back of Dial's outcome, one GET FULL VARIABLE (its DialReport). */
  static final String DIAL_REPORT =
      "${DIALSTATUS}|${ANSWEREDTIME_MS}|${HANGUPCAUSE}|${CHANNEL(hangupsource)}"
          + "|${DIALEDPEERNUMBER}|${SHARED(GREENVN_ANSWERED_AT)}|${STRFTIME(,,%s%3q)}";

  private final String dialCommand;

  BridgedCallScript(String partyNumber) {
    String digits = partyNumber.startsWith("+") ? partyNumber.substring(1) : partyNumber;
    this.dialCommand = "EXEC Dial \"PJSIP/" + digits + "@carrier,30,g\"";
  }

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    try {
      if (send(channel, "SET CALLERID \"" + vnOf(request) + "\"")
          && send(channel, dialCommand)
          && send(channel, "GET FULL VARIABLE \"" + DIAL_REPORT + "\"")) {
        send(channel, "HANGUP");
      }
    } catch (AgiHangupException e) {
      // Asterisk-Java's channel throws on a 511 as well: the caller left, not an error.
    } finally {
      FloorAgiServer.closeCurrentConnection();
    }
  }

  /** Sends one command; false when the channel is dead (511). */
  private static boolean send(AgiChannel channel, String command) throws AgiException {
    return channel.sendCommand(new Raw(command)).getStatus() != 511;
  }

  private static String vnOf(AgiRequest request) {
    String dnid = request.getDnid();
    return dnid == null || dnid.isEmpty() || dnid.equals("unknown")
        ? request.getExtension()
        : dnid;
  }

  /** A command sent as written (Asterisk-Java's classes quote differently from the adapter). */
  private static final class Raw extends AbstractAgiCommand {
    private static final long serialVersionUID = 1L;
    private final String text;

    Raw(String text) {
      this.text = text;
    }

    @Override
    public String buildCommand() {
      return text;
    }
  }
}
