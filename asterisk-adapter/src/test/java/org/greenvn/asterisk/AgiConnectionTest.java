package org.greenvn.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a connection cuts the peer's bytes into lines, whatever chunks they arrive in. */
class AgiConnectionTest {

  @Test
  void linesSpanningReadsAreJoinedAndTheirCarriageReturnDropped() throws Exception {
    String longValue = "x".repeat(3_000); // longer than the 1 KiB read buffer
    try (Pair pair = new Pair()) {
      pair.send("agi_network: yes\r\nagi_request: " + longValue + "\n\nHANG");
      pair.send("UP\n200 result=1 (caf\u00e9)\nlast without newline");
      pair.peer.shutdownOutput();

      assertThat(pair.connection.readLine()).isEqualTo("agi_network: yes");
      assertThat(pair.connection.readLine()).isEqualTo("agi_request: " + longValue);
      assertThat(pair.connection.readLine()).isEmpty();
      assertThat(pair.connection.readLine()).isEqualTo("HANGUP");
      assertThat(pair.connection.hangupNoticed()).isTrue();
      assertThat(pair.connection.readLine()).isEqualTo("200 result=1 (caf\u00e9)");
      assertThat(pair.connection.readLine()).isEqualTo("last without newline");
      assertThat(pair.connection.readLine()).isNull();
      assertThat(pair.connection.peerGone()).isTrue();
    }
  }

  @Test
  void aLineOfExactlyTheLimitPassesAndOneByteMoreEndsTheConnection() throws Exception {
    try (Pair pair = new Pair()) {
      pair.send("a".repeat(AgiConnection.MAX_LINE_BYTES) + "\n");
      pair.send("b".repeat(AgiConnection.MAX_LINE_BYTES + 1) + "\n");

      assertThat(pair.connection.readLine()).hasSize(AgiConnection.MAX_LINE_BYTES);
      assertThatThrownBy(pair.connection::readLine)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("longer than " + AgiConnection.MAX_LINE_BYTES);
      assertThat(pair.connection.peerGone()).isTrue();
    }
  }

  /** A loopback socket pair: our connection on one end, the test's peer on the other. */
  private static final class Pair implements AutoCloseable {
    final ServerSocket server;
    final Socket peer;
    final Socket accepted;
    final AgiConnection connection;

    Pair() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      peer = new Socket(server.getInetAddress(), server.getLocalPort());
      accepted = server.accept();
      connection = new AgiConnection(accepted, Duration.ofSeconds(5));
    }

    void send(String text) throws IOException {
      OutputStream out = peer.getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      connection.close();
      peer.close();
      server.close();
    }
  }
}
