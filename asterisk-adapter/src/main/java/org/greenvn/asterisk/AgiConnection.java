package org.greenvn.asterisk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * One FastAGI socket, as Asterisk-Java's reader and writer see it. It replaces Asterisk-Java's own
 * facade to bound what a peer can cost: a line longer than {@link #MAX_LINE_BYTES} ends the
 * connection (a peer that never sends a newline cannot grow the heap), reads time out, and the
 * bare {@code HANGUP} notice that Asterisk pushes at any moment is remembered here, since
 * Asterisk-Java's reader drops it silently.
 */
final class AgiConnection implements SocketConnectionFacade {

  /** Asterisk's longest lines are variable values; 8 KiB is far beyond any of them. */
  static final int MAX_LINE_BYTES = 8192;

  /**
   * Asterisk sends one {@code HANGUP} notice, and one more after the server's own HANGUP.
   * Asterisk-Java's reader recurses once per notice, so a peer that floods them would overflow
   * the stack; a run longer than this ends the connection instead.
   */
  static final int MAX_HANGUP_RUN = 8;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int readTimeoutMillis;
  // Our own buffer, scanned for '\n' a chunk at a time: reading the environment block byte by
  // byte through BufferedInputStream and ByteArrayOutputStream (a lock and a call per byte) was
  // the adapter's largest own cost per call (docs/benchmarks-history.md, section 3).
  private final byte[] buffer = new byte[1024];
  private int position;
  private int limit;
  private byte[] line = new byte[128];
  private int lineLength;
  private AgiWriter writer;
  private AgiReader reader;
  private int hangupRun;
  private volatile boolean hangupNoticed;
  private volatile boolean peerGone;
  private volatile boolean closed;

  AgiConnection(Socket socket, Duration readTimeout) throws IOException {
    this.socket = socket;
    this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(readTimeoutMillis);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Keeps Asterisk-Java's writer and reader of this socket, for {@link CallChannel}. */
  void attach(AgiWriter writer, AgiReader reader) {
    this.writer = writer;
    this.reader = reader;
  }

  AgiWriter writer() {
    return writer;
  }

  AgiReader reader() {
    return reader;
  }

  /**
   * Lets the next replies take up to {@code timeout} (0 = forever): a Dial or a prompt replies
   * when the call has moved on, not within the read timeout.
   */
  void awaitLongReply(Duration timeout) {
    setTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }

  /** Back to the read timeout for the next replies. */
  void awaitShortReply() {
    setTimeout(readTimeoutMillis);
  }

  private void setTimeout(int millis) {
    try {
      socket.setSoTimeout(millis);
    } catch (SocketException e) {
      peerGone = true;
    }
  }

  /** Whether Asterisk has pushed its {@code HANGUP} notice: the caller's channel is gone. */
  boolean hangupNoticed() {
    return hangupNoticed;
  }

  /** Whether the peer closed the socket, broke the protocol, or went silent too long. */
  boolean peerGone() {
    return peerGone;
  }

  @Override
  public String readLine() throws IOException {
    lineLength = 0;
    try {
      while (true) {
        if (position == limit) {
          int read = in.read(buffer, 0, buffer.length);
          if (read < 0) {
            peerGone = true;
            return lineLength == 0 ? null : text();
          }
          position = 0;
          limit = read;
        }
        int newline = position;
        while (newline < limit && buffer[newline] != '\n') {
          newline++;
        }
        append(position, newline - position);
        position = newline < limit ? newline + 1 : limit;
        if (newline < limit) {
          String text = text();
          if ("HANGUP".equals(text)) {
            hangupNoticed = true;
            if (++hangupRun > MAX_HANGUP_RUN) {
              peerGone = true;
              throw new IOException("More than " + MAX_HANGUP_RUN + " HANGUP lines in a row");
            }
          } else {
            hangupRun = 0;
          }
          return text;
        }
      }
    } catch (IOException e) {
      peerGone = true;
      throw e;
    }
  }

  /** Adds {@code length} bytes of the buffer to the line, within {@link #MAX_LINE_BYTES}. */
  private void append(int from, int length) throws IOException {
    if (lineLength + length > MAX_LINE_BYTES) {
      throw new IOException("AGI line longer than " + MAX_LINE_BYTES + " bytes");
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2,
          lineLength + length)));
    }
    System.arraycopy(buffer, from, line, lineLength, length);
    lineLength += length;
  }

  private String text() {
    int size = lineLength;
    if (size > 0 && line[size - 1] == '\r') {
      size--;
    }
    return new String(line, 0, size, StandardCharsets.UTF_8);
  }

  @Override
  public void write(String s) throws IOException {
    if (closed) {
      throw new IOException("AGI connection closed");
    }
    try {
      out.write(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      peerGone = true;
      throw e;
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      peerGone = true;
      throw e;
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that failed is not worth reporting: nothing is left to release.
    }
  }

  @Override
  public boolean isConnected() {
    return !closed && socket.isConnected();
  }

  @Override
  public InetAddress getLocalAddress() {
    return socket.getLocalAddress();
  }

  @Override
  public int getLocalPort() {
    return socket.getLocalPort();
  }

  @Override
  public InetAddress getRemoteAddress() {
    return socket.getInetAddress();
  }

  @Override
  public int getRemotePort() {
    return socket.getPort();
  }
}
