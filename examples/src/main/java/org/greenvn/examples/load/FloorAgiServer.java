package org.greenvn.examples.load;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.greenvn.concurrent.Threads;

/**
 * Asterisk-Java's {@code DefaultAgiServer} with a chosen thread model. Its extension points are
 * the protected {@code execute(Runnable)}, which every accepted connection goes through (here: a
 * virtual thread per call, or the pool), and the pool sizes ({@code setPoolSize},
 * {@code setMaximumPoolSize}) that its default {@code createPool()} reads: a
 * {@code ThreadPoolExecutor} of core..max threads on a {@code SynchronousQueue}, so a call beyond
 * max is rejected and its socket closed. It also counts calls in progress and refused.
 */
final class FloorAgiServer extends DefaultAgiServer {

  private static final ThreadLocal<CallSocket> CURRENT = new ThreadLocal<>();

  private final ExecutorService virtualThreads;
  private SocketConnectionFacade lastAccepted;
  private final Gauge active = new Gauge();
  private final LongAdder served = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final CountDownLatch listening = new CountDownLatch(1);

  FloorAgiServer(AgiScript script, ThreadModel model) {
    super(
        null,
        (request, channel) -> script,
        (request, writer, reader) -> new FloorChannel(request, writer, reader, CURRENT.get()));
    if (model.kind() == ThreadModel.Kind.VIRTUAL) {
      this.virtualThreads =
          Threads.virtualThreadPerTaskExecutor()
              .orElseThrow(() -> new LoadOptionException("virtual threads need JDK 21+"));
    } else {
      this.virtualThreads = null;
      // The setters check max >= core against the current values: order them so each holds.
      if (model.maxThreads() >= getPoolSize()) {
        setMaximumPoolSize(model.maxThreads());
        setPoolSize(model.coreThreads());
      } else {
        setPoolSize(model.coreThreads());
        setMaximumPoolSize(model.maxThreads());
      }
    }
  }

  @Override
  protected ServerSocketFacade createServerSocket() throws IOException {
    ServerSocketFacade socket = super.createServerSocket();
    listening.countDown();
    return new ServerSocketFacade() {
      @Override
      public SocketConnectionFacade accept() throws IOException {
        lastAccepted = socket.accept();
        return lastAccepted;
      }

      @Override
      public void close() throws IOException {
        socket.close();
      }

      @Override
      public void setSocketReadTimeout(int timeout) {
        socket.setSocketReadTimeout(timeout);
      }
    };
  }

  /**
   * Closes the socket of the call running on this thread, as the adapter does when its script
   * ends: Asterisk-Java then skips (fails and ignores) its own {@code AJ_AGISTATUS} command.
   */
  static void closeCurrentConnection() {
    CallSocket connection = CURRENT.get();
    if (connection != null) {
      connection.closed = true;
      try {
        connection.socket.close();
      } catch (IOException e) {
        // Already closed by the peer: nothing left to release.
      }
    }
  }

  /** A call's socket, and whether its script closed it. */
  static final class CallSocket {
    final SocketConnectionFacade socket;
    volatile boolean closed;

    CallSocket(SocketConnectionFacade socket) {
      this.socket = socket;
    }
  }

  /**
   * Asterisk-Java's channel, setting no variable once the script closed the socket: as the
   * adapter's, so that the AJ_AGISTATUS Asterisk-Java sets after each script costs neither of
   * them anything once the socket is gone (it only failed, through two exceptions).
   */
  private static final class FloorChannel extends AgiChannelImpl {
    private final CallSocket socket;

    FloorChannel(AgiRequest request, AgiWriter writer, AgiReader reader, CallSocket socket) {
      super(request, writer, reader);
      this.socket = socket;
    }

    @Override
    public void setVariable(String name, String value) throws AgiException {
      if (socket != null && socket.closed) {
        return;
      }
      super.setVariable(name, value);
    }
  }

  @Override
  protected void execute(Runnable connectionHandler) {
    // DefaultAgiServer accepts and then calls execute() on its one accept thread, so the
    // connection accepted last is the one this handler serves.
    CallSocket connection = lastAccepted == null ? null : new CallSocket(lastAccepted);
    lastAccepted = null;
    Runnable counted =
        () -> {
          active.enter();
          CURRENT.set(connection);
          try {
            connectionHandler.run();
          } finally {
            CURRENT.remove();
            active.exit();
            served.increment();
          }
        };
    try {
      if (virtualThreads != null) {
        virtualThreads.execute(counted);
      } else {
        super.execute(counted);
      }
    } catch (RejectedExecutionException e) {
      rejected.increment();
      throw e;
    }
  }

  @Override
  public synchronized void shutdown() {
    super.shutdown();
    if (virtualThreads != null) {
      virtualThreads.shutdown();
    }
  }

  CountDownLatch listening() {
    return listening;
  }

  Gauge active() {
    return active;
  }

  long served() {
    return served.sum();
  }

  long rejected() {
    return rejected.sum();
  }
}
