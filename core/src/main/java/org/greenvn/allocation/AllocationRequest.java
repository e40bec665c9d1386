package org.greenvn.allocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to create an allocation: the body of {@code POST /v1/tenants/{sid}/greenvn}.
 *
 * <p>It holds the values as the client gave them; {@link AllocationService#create} checks them
 * and answers a {@link GreenVnException} with the spec's code for the first that is wrong.
 * Absent values are empty, never null.
 */
public final class AllocationRequest {

  private final String connectionId;
  private final List<String> aPartyNumbers;
  private final List<String> bPartyNumbers;
  private final List<Long> aPartyPins;
  private final List<Long> bPartyPins;
  private final String usage;
  private final boolean strict;
  private final Preferences preferences;
  private final String deallocationDuration;
  private final String flowId;

  private AllocationRequest(Builder b) {
    this.connectionId = b.connectionId;
    this.aPartyNumbers = b.aPartyNumbers;
    this.bPartyNumbers = b.bPartyNumbers;
    this.aPartyPins = b.aPartyPins;
    this.bPartyPins = b.bPartyPins;
    this.usage = b.usage;
    this.strict = b.strict;
    this.preferences = b.preferences;
    this.deallocationDuration = b.deallocationDuration;
    this.flowId = b.flowId;
  }

  /** A builder of requests. */
  public static Builder builder() {
    return new Builder();
  }

  /** The client's identifier of the mapping ({@code connection_id}). */
  public Optional<String> connectionId() {
    return Optional.ofNullable(connectionId);
  }

  /** The A-party numbers, E.164 ({@code aparty_numbers}). */
  public Optional<List<String>> aPartyNumbers() {
    return Optional.ofNullable(aPartyNumbers);
  }

  /** The B-party numbers, E.164 ({@code bparty_numbers}). */
  public Optional<List<String>> bPartyNumbers() {
    return Optional.ofNullable(bPartyNumbers);
  }

  /** The A-party PINs ({@code aparty_pins}); an element may be null if the client sent one. */
  public Optional<List<Long>> aPartyPins() {
    return Optional.ofNullable(aPartyPins);
  }

  /** The B-party PINs ({@code bparty_pins}); an element may be null if the client sent one. */
  public Optional<List<Long>> bPartyPins() {
    return Optional.ofNullable(bPartyPins);
  }

  /** {@code oneway} or {@code twoway} ({@code usage}). */
  public Optional<String> usage() {
    return Optional.ofNullable(usage);
  }

  /** Whether every preference must hold ({@code strictness}, default false). */
  public boolean strict() {
    return strict;
  }

  /** The preferences for the virtual number. */
  public Preferences preferences() {
    return preferences;
  }

  /** The deallocation policy's duration, e.g. {@code 600s} ({@code deallocation_policy}). */
  public Optional<String> deallocationDuration() {
    return Optional.ofNullable(deallocationDuration);
  }

  /** The call flow to associate ({@code flow_id}). */
  public Optional<String> flowId() {
    return Optional.ofNullable(flowId);
  }

  @Override
  public String toString() {
    return "AllocationRequest[connectionId=" + connectionId + ", usage=" + usage + "]";
  }

  static List<String> copyOf(List<String> values) {
    return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
  }

  static List<Long> copyOfPins(List<Long> values) {
    return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
  }

  static List<Long> pinList(long... pins) {
    return Arrays.stream(pins).boxed().toList();
  }

  /** Builds an {@link AllocationRequest}. */
  public static final class Builder {
    private String connectionId;
    private List<String> aPartyNumbers;
    private List<String> bPartyNumbers;
    private List<Long> aPartyPins;
    private List<Long> bPartyPins;
    private String usage;
    private boolean strict;
    private Preferences preferences = Preferences.none();
    private String deallocationDuration;
    private String flowId;

    private Builder() {}

    /** Sets {@code connection_id}. */
    public Builder connectionId(String connectionId) {
      this.connectionId = connectionId;
      return this;
    }

    /** Sets {@code aparty_numbers}. */
    public Builder aPartyNumbers(String... numbers) {
      return aPartyNumbers(Arrays.asList(numbers));
    }

    /** Sets {@code aparty_numbers}; null means absent. */
    public Builder aPartyNumbers(List<String> numbers) {
      this.aPartyNumbers = copyOf(numbers);
      return this;
    }

    /** Sets {@code bparty_numbers}. */
    public Builder bPartyNumbers(String... numbers) {
      return bPartyNumbers(Arrays.asList(numbers));
    }

    /** Sets {@code bparty_numbers}; null means absent. */
    public Builder bPartyNumbers(List<String> numbers) {
      this.bPartyNumbers = copyOf(numbers);
      return this;
    }

    /** Sets {@code aparty_pins}. */
    public Builder aPartyPins(long... pins) {
      return aPartyPins(pinList(pins));
    }

    /** Sets {@code aparty_pins}; null means absent. */
    public Builder aPartyPins(List<Long> pins) {
      this.aPartyPins = copyOfPins(pins);
      return this;
    }

    /** Sets {@code bparty_pins}. */
    public Builder bPartyPins(long... pins) {
      return bPartyPins(pinList(pins));
    }

    /** Sets {@code bparty_pins}; null means absent. */
    public Builder bPartyPins(List<Long> pins) {
      this.bPartyPins = copyOfPins(pins);
      return this;
    }

    /** Sets {@code usage}. */
    public Builder usage(Usage usage) {
      this.usage = usage.wireName();
      return this;
    }

    /** Sets {@code usage} as the client spelled it. */
    public Builder usage(String usage) {
      this.usage = usage;
      return this;
    }

    /** Sets {@code strictness}. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Sets {@code preferences}. */
    public Builder preferences(Preferences preferences) {
      this.preferences = Objects.requireNonNull(preferences, "preferences");
      return this;
    }

    /** Sets the deallocation policy's duration as the client spelled it, e.g. {@code 15m}. */
    public Builder deallocationDuration(String duration) {
      this.deallocationDuration = duration;
      return this;
    }

    /**
     * Sets the deallocation policy's duration; a fraction of a second counts as a whole one, so
     * only a duration that is not positive is refused (code 5).
     */
    public Builder deallocationDuration(Duration duration) {
      long seconds = duration.getSeconds();
      if (duration.getNano() > 0) {
        seconds++;
      }
      this.deallocationDuration = seconds + "s";
      return this;
    }

    /** Sets {@code flow_id}. */
    public Builder flowId(String flowId) {
      this.flowId = flowId;
      return this;
    }

    /** The request. */
    public AllocationRequest build() {
      return new AllocationRequest(this);
    }
  }
}
