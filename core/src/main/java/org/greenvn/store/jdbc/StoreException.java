package org.greenvn.store.jdbc;

/**
 * The database failed (unreachable, full, corrupt): the operation may or may not have been done.
 */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
