package org.greenvn.examples.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A FastAGI server for tests that sends a fixed list of commands, one after each reply, and
 * records every line Asterisk (here: the load tool) sent, environment block included.
 */
final class ScriptedAgiServer implements AutoCloseable {

  private final ServerSocket listener;
  private final CompletableFuture<Exchange> exchange = new CompletableFuture<>();

  /** What one connection carried. */
  record Exchange(List<String> environment, List<String> received) {}

  ScriptedAgiServer(List<String> commands) throws IOException {
    listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
    Thread thread = new Thread(() -> serve(commands), "scripted-agi");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void serve(List<String> commands) {
    try (Socket socket = listener.accept()) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      List<String> environment = new ArrayList<>();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        environment.add(line);
      }
      List<String> received = new ArrayList<>();
      for (String command : commands) {
        out.write((command + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String reply = in.readLine();
        // A HANGUP notice may come before the reply to the next command: keep reading.
        while ("HANGUP".equals(reply)) {
          received.add(reply);
          reply = in.readLine();
        }
        received.add(reply);
        while (reply != null && reply.startsWith("520-")) {
          reply = in.readLine();
          received.add(reply);
          if (reply != null && reply.startsWith("520 ")) {
            break;
          }
        }
      }
      socket.shutdownOutput();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        received.add(line);
      }
      exchange.complete(new Exchange(environment, received));
    } catch (IOException | RuntimeException e) {
      exchange.completeExceptionally(e);
    }
  }

  Exchange exchange() throws Exception {
    return exchange.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
