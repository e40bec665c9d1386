package org.greenvn.allocation;

/**
 * A store refused a replace because the allocation changed since it was read. Nothing was
 * written; read it again and retry.
 */
public final class StaleAllocationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A stale write of the allocation with this id. */
  public StaleAllocationException(String greenvnId) {
    super("Allocation changed concurrently: " + greenvnId);
  }
}
