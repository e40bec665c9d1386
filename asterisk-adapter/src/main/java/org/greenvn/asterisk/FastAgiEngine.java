package org.greenvn.asterisk;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Asterisk-Java's {@link DefaultAgiServer} with its two seams filled: the sockets are ours
 * ({@link AgiConnection}: bounded lines, timeouts, the {@code HANGUP} notice), and so is the
 * executor (virtual threads on Java 21+, see {@link CallExecutors}). The accept loop, request
 * parsing, script mapping and command plumbing stay Asterisk-Java's.
 */
final class FastAgiEngine extends DefaultAgiServer {

  private static final ThreadLocal<AgiConnection> CURRENT = new ThreadLocal<>();

  private final Acceptor acceptor;
  private final ExecutorService executor;
  private final Set<AgiConnection> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger running = new AtomicInteger();
  private volatile boolean stopping;

  FastAgiEngine(
      MappingStrategy scripts, ServerSocket bound, Duration readTimeout, ExecutorService executor) {
    // The channel factory also hands the socket's writer and reader to the call's connection:
    // CallChannel talks through them directly, because AgiChannelImpl.sendCommand is
    // synchronized, and blocking in Dial inside a monitor pins a virtual thread's carrier on
    // Java 21 to 23.
    super(null, scripts, (request, writer, reader) -> {
      AgiConnection connection = currentConnection();
      connection.attach(writer, reader);
      return new ScriptEndAwareChannel(request, writer, reader, connection);
    });
    setPort(bound.getLocalPort()); // only for Asterisk-Java's "Listening on" log line
    this.acceptor = new Acceptor(bound, readTimeout);
    this.executor = executor;
  }

  /** The connection of the call running on this thread. */
  static AgiConnection currentConnection() {
    AgiConnection connection = CURRENT.get();
    if (connection == null) {
      throw new IllegalStateException("No FastAGI connection on this thread");
    }
    return connection;
  }

  @Override
  protected ServerSocketFacade createServerSocket() {
    return acceptor;
  }

  @Override
  protected void execute(Runnable handler) {
    // DefaultAgiServer calls accept() and then execute() on its one accept thread, so the
    // connection just accepted is the one this handler serves.
    AgiConnection connection = acceptor.lastAccepted;
    acceptor.lastAccepted = null;
    if (stopping || connection == null) {
      if (connection != null) {
        connection.close();
      }
      return;
    }
    open.add(connection);
    try {
      executor.execute(
          () -> {
            running.incrementAndGet();
            CURRENT.set(connection);
            try {
              handler.run();
            } finally {
              CURRENT.remove();
              connection.close();
              open.remove(connection);
              running.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      open.remove(connection);
      throw e; // DefaultAgiServer logs it and releases (closes) the connection
    }
  }

  /** Calls whose script is running. */
  int runningCalls() {
    return running.get();
  }

  /** Connections accepted and not yet closed. */
  int openConnections() {
    return open.size();
  }

  /** Stops accepting; calls in progress go on. */
  void stopAccepting() {
    stopping = true;
    shutdown();
    try {
      acceptor.close(); // in case the accept loop had not yet taken the socket from us
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** Closes every open connection: their scripts end at their next read or write. */
  void closeAll() {
    open.forEach(AgiConnection::close);
  }

  /** The server socket, bound before the accept loop starts so that the port is known. */
  private static final class Acceptor implements ServerSocketFacade {
    private final ServerSocket server;
    private final Duration readTimeout;
    private AgiConnection lastAccepted;

    Acceptor(ServerSocket server, Duration readTimeout) {
      this.server = server;
      this.readTimeout = readTimeout;
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
      Socket socket = server.accept();
      try {
        lastAccepted = new AgiConnection(socket, readTimeout);
        return lastAccepted;
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }

    @Override
    public void setSocketReadTimeout(int timeout) {
      // The read timeout is ours (see AgiConnection); Asterisk-Java's setting is not used.
    }
  }
}
