package org.greenvn.asterisk;

/** The FastAGI peer closed the socket, broke the protocol or went silent: the script must end. */
final class PeerGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PeerGoneException(String message, Throwable cause) {
    super(message, cause);
  }
}
