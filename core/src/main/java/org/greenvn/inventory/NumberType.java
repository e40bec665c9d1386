package org.greenvn.inventory;

import java.util.Locale;
import java.util.Optional;

/** Whether a virtual number is a mobile or a landline number. */
public enum NumberType {
  /** A mobile number. */
  MOBILE("mobile"),
  /** A landline (fixed) number. */
  LANDLINE("landline");

  private final String wireName;

  NumberType(String wireName) {
    this.wireName = wireName;
  }

  /** The name the API uses: {@code mobile} or {@code landline}. */
  public String wireName() {
    return wireName;
  }

  /** The type with this API name (case-insensitive), or empty. */
  public static Optional<NumberType> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (NumberType type : values()) {
      if (type.wireName.equals(lower)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
