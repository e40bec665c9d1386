package org.greenvn.examples.load;

/**
 * A load-bench option or scenario spec that cannot be used: a non-loopback target, a malformed
 * duration, an unknown scenario name. The message names the option and the offending value.
 */
public final class LoadOptionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, naming the option
   */
  public LoadOptionException(String message) {
    super(message);
  }
}
