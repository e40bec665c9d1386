package org.greenvn.inventory;

import java.util.Locale;
import java.util.Optional;

/** The telecom regions (circles) a virtual number can belong to, as the GreenVN API names them. */
public enum Region {
  /** Delhi. */
  DL,
  /** Mumbai. */
  MU,
  /** Maharashtra and Goa, without Mumbai. */
  MH,
  /** West Bengal, Sikkim, Andaman and Nicobar. */
  WB,
  /** Andhra Pradesh and Telangana. */
  AP,
  /** Tamil Nadu and Puducherry. */
  TN,
  /** Gujarat, Daman, Dadra and Nagar Haveli. */
  GJ,
  /** Karnataka. */
  KA,
  /** Kerala and Lakshadweep. */
  KL,
  /** Rajasthan. */
  RJ,
  /** Madhya Pradesh and Chhattisgarh. */
  MP;

  /** The region with this code (case-insensitive), or empty when the region is not supported. */
  public static Optional<Region> parse(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String upper = code.strip().toUpperCase(Locale.ROOT);
    for (Region region : values()) {
      if (region.name().equals(upper)) {
        return Optional.of(region);
      }
    }
    return Optional.empty();
  }
}
