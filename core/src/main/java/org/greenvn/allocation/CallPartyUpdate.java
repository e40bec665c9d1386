package org.greenvn.allocation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A change of an active allocation's parties: the body of
 * {@code PUT /v1/tenants/{sid}/greenvn/{greenvn_id}/call-party}.
 *
 * <p>At least one side's numbers must be given. A list that is given replaces that list of the
 * allocation; what is absent is kept. The virtual number and {@code greenvn_id} never change.
 */
public final class CallPartyUpdate {

  private final List<String> aPartyNumbers;
  private final List<String> bPartyNumbers;
  private final List<Long> aPartyPins;
  private final List<Long> bPartyPins;
  private final String usage;

  private CallPartyUpdate(Builder b) {
    this.aPartyNumbers = b.aPartyNumbers;
    this.bPartyNumbers = b.bPartyNumbers;
    this.aPartyPins = b.aPartyPins;
    this.bPartyPins = b.bPartyPins;
    this.usage = b.usage;
  }

  /** A builder of updates. */
  public static Builder builder() {
    return new Builder();
  }

  /** The new A-party numbers. */
  public Optional<List<String>> aPartyNumbers() {
    return Optional.ofNullable(aPartyNumbers);
  }

  /** The new B-party numbers. */
  public Optional<List<String>> bPartyNumbers() {
    return Optional.ofNullable(bPartyNumbers);
  }

  /** The new A-party PINs. */
  public Optional<List<Long>> aPartyPins() {
    return Optional.ofNullable(aPartyPins);
  }

  /** The new B-party PINs. */
  public Optional<List<Long>> bPartyPins() {
    return Optional.ofNullable(bPartyPins);
  }

  /** The new usage, as the client spelled it. */
  public Optional<String> usage() {
    return Optional.ofNullable(usage);
  }

  @Override
  public String toString() {
    return "CallPartyUpdate[usage=" + usage + "]";
  }

  /** Builds a {@link CallPartyUpdate}. */
  public static final class Builder {
    private List<String> aPartyNumbers;
    private List<String> bPartyNumbers;
    private List<Long> aPartyPins;
    private List<Long> bPartyPins;
    private String usage;

    private Builder() {}

    /** Replaces the A-party numbers. */
    public Builder aPartyNumbers(String... numbers) {
      return aPartyNumbers(Arrays.asList(numbers));
    }

    /** Replaces the A-party numbers; null means keep them. */
    public Builder aPartyNumbers(List<String> numbers) {
      this.aPartyNumbers = AllocationRequest.copyOf(numbers);
      return this;
    }

    /** Replaces the B-party numbers. */
    public Builder bPartyNumbers(String... numbers) {
      return bPartyNumbers(Arrays.asList(numbers));
    }

    /** Replaces the B-party numbers; null means keep them. */
    public Builder bPartyNumbers(List<String> numbers) {
      this.bPartyNumbers = AllocationRequest.copyOf(numbers);
      return this;
    }

    /** Replaces the A-party PINs. */
    public Builder aPartyPins(long... pins) {
      return aPartyPins(AllocationRequest.pinList(pins));
    }

    /** Replaces the A-party PINs; null means keep them. */
    public Builder aPartyPins(List<Long> pins) {
      this.aPartyPins = AllocationRequest.copyOfPins(pins);
      return this;
    }

    /** Replaces the B-party PINs. */
    public Builder bPartyPins(long... pins) {
      return bPartyPins(AllocationRequest.pinList(pins));
    }

    /** Replaces the B-party PINs; null means keep them. */
    public Builder bPartyPins(List<Long> pins) {
      this.bPartyPins = AllocationRequest.copyOfPins(pins);
      return this;
    }

    /** Changes the usage. */
    public Builder usage(Usage usage) {
      this.usage = usage.wireName();
      return this;
    }

    /** Changes the usage, as the client spelled it. */
    public Builder usage(String usage) {
      this.usage = usage;
      return this;
    }

    /** The update. */
    public CallPartyUpdate build() {
      return new CallPartyUpdate(this);
    }
  }
}
