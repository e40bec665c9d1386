package org.greenvn.phone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a caller id as a PBX delivers it into a {@link PhoneNumber}, reading numbers without a
 * country code as numbers of a default region.
 *
 * <p>With the default region {@code IN}, {@code +919876543210}, {@code 919876543210},
 * {@code 09876543210} and {@code 9876543210} all give {@code +919876543210}. Withheld and
 * missing caller ids ({@code anonymous}, {@code unknown}, {@code restricted}, empty, ...) give an
 * empty result: the caller is unknown. Results are cached, since the same callers call again.
 *
 * <p>Thread-safe.
 */
public final class CallerIdNormalizer {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Set<String> WITHHELD =
      Set.of("anonymous", "unknown", "restricted", "private", "unavailable", "withheld");
  private static final Optional<PhoneNumber> UNKNOWN = Optional.empty();

  private final String defaultRegion;
  private final Cache<String, Optional<PhoneNumber>> cache;

  private CallerIdNormalizer(String defaultRegion, long cacheSize) {
    this.defaultRegion = defaultRegion;
    this.cache = cacheSize > 0 ? Caffeine.newBuilder().maximumSize(cacheSize).build() : null;
  }

  /**
   * A normalizer for a region, with a cache of 100,000 caller ids.
   *
   * @param defaultRegion ISO 3166 region code used for numbers without a country code, e.g.
   *     {@code IN}
   * @throws IllegalArgumentException if libphonenumber does not know the region
   */
  public static CallerIdNormalizer forRegion(String defaultRegion) {
    return forRegion(defaultRegion, 100_000);
  }

  /** As {@link #forRegion(String)}, with a cache of {@code cacheSize} entries (0: no cache). */
  public static CallerIdNormalizer forRegion(String defaultRegion, long cacheSize) {
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    String region = defaultRegion.toUpperCase(Locale.ROOT);
    if (!UTIL.getSupportedRegions().contains(region)) {
      throw new IllegalArgumentException("Unknown phone region: " + defaultRegion);
    }
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize must not be negative: " + cacheSize);
    }
    return new CallerIdNormalizer(region, cacheSize);
  }

  /** The region read for numbers without a country code. */
  public String defaultRegion() {
    return defaultRegion;
  }

  /**
   * The canonical number of a caller id, or empty when the caller id is withheld, missing or not
   * a possible telephone number.
   */
  public Optional<PhoneNumber> normalize(String callerId) {
    if (callerId == null) {
      return UNKNOWN;
    }
    String text = callerId.strip();
    if (text.isEmpty()) {
      return UNKNOWN;
    }
    return cache == null ? parse(text) : cache.get(text, this::parse);
  }

  private Optional<PhoneNumber> parse(String text) {
    if (WITHHELD.contains(text.toLowerCase(Locale.ROOT))) {
      return UNKNOWN;
    }
    try {
      String candidate = text.startsWith("00") ? "+" + text.substring(2) : text;
      Phonenumber.PhoneNumber parsed = UTIL.parse(candidate, defaultRegion);
      if (!UTIL.isPossibleNumber(parsed)) {
        return UNKNOWN;
      }
      return Optional.of(
          new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164)));
    } catch (NumberParseException | IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
