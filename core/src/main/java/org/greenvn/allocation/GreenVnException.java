package org.greenvn.allocation;

import java.util.Objects;

/**
 * A request the engine refuses, with the spec's error code. The operation that threw it changed
 * nothing.
 */
public final class GreenVnException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * A refusal.
   *
   * @param code the spec's error code
   * @param message what was wrong, for the API client; never contains a PIN or a secret
   */
  public GreenVnException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The spec's error code. */
  public ErrorCode code() {
    return code;
  }
}
