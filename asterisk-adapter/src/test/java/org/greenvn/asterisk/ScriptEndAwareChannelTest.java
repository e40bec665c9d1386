package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.junit.jupiter.api.Test;

/**
 * The channel Asterisk-Java hands our scripts: once the script has closed the socket, the
 * AJ_AGISTATUS that Asterisk-Java sets afterwards costs nothing (no command built or written);
 * while the socket is open, variables are set as before.
 */
class ScriptEndAwareChannelTest {

  @Test
  void setsNoVariableOnceTheScriptClosedTheSocket() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket peer = new Socket(server.getInetAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      AgiConnection connection = new AgiConnection(accepted, Duration.ofSeconds(2));
      List<String> sent = new ArrayList<>();
      AgiWriter writer = command -> sent.add(command.buildCommand());
      ScriptEndAwareChannel channel =
          new ScriptEndAwareChannel(request(), writer, failingReader(), connection);

      connection.close();
      channel.setVariable("AJ_AGISTATUS", "SUCCESS");

      assertThat(sent).isEmpty();
      assertThat(peer.isConnected()).isTrue();
    }
  }

  @Test
  void setsVariablesWhileTheSocketIsOpen() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket peer = new Socket(server.getInetAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      AgiConnection connection = new AgiConnection(accepted, Duration.ofSeconds(2));
      List<String> sent = new ArrayList<>();
      AgiWriter writer = command -> sent.add(command.buildCommand());
      ScriptEndAwareChannel channel =
          new ScriptEndAwareChannel(request(), writer, failingReader(), connection);

      // The writer records the command; the reader then fails as a dropped peer would.
      assertThatThrownBy(() -> channel.setVariable("AJ_AGISTATUS", "SUCCESS"))
          .isInstanceOf(AgiException.class);
      assertThat(sent).containsExactly("SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
      assertThat(peer.isConnected()).isTrue();
    }
  }

  private static AgiReader failingReader() {
    return new AgiReader() {
      @Override
      public AgiRequest readRequest() throws AgiException {
        throw new AgiException("no request in this test");
      }

      @Override
      public AgiReply readReply() throws AgiException {
        throw new AgiException("the peer is gone");
      }
    };
  }

  /** A request that answers Asterisk 22 for the version and nothing for the rest. */
  private static AgiRequest request() {
    return (AgiRequest)
        Proxy.newProxyInstance(
            AgiRequest.class.getClassLoader(),
            new Class<?>[] {AgiRequest.class},
            (proxy, method, args) ->
                method.getName().equals("getAsteriskVersion")
                    ? AsteriskVersion.getDetermineVersionFromString("Asterisk 22.10.1")
                    : null);
  }
}
