package org.greenvn.allocation;

import java.util.Objects;
import java.util.Optional;

/**
 * The preferences of an allocation request, as the client sent them: a specific number, a region,
 * a PIN code, a number type. They are checked when the request is served, so that a bad value gets
 * its spec error code (16 for a bad number, 15 for an unsupported region, 5 otherwise).
 */
public final class Preferences {

  private static final Preferences NONE = new Builder().build();

  private final String greenvn;
  private final String region;
  private final String pinCode;
  private final String type;

  private Preferences(Builder builder) {
    this.greenvn = builder.greenvn;
    this.region = builder.region;
    this.pinCode = builder.pinCode;
    this.type = builder.type;
  }

  /** No preference. */
  public static Preferences none() {
    return NONE;
  }

  /** A builder of preferences. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number asked for, E.164. */
  public Optional<String> greenvn() {
    return Optional.ofNullable(greenvn);
  }

  /** The region asked for, e.g. {@code KA}. */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** The PIN code whose region is asked for, e.g. {@code 560041}. */
  public Optional<String> pinCode() {
    return Optional.ofNullable(pinCode);
  }

  /** The number type asked for: {@code mobile} or {@code landline}. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** Whether no preference is given. */
  public boolean isEmpty() {
    return greenvn == null && region == null && pinCode == null && type == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Preferences p
        && Objects.equals(greenvn, p.greenvn)
        && Objects.equals(region, p.region)
        && Objects.equals(pinCode, p.pinCode)
        && Objects.equals(type, p.type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(greenvn, region, pinCode, type);
  }

  @Override
  public String toString() {
    return "Preferences[greenvn=" + greenvn + ", region=" + region + ", pinCode=" + pinCode
        + ", type=" + type + "]";
  }

  /** Builds {@link Preferences}; every field is optional. */
  public static final class Builder {
    private String greenvn;
    private String region;
    private String pinCode;
    private String type;

    private Builder() {}

    /** Asks for this number. */
    public Builder greenvn(String e164) {
      this.greenvn = e164;
      return this;
    }

    /** Asks for a number of this region. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Asks for a number of the region serving this PIN code. */
    public Builder pinCode(String pinCode) {
      this.pinCode = pinCode;
      return this;
    }

    /** Asks for a number of this type: {@code mobile} or {@code landline}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** The preferences. */
    public Preferences build() {
      return new Preferences(this);
    }
  }
}
