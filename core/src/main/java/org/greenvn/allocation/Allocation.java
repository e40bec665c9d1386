package org.greenvn.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;

/**
 * An allocation: a virtual number linking A-party numbers with B-party numbers for one order.
 *
 * <p>Immutable. Every change makes a new value with {@link #version()} one higher, which stores
 * use for compare-and-replace. {@link #toString()} leaves the PINs out.
 *
 * @param tenantSid the tenant that owns it
 * @param greenvnId the allocation's identifier ({@code greenvn_id})
 * @param connectionId the client's identifier ({@code connection_id})
 * @param greenvn the virtual number callers dial ({@code greenvn})
 * @param aPartyNumbers the A party, including callers who joined with a PIN
 * @param bPartyNumbers the B party, including callers who joined with a PIN
 * @param aPartyPins PINs that let a new caller join the A party
 * @param bPartyPins PINs that let a new caller join the B party
 * @param usage oneway or twoway
 * @param strict the request's {@code strictness}
 * @param preferences the request's preferences for the virtual number
 * @param flowId the call flow, if one was named
 * @param deallocationDuration how long after creation it expires
 * @param state active or vault
 * @param createdAt when it was created
 * @param updatedAt when it last changed (created, joined, updated, moved, deallocated)
 * @param expiresAt when it expires, if still active then
 * @param deallocatedAt when it went to the vault
 * @param deallocationCause why it went to the vault
 * @param version the change count, from 1
 */
public record Allocation(
    String tenantSid,
    String greenvnId,
    String connectionId,
    PhoneNumber greenvn,
    List<PhoneNumber> aPartyNumbers,
    List<PhoneNumber> bPartyNumbers,
    List<Pin> aPartyPins,
    List<Pin> bPartyPins,
    Usage usage,
    boolean strict,
    Preferences preferences,
    Optional<String> flowId,
    Duration deallocationDuration,
    AllocationState state,
    Instant createdAt,
    Instant updatedAt,
    Instant expiresAt,
    Optional<Instant> deallocatedAt,
    Optional<DeallocationCause> deallocationCause,
    long version) {

  /** Checks for nulls and copies the lists. */
  public Allocation {
    Objects.requireNonNull(tenantSid, "tenantSid");
    Objects.requireNonNull(greenvnId, "greenvnId");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(greenvn, "greenvn");
    aPartyNumbers = List.copyOf(aPartyNumbers);
    bPartyNumbers = List.copyOf(bPartyNumbers);
    aPartyPins = List.copyOf(aPartyPins);
    bPartyPins = List.copyOf(bPartyPins);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(preferences, "preferences");
    Objects.requireNonNull(flowId, "flowId");
    Objects.requireNonNull(deallocationDuration, "deallocationDuration");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(deallocatedAt, "deallocatedAt");
    Objects.requireNonNull(deallocationCause, "deallocationCause");
  }

  /** Whether it routes calls. */
  public boolean isActive() {
    return state == AllocationState.ACTIVE;
  }

  /** One side's numbers. */
  public List<PhoneNumber> numbers(Party party) {
    return party == Party.A ? aPartyNumbers : bPartyNumbers;
  }

  /** One side's PINs. */
  public List<Pin> pins(Party party) {
    return party == Party.A ? aPartyPins : bPartyPins;
  }

  /** The side this number belongs to, if any. */
  public Optional<Party> partyOf(PhoneNumber number) {
    if (aPartyNumbers.contains(number)) {
      return Optional.of(Party.A);
    }
    return bPartyNumbers.contains(number) ? Optional.of(Party.B) : Optional.empty();
  }

  /** The side this PIN lets a caller join, if any. */
  public Optional<Party> partyOfPin(Pin pin) {
    if (aPartyPins.contains(pin)) {
      return Optional.of(Party.A);
    }
    return bPartyPins.contains(pin) ? Optional.of(Party.B) : Optional.empty();
  }

  /** Whether either side has a PIN. */
  public boolean hasPins() {
    return !aPartyPins.isEmpty() || !bPartyPins.isEmpty();
  }

  /** Every number of both sides. */
  public List<PhoneNumber> allNumbers() {
    List<PhoneNumber> all = new ArrayList<>(aPartyNumbers.size() + bPartyNumbers.size());
    all.addAll(aPartyNumbers);
    all.addAll(bPartyNumbers);
    return all;
  }

  /** Every PIN of both sides. */
  public List<Pin> allPins() {
    List<Pin> all = new ArrayList<>(aPartyPins.size() + bPartyPins.size());
    all.addAll(aPartyPins);
    all.addAll(bPartyPins);
    return all;
  }

  /** This allocation with new parties and usage, changed at {@code at}. */
  public Allocation withParties(
      List<PhoneNumber> aNumbers,
      List<PhoneNumber> bNumbers,
      List<Pin> aPins,
      List<Pin> bPins,
      Usage newUsage,
      Instant at) {
    return new Allocation(
        tenantSid, greenvnId, connectionId, greenvn, aNumbers, bNumbers, aPins, bPins, newUsage,
        strict, preferences, flowId, deallocationDuration, state, createdAt, at, expiresAt,
        deallocatedAt, deallocationCause, version + 1);
  }

  /** This allocation with a caller added to one side (a PIN join) at {@code at}. */
  public Allocation withJoined(Party party, PhoneNumber caller, Instant at) {
    List<PhoneNumber> joined = new ArrayList<>(numbers(party));
    joined.add(caller);
    return party == Party.A
        ? withParties(joined, bPartyNumbers, aPartyPins, bPartyPins, usage, at)
        : withParties(aPartyNumbers, joined, aPartyPins, bPartyPins, usage, at);
  }

  /**
   * This allocation on another virtual number, with the preferences that chose it, moved at
   * {@code at}.
   */
  public Allocation withGreenvn(
      PhoneNumber number, boolean newStrict, Preferences newPreferences, Instant at) {
    return new Allocation(
        tenantSid, greenvnId, connectionId, number, aPartyNumbers, bPartyNumbers, aPartyPins,
        bPartyPins, usage, newStrict, newPreferences, flowId, deallocationDuration, state,
        createdAt, at, expiresAt, deallocatedAt, deallocationCause, version + 1);
  }

  /** This allocation in the vault since {@code at}. */
  public Allocation toVault(Instant at, DeallocationCause cause) {
    return new Allocation(
        tenantSid, greenvnId, connectionId, greenvn, aPartyNumbers, bPartyNumbers, aPartyPins,
        bPartyPins, usage, strict, preferences, flowId, deallocationDuration,
        AllocationState.VAULT, createdAt, at, expiresAt, Optional.of(at), Optional.of(cause),
        version + 1);
  }

  @Override
  public String toString() {
    return "Allocation[tenant=" + tenantSid + ", greenvnId=" + greenvnId + ", connectionId="
        + connectionId + ", greenvn=" + greenvn + ", a=" + aPartyNumbers + ", b=" + bPartyNumbers
        + ", pins=" + (aPartyPins.size() + bPartyPins.size()) + ", usage=" + usage + ", state="
        + state + ", expiresAt=" + expiresAt + ", version=" + version + "]";
  }
}
