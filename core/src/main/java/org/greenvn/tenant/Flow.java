package org.greenvn.tenant;

import java.time.Duration;
import java.util.Objects;

/**
 * A call flow: how calls through an allocation are handled. An allocation names its flow with
 * {@code flow_id}; without one it gets its tenant's default flow.
 *
 * @param id the flow's identifier
 * @param pinAttempts wrong PINs allowed in one call before it is rejected
 * @param pinMaxDigits digits collected for a PIN (collection also ends on '#' or the timeout)
 * @param pinTimeout how long to wait for the PIN's digits
 * @param ringTimeout how long the other party rings
 * @param ringStrategy how several numbers of a party are rung
 * @param record whether bridged calls are recorded
 * @param prompts the sounds played
 */
public record Flow(
    String id,
    int pinAttempts,
    int pinMaxDigits,
    Duration pinTimeout,
    Duration ringTimeout,
    RingStrategy ringStrategy,
    boolean record,
    Prompts prompts) {

  /** The id of the flow a tenant gets when it configures none. */
  public static final String DEFAULT_ID = "default";

  /** Checks the values. */
  public Flow {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("A flow id must not be blank");
    }
    if (pinAttempts < 1) {
      throw new IllegalArgumentException("pinAttempts must be at least 1: " + pinAttempts);
    }
    if (pinMaxDigits < 1 || pinMaxDigits > 9) {
      throw new IllegalArgumentException("pinMaxDigits must be 1 to 9: " + pinMaxDigits);
    }
    requirePositive(pinTimeout, "pinTimeout");
    requirePositive(ringTimeout, "ringTimeout");
    Objects.requireNonNull(ringStrategy, "ringStrategy");
    Objects.requireNonNull(prompts, "prompts");
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }

  /**
   * A flow with the defaults: 3 PIN attempts of up to 6 digits (the spec's advice; a caller ends
   * a shorter PIN with '#' or the timeout) with 5 s to key them, 30 s of simultaneous ringing, no
   * recording, Asterisk's stock prompts.
   */
  public static Flow withDefaults(String id) {
    return new Flow(
        id, 3, 6, Duration.ofSeconds(5), Duration.ofSeconds(30), RingStrategy.SIMULTANEOUS, false,
        Prompts.defaults());
  }

  /** This flow with another number of PIN attempts per call. */
  public Flow withPinAttempts(int attempts) {
    return new Flow(
        id, attempts, pinMaxDigits, pinTimeout, ringTimeout, ringStrategy, record, prompts);
  }

  /** This flow collecting up to this many PIN digits. */
  public Flow withPinMaxDigits(int digits) {
    return new Flow(
        id, pinAttempts, digits, pinTimeout, ringTimeout, ringStrategy, record, prompts);
  }

  /** This flow with another ring timeout. */
  public Flow withRingTimeout(Duration timeout) {
    return new Flow(
        id, pinAttempts, pinMaxDigits, pinTimeout, timeout, ringStrategy, record, prompts);
  }

  /** This flow with another ring strategy. */
  public Flow withRingStrategy(RingStrategy strategy) {
    return new Flow(
        id, pinAttempts, pinMaxDigits, pinTimeout, ringTimeout, strategy, record, prompts);
  }

  /** This flow recording bridged calls, or not. */
  public Flow withRecording(boolean enabled) {
    return new Flow(
        id, pinAttempts, pinMaxDigits, pinTimeout, ringTimeout, ringStrategy, enabled, prompts);
  }

  /** This flow with other prompts. */
  public Flow withPrompts(Prompts newPrompts) {
    return new Flow(
        id, pinAttempts, pinMaxDigits, pinTimeout, ringTimeout, ringStrategy, record, newPrompts);
  }
}
