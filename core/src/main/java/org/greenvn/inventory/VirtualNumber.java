package org.greenvn.inventory;

import java.util.Objects;
import org.greenvn.phone.PhoneNumber;

/**
 * One number of a tenant's pool.
 *
 * @param number the number callers dial, E.164
 * @param region the region it belongs to
 * @param type mobile or landline
 * @param enabled whether new allocations may use it; allocations already on it keep routing
 */
public record VirtualNumber(PhoneNumber number, Region region, NumberType type, boolean enabled) {

  /** Checks that no component is null. */
  public VirtualNumber {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(type, "type");
  }

  /** An enabled virtual number. */
  public static VirtualNumber of(String e164, Region region, NumberType type) {
    return new VirtualNumber(PhoneNumber.of(e164), region, type, true);
  }

  /** This number, disabled for new allocations. */
  public VirtualNumber disabled() {
    return new VirtualNumber(number, region, type, false);
  }
}
