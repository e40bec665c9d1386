package org.greenvn.tenant;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VirtualNumber;

/**
 * A business served by greenvn: its identifier ({@code sid}), its pool of virtual numbers, its
 * call flows and its policies. Immutable; build one with {@link #builder(String)}.
 *
 * @param sid the tenant's identifier, as in {@code /v1/tenants/{sid}/...}
 * @param phoneRegion ISO region whose numbering reads caller ids without a country code
 * @param timeZone the zone of the times in the tenant's events
 * @param defaultDeallocation how long an allocation lives when its request names no duration
 * @param flows the call flows by id
 * @param defaultFlowId the flow of allocations that name none
 * @param pinPolicy lock-out and throttling of wrong PINs
 * @param exclusiveNumbers whether a virtual number carries at most one allocation at a time
 * @param maxPartySize the most numbers, and the most PINs, one side of a request may list
 * @param inventory the virtual numbers
 */
public record Tenant(
    String sid,
    String phoneRegion,
    ZoneId timeZone,
    Duration defaultDeallocation,
    Map<String, Flow> flows,
    String defaultFlowId,
    PinPolicy pinPolicy,
    boolean exclusiveNumbers,
    int maxPartySize,
    List<VirtualNumber> inventory) {

  /** Checks the values and copies the collections. */
  public Tenant {
    Objects.requireNonNull(sid, "sid");
    if (sid.isBlank()) {
      throw new IllegalArgumentException("A tenant sid must not be blank");
    }
    Objects.requireNonNull(phoneRegion, "phoneRegion");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(defaultDeallocation, "defaultDeallocation");
    if (defaultDeallocation.isNegative() || defaultDeallocation.isZero()) {
      throw new IllegalArgumentException("defaultDeallocation must be positive");
    }
    flows = Map.copyOf(flows);
    Objects.requireNonNull(defaultFlowId, "defaultFlowId");
    if (!flows.containsKey(defaultFlowId)) {
      throw new IllegalArgumentException(
          "The default flow is not among the flows: " + defaultFlowId);
    }
    flows.forEach(
        (id, flow) -> {
          if (!id.equals(flow.id())) {
            throw new IllegalArgumentException("Flow filed under another id: " + id);
          }
        });
    Objects.requireNonNull(pinPolicy, "pinPolicy");
    if (maxPartySize < 1) {
      throw new IllegalArgumentException("maxPartySize must be at least 1");
    }
    inventory = List.copyOf(inventory);
  }

  /** A builder for the tenant {@code sid}. */
  public static Builder builder(String sid) {
    return new Builder(sid);
  }

  /** The flow with this id, if configured. */
  public Optional<Flow> flow(String id) {
    return Optional.ofNullable(flows.get(id));
  }

  /** The default flow. */
  public Flow defaultFlow() {
    return flows.get(defaultFlowId);
  }

  /**
   * Builds a {@link Tenant}. Defaults: phone region {@code IN}, zone {@code Asia/Kolkata},
   * deallocation after 24 h, one flow with {@link Flow#withDefaults} named {@code default},
   * {@link PinPolicy#defaults()}, shared numbers, at most 50 numbers per side.
   */
  public static final class Builder {
    private final String sid;
    private String phoneRegion = "IN";
    private ZoneId timeZone = ZoneId.of("Asia/Kolkata");
    private Duration defaultDeallocation = Duration.ofHours(24);
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private String defaultFlowId;
    private PinPolicy pinPolicy = PinPolicy.defaults();
    private boolean exclusiveNumbers;
    private int maxPartySize = 50;
    private final List<VirtualNumber> inventory = new ArrayList<>();

    private Builder(String sid) {
      this.sid = Objects.requireNonNull(sid, "sid");
    }

    /** Reads caller ids without a country code as numbers of this ISO region. */
    public Builder phoneRegion(String region) {
      this.phoneRegion = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Writes event times in this zone. */
    public Builder timeZone(ZoneId zone) {
      this.timeZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Expires allocations after this long when their request names no duration. */
    public Builder defaultDeallocation(Duration duration) {
      this.defaultDeallocation = Objects.requireNonNull(duration, "duration");
      return this;
    }

    /** Adds a flow; the first one added is the default unless {@link #defaultFlow} says else. */
    public Builder flow(Flow flow) {
      if (flows.putIfAbsent(flow.id(), flow) != null) {
        throw new IllegalArgumentException("Flow added twice: " + flow.id());
      }
      return this;
    }

    /** Names the default flow. */
    public Builder defaultFlow(String flowId) {
      this.defaultFlowId = Objects.requireNonNull(flowId, "flowId");
      return this;
    }

    /** Sets the PIN policy. */
    public Builder pinPolicy(PinPolicy policy) {
      this.pinPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Gives each virtual number to at most one allocation at a time. */
    public Builder exclusiveNumbers(boolean exclusive) {
      this.exclusiveNumbers = exclusive;
      return this;
    }

    /** Caps the numbers, and the PINs, one side of a request may list. */
    public Builder maxPartySize(int size) {
      this.maxPartySize = size;
      return this;
    }

    /** Adds a virtual number. */
    public Builder number(VirtualNumber number) {
      inventory.add(Objects.requireNonNull(number, "number"));
      return this;
    }

    /** Adds an enabled virtual number. */
    public Builder number(String e164, Region region, NumberType type) {
      return number(VirtualNumber.of(e164, region, type));
    }

    /** Adds virtual numbers. */
    public Builder numbers(Collection<VirtualNumber> numbers) {
      numbers.forEach(this::number);
      return this;
    }

    /** The tenant. */
    public Tenant build() {
      Map<String, Flow> allFlows = new LinkedHashMap<>(flows);
      if (allFlows.isEmpty()) {
        allFlows.put(Flow.DEFAULT_ID, Flow.withDefaults(Flow.DEFAULT_ID));
      }
      String defaultId =
          defaultFlowId != null ? defaultFlowId : allFlows.keySet().iterator().next();
      return new Tenant(
          sid, phoneRegion, timeZone, defaultDeallocation, allFlows, defaultId, pinPolicy,
          exclusiveNumbers, maxPartySize, inventory);
    }
  }
}
