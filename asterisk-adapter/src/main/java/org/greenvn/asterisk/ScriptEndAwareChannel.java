package org.greenvn.asterisk;

import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;

/**
 * Asterisk-Java's channel, except that it sets no variable once our script has closed the socket.
 * After every script Asterisk-Java sets {@code AJ_AGISTATUS}; our scripts close the socket first
 * (Asterisk holds the channel until then), so that command can only fail: it still parsed the
 * Asterisk version, quoted the value with regular expressions and built two exceptions with their
 * stack traces, about a seventh of the server's Java CPU samples per dialplan-driven call
 * (docs/benchmarks-history.md, section 3). Our scripts never use this channel to send commands (see
 * {@link CallChannel}), so nothing else changes.
 */
final class ScriptEndAwareChannel extends AgiChannelImpl {

  private final AgiConnection connection;

  ScriptEndAwareChannel(
      AgiRequest request, AgiWriter writer, AgiReader reader, AgiConnection connection) {
    super(request, writer, reader);
    this.connection = connection;
  }

  @Override
  public void setVariable(String name, String value) throws AgiException {
    if (!connection.isConnected()) {
      return; // the script closed the socket: nobody is left to set it on
    }
    super.setVariable(name, value);
  }
}
