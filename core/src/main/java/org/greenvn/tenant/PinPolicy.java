package org.greenvn.tenant;

import java.time.Duration;
import java.util.Objects;

/**
 * How wrong PINs are punished across calls.
 *
 * <p>One caller who keys {@code lockoutThreshold} wrong PINs on one virtual number within
 * {@code lockoutWindow} is refused on that number for {@code lockoutDuration}. A virtual number
 * that receives {@code throttleThreshold} wrong PINs from any callers within
 * {@code throttleWindow} prompts no unknown caller for {@code throttleDuration} (known callers
 * still get through): that stops a PIN-guessing attack spread over many caller ids.
 *
 * @param lockoutThreshold wrong PINs that lock a (caller, number) pair out
 * @param lockoutWindow the window they are counted in
 * @param lockoutDuration how long the lock-out lasts
 * @param throttleThreshold wrong PINs on one number that throttle it
 * @param throttleWindow the window they are counted in
 * @param throttleDuration how long the throttle lasts
 */
public record PinPolicy(
    int lockoutThreshold,
    Duration lockoutWindow,
    Duration lockoutDuration,
    int throttleThreshold,
    Duration throttleWindow,
    Duration throttleDuration) {

  /** Checks the values. */
  public PinPolicy {
    if (lockoutThreshold < 1 || throttleThreshold < 1) {
      throw new IllegalArgumentException("Thresholds must be at least 1");
    }
    for (Duration d :
        new Duration[] {
          lockoutWindow, lockoutDuration, throttleWindow, throttleDuration
        }) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Durations must be positive: " + d);
      }
    }
  }

  /**
   * Five wrong PINs by one caller on one number within an hour lock that pair out for an hour;
   * fifty on one number within ten minutes throttle it for ten minutes.
   */
  public static PinPolicy defaults() {
    return new PinPolicy(
        5, Duration.ofHours(1), Duration.ofHours(1), 50, Duration.ofMinutes(10),
        Duration.ofMinutes(10));
  }
}
