package org.greenvn.examples.load;

import java.util.Locale;

/**
 * What the simulated caller and the simulated far end do in one call. The names on the command
 * line are the lower-case, dash-separated forms ({@code pin-right}).
 */
public enum ScenarioKind {
  /** A known caller; the party answers and talks for the hold time; Dial says ANSWER. */
  BRIDGED(true),
  /** A known caller; the party is busy: Dial returns at once with BUSY. */
  BUSY(true),
  /** A known caller; the party rings for the hold time and Dial says NOANSWER. */
  NO_ANSWER(true),
  /** An unknown caller who keys the allocation's right PIN at the first GET DATA. */
  PIN_RIGHT(false),
  /**
   * An unknown caller who gets it wrong: a wrong PIN, then two digits and a timeout, then nothing
   * (the three answers of {@code pin-prompt-wrong.txt}).
   */
  PIN_WRONG(false),
  /**
   * A known caller who hangs up at the first Dial or GET DATA (after the hold time): the command
   * answers {@code result=-1}, a bare {@code HANGUP} line follows, and later channel commands get
   * 511.
   */
  CALLER_HANGUP(true);

  private final boolean knownCaller;

  ScenarioKind(boolean knownCaller) {
    this.knownCaller = knownCaller;
  }

  /** Whether the call comes from the allocation's known caller (else from its unknown one). */
  public boolean knownCaller() {
    return knownCaller;
  }

  /** The command-line name, e.g. {@code caller-hangup}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a command-line name.
   *
   * @throws LoadOptionException for an unknown name
   */
  public static ScenarioKind fromCliName(String name) {
    for (ScenarioKind kind : values()) {
      if (kind.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new LoadOptionException(
        "unknown scenario '" + name + "'; known: bridged, busy, no-answer, pin-right, pin-wrong,"
            + " caller-hangup");
  }
}
