package org.greenvn.allocation;

import java.util.Locale;
import java.util.Optional;

/** Who may call whom through an allocation. */
public enum Usage {
  /** Only A-party callers reach the B party. */
  ONEWAY("oneway"),
  /** Both parties reach each other. */
  TWOWAY("twoway");

  private final String wireName;

  Usage(String wireName) {
    this.wireName = wireName;
  }

  /** The API's name: {@code oneway} or {@code twoway}. */
  public String wireName() {
    return wireName;
  }

  /** The usage with this API name (case-insensitive), or empty. */
  public static Optional<Usage> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (Usage usage : values()) {
      if (usage.wireName.equals(lower)) {
        return Optional.of(usage);
      }
    }
    return Optional.empty();
  }
}
