package org.greenvn.routing;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationService;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.event.EventListener;
import org.greenvn.phone.CallerIdNormalizer;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.Tenant;

/**
 * Decides calls to virtual numbers.
 *
 * <ul>
 *   <li>A caller in the A party is bridged to the B party.
 *   <li>A caller in the B party is bridged to the A party if the allocation is twoway, and
 *       rejected if it is oneway.
 *   <li>Any other caller is asked for a PIN when an allocation on the number has PINs; a right PIN
 *       adds the caller to that side (so the next call needs none) and the rules above apply.
 *   <li>Otherwise the call is rejected as not in service and reported as out of allocation.
 * </ul>
 *
 * <p>Caller ids are read in the owning tenant's phone region, so {@code +919876543210},
 * {@code 919876543210}, {@code 09876543210} and {@code 9876543210} are one caller. Thread-safe;
 * a decision for a known caller is a few hash look-ups.
 */
public final class Router {

  final Clock clock;
  final AllocationService allocations;
  final AllocationStore store;
  final EventListener events;
  final PinGuard pinGuard;
  private final Map<String, CallerIdNormalizer> normalizers = new ConcurrentHashMap<>();
  private final AtomicLong routeCount = new AtomicLong();

  /**
   * A router over the allocations of a service.
   *
   * @param clock the time of calls
   * @param allocations the service that owns the allocations (and adds PIN joiners)
   * @param store the service's store, read directly on the routing path
   * @param events where verification, call and out-of-allocation events go
   */
  public Router(
      Clock clock, AllocationService allocations, AllocationStore store, EventListener events) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.allocations = Objects.requireNonNull(allocations, "allocations");
    this.store = Objects.requireNonNull(store, "store");
    this.events = Objects.requireNonNull(events, "events");
    this.pinGuard = new PinGuard(clock);
  }

  /**
   * Decides a call with no further PIN dialogue: a convenience over {@link #startCall}, whose
   * events name the call {@code route-1}, {@code route-2}, ...
   *
   * @param dialledNumber the virtual number called, E.164 or as the PBX delivers it
   * @param callerId the caller id as the PBX delivers it; empty or {@code anonymous} if withheld
   */
  public RoutingDecision route(String dialledNumber, String callerId) {
    // A counter, not a UUID: SecureRandom cost more than the rest of the decision.
    String callSid = "route-" + routeCount.incrementAndGet();
    return startCall(callSid, dialledNumber, callerId).decision();
  }

  /**
   * Starts deciding a call. The session's first decision is ready at once.
   *
   * @param callSid the PBX's identifier of the call, reported in its events
   * @param dialledNumber the virtual number called, E.164 or as the PBX delivers it
   * @param callerId the caller id as the PBX delivers it; empty or {@code anonymous} if withheld
   */
  public CallSession startCall(String callSid, String dialledNumber, String callerId) {
    Objects.requireNonNull(callSid, "callSid");
    Optional<PhoneNumber> greenvn = resolveGreenvn(dialledNumber);
    Optional<Tenant> tenant = greenvn.flatMap(allocations::tenantOwning);
    if (tenant.isEmpty()) {
      return new CallSession(
          this, callSid, greenvn, tenant, Optional.empty(), Optional.empty());
    }
    PhoneNumber vn = greenvn.get();
    // A caller id that is already E.164 and a party on the number is taken as it is: allocations
    // hold only valid numbers, so parsing it would give the same, and most calls are such calls.
    // Anything else goes through the tenant's normaliser.
    Optional<PhoneNumber> exact =
        callerId == null ? Optional.empty() : PhoneNumber.ofCanonical(callerId.strip());
    Optional<Allocation> known = exact.flatMap(n -> store.findActiveByNumber(vn, n));
    Optional<PhoneNumber> caller =
        known.isPresent() ? exact : normalizer(tenant.get().phoneRegion()).normalize(callerId);
    if (known.isEmpty() && !caller.equals(exact)) {
      known = caller.flatMap(n -> store.findActiveByNumber(vn, n));
    }
    return new CallSession(this, callSid, greenvn, tenant, caller, known);
  }

  /**
   * The virtual number a PBX's dialled-number text names: E.164 as it is, digits with the
   * country code but no plus, or a national form of some tenant's region.
   */
  Optional<PhoneNumber> resolveGreenvn(String dialled) {
    if (dialled == null) {
      return Optional.empty();
    }
    String text = dialled.strip();
    Optional<PhoneNumber> exact = PhoneNumber.ofCanonical(text);
    if (exact.flatMap(allocations::tenantOwning).isPresent()) {
      return exact; // the common case: one hash look-up
    }
    if (!text.isEmpty() && text.charAt(0) != '+' && text.charAt(0) != '0') {
      Optional<PhoneNumber> international = PhoneNumber.ofCanonical("+" + text);
      if (international.flatMap(allocations::tenantOwning).isPresent()) {
        return international;
      }
    }
    for (Tenant tenant : allocations.tenants()) {
      Optional<PhoneNumber> read = normalizer(tenant.phoneRegion()).normalize(text);
      if (read.flatMap(allocations::tenantOwning).isPresent()) {
        return read;
      }
    }
    return exact;
  }

  private CallerIdNormalizer normalizer(String region) {
    return normalizers.computeIfAbsent(region, CallerIdNormalizer::forRegion);
  }
}
