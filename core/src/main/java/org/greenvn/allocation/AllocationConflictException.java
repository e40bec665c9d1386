package org.greenvn.allocation;

import java.util.Objects;
import org.greenvn.phone.PhoneNumber;

/**
 * A store refused a write because another active allocation holds what it needs. Nothing was
 * written.
 */
public final class AllocationConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What was already held. */
  public enum Kind {
    /** The tenant's connection id. */
    CONNECTION_ID,
    /** A number on the virtual number. */
    NUMBER,
    /** A PIN on the virtual number. */
    PIN
  }

  private final Kind kind;
  private final transient PhoneNumber greenvn;

  /**
   * A conflict.
   *
   * @param kind what was held
   * @param greenvn the virtual number it was held on
   */
  public AllocationConflictException(Kind kind, PhoneNumber greenvn) {
    super(kind + " already held on " + greenvn);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.greenvn = Objects.requireNonNull(greenvn, "greenvn");
  }

  /** What was held. */
  public Kind kind() {
    return kind;
  }

  /** The virtual number it was held on. */
  public PhoneNumber greenvn() {
    return greenvn;
  }
}
