package org.greenvn.inventory;

import java.util.Objects;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;

/**
 * What an allocation asks of its virtual number, in order of priority: a specific number, a
 * region, a type.
 *
 * @param number a specific number, if asked for
 * @param region a region, if asked for (directly or through a PIN code)
 * @param type a number type, if asked for
 * @param strict whether every preference must hold; otherwise the number satisfying the most
 *     preferences (ties by priority) is chosen
 */
public record VnCriteria(
    Optional<PhoneNumber> number,
    Optional<Region> region,
    Optional<NumberType> type,
    boolean strict) {

  /** Checks that no component is null. */
  public VnCriteria {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(type, "type");
  }

  /** No preference: any free number. */
  public static VnCriteria any() {
    return new VnCriteria(Optional.empty(), Optional.empty(), Optional.empty(), false);
  }
}
