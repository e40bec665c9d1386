package org.greenvn.examples.load;

import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 response from the bytes received so far on a keep-alive connection: the
 * status, where the body is, and whether the server closes the connection after it. Bodies must
 * have a {@code Content-Length} (the JDK server sends one whenever the length is known, as both
 * the API and the floor do); a chunked or unbounded body is a protocol error, so a change of
 * framing on the server is seen rather than misread.
 */
final class HttpResponseParser {

  /** A malformed or unsupported response. */
  static final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
      super(message);
    }
  }

  /**
   * A whole response in {@code buffer[0, length)}.
   *
   * @param status the status code
   * @param bodyOffset where the body starts
   * @param length where the response ends (bytes after it belong to the next one)
   * @param close whether the server said {@code Connection: close}
   */
  record Response(int status, int bodyOffset, int length, boolean close) {}

  private static final int MAX_HEAD = 16 * 1024;
  private static final byte[] ID_FIELD = "\"greenvn_id\":\"".getBytes(StandardCharsets.US_ASCII);

  private HttpResponseParser() {}

  /**
   * The response at the start of {@code buffer[0, available)}, or null while it is incomplete.
   *
   * @throws ProtocolException if the head is malformed, longer than 16 KiB, or the body is not
   *     framed by {@code Content-Length}
   */
  static Response parse(byte[] buffer, int available) throws ProtocolException {
    int headEnd = indexOf(buffer, 0, available, new byte[] {'\r', '\n', '\r', '\n'});
    if (headEnd < 0) {
      if (available > MAX_HEAD) {
        throw new ProtocolException("response head longer than " + MAX_HEAD + " bytes");
      }
      return null;
    }
    String head = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n", -1);
    String statusLine = lines[0];
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12
        || statusLine.charAt(8) != ' ') {
      throw new ProtocolException("bad status line: " + abbreviate(statusLine));
    }
    int status;
    try {
      status = Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad status line: " + abbreviate(statusLine));
    }
    long contentLength = -1;
    boolean close = statusLine.startsWith("HTTP/1.0");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("bad header line: " + abbreviate(line));
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        try {
          contentLength = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new ProtocolException("bad Content-Length: " + abbreviate(value));
        }
        if (contentLength < 0) {
          throw new ProtocolException("negative Content-Length: " + contentLength);
        }
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        throw new ProtocolException("Transfer-Encoding " + abbreviate(value) + " not supported");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    boolean bodiless = status / 100 == 1 || status == 204 || status == 304;
    if (contentLength < 0) {
      if (!bodiless) {
        throw new ProtocolException("response of status " + status + " has no Content-Length");
      }
      contentLength = 0;
    }
    int bodyOffset = headEnd + 4;
    long end = bodyOffset + contentLength;
    if (end > Integer.MAX_VALUE - 8) {
      throw new ProtocolException("body too large: " + contentLength);
    }
    if (available < end) {
      return null;
    }
    return new Response(status, bodyOffset, (int) end, close);
  }

  /**
   * The value of the first {@code "greenvn_id":"..."} in {@code buffer[from, to)}, as the API
   * writes it (compact JSON), or null if there is none.
   */
  static String greenvnId(byte[] buffer, int from, int to) {
    int at = indexOf(buffer, from, to, ID_FIELD);
    if (at < 0) {
      return null;
    }
    int start = at + ID_FIELD.length;
    for (int i = start; i < to; i++) {
      byte b = buffer[i];
      if (b == '"') {
        return i == start ? null : new String(buffer, start, i - start, StandardCharsets.US_ASCII);
      }
      if (b == '\\' || b < 0x20) {
        return null; // ids are plain ASCII: an escape means this is not one
      }
    }
    return null;
  }

  /** Where {@code needle} starts in {@code buffer[from, to)}, or -1. */
  static int indexOf(byte[] buffer, int from, int to, byte[] needle) {
    int last = to - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buffer[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
