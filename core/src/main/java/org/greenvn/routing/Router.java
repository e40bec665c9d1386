package org.greenvn.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationService;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.Route;
import org.greenvn.event.EventListener;
import org.greenvn.inventory.VirtualNumber;
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
 * {@code 919876543210}, {@code 09876543210} and {@code 9876543210} are one caller. Thread-safe.
 *
 * <p>A call from a known caller to a virtual number in E.164 (most calls) costs two hash
 * look-ups, the number's tenant and the store's {@link Route} for the caller, and a new
 * {@link Bridge}. Every other call also goes through the tenant's caller-id normaliser.
 */
public final class Router {

  /** A virtual number of a tenant's inventory, by its E.164 text. */
  private static final class ServedNumber {
    final PhoneNumber number;
    final Tenant tenant;

    ServedNumber(PhoneNumber number, Tenant tenant) {
      this.number = number;
      this.tenant = tenant;
    }
  }

  final Clock clock;
  final AllocationService allocations;
  final AllocationStore store;
  final EventListener events;
  final PinGuard pinGuard;
  private final Map<String, CallerIdNormalizer> normalizers = new ConcurrentHashMap<>();
  private final Map<String, ServedNumber> servedNumbers;
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
    this.pinGuard = new PinGuard();
    Map<String, ServedNumber> served = new HashMap<>();
    for (Tenant tenant : allocations.tenants()) {
      for (VirtualNumber vn : tenant.inventory()) {
        served.put(vn.number().e164(), new ServedNumber(vn.number(), tenant));
      }
    }
    this.servedNumbers = served;
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
    Instant startTime = clock.instant();
    ServedNumber served = dialledNumber == null ? null : servedNumbers.get(dialledNumber.strip());
    if (served == null) {
      Optional<PhoneNumber> greenvn = resolveGreenvn(dialledNumber);
      Optional<Tenant> tenant = greenvn.flatMap(allocations::tenantOwning);
      if (tenant.isEmpty()) {
        CallSession session =
            new CallSession(this, callSid, startTime, greenvn.orElse(null), null, Optional.empty());
        session.notServed();
        return session;
      }
      served = new ServedNumber(greenvn.get(), tenant.get());
    }
    // A caller id that is already E.164 and a party on the number is taken as it is: allocations
    // hold only valid numbers, so parsing it would give the same, and most calls are such calls.
    PhoneNumber exact = null;
    String callerText = callerId == null ? null : callerId.strip();
    if (callerText != null && PhoneNumber.isCanonical(callerText)) {
      exact = new PhoneNumber(callerText);
      Optional<Route> route = store.findActiveRoute(served.number, exact);
      if (route.isPresent()) {
        return knownCaller(callSid, startTime, served, route.get(), exact);
      }
    }
    return startNormalizing(callSid, startTime, served, callerId, exact);
  }

  /**
   * A call whose caller id is not an E.164 party of the number ({@code exact}, if it was E.164,
   * was looked up and missed): read it in the tenant's region and look that up.
   */
  private CallSession startNormalizing(
      String callSid, Instant startTime, ServedNumber served, String callerId, PhoneNumber exact) {
    Optional<PhoneNumber> caller = normalizer(served.tenant.phoneRegion()).normalize(callerId);
    if (caller.isPresent() && !caller.get().equals(exact)) {
      Optional<Route> route = store.findActiveRoute(served.number, caller.get());
      if (route.isPresent()) {
        return knownCaller(callSid, startTime, served, route.get(), caller.get());
      }
    }
    CallSession session =
        new CallSession(this, callSid, startTime, served.number, served.tenant, caller);
    session.unknownCaller();
    return session;
  }

  /** A call from a party of an allocation, decided by its route. */
  private CallSession knownCaller(
      String callSid, Instant startTime, ServedNumber served, Route route, PhoneNumber caller) {
    Allocation allocation = route.allocation();
    return new CallSession(
        this, callSid, startTime, served.number, served.tenant, Optional.of(caller), allocation,
        CallSession.decisionFor(allocation, route.party(), served.tenant));
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
