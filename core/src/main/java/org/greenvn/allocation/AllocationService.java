package org.greenvn.allocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.greenvn.event.DeallocationEvent;
import org.greenvn.event.EventListener;
import org.greenvn.inventory.PinCodeRegions;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.inventory.VnCriteria;
import org.greenvn.inventory.VnLoad;
import org.greenvn.inventory.VnPool;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.Tenant;

/**
 * Creates, reads, changes, deletes and expires allocations under the GreenVN API's rules.
 *
 * <p>Each tenant's changes are serialized by a lock of its own (creates hold it only to choose a
 * number, not to write), and the store checks every write once more, so that no number and no
 * PIN is ever held twice on one virtual number, even by engines sharing a store. Refusals are
 * {@link GreenVnException}s with the spec's codes; a refused operation changes nothing.
 * Thread-safe.
 */
public final class AllocationService {

  private static final int MAX_WRITE_ATTEMPTS = 8;
  private static final int EXPIRY_BATCH = 256;

  private final class TenantState {
    final Tenant tenant;
    final VnPool pool;
    final ReentrantLock lock = new ReentrantLock();

    TenantState(Tenant tenant) {
      this.tenant = tenant;
      this.pool = new VnPool(tenant.inventory(), tenant.exclusiveNumbers());
      Map<PhoneNumber, Integer> counts = store.activeCountByGreenvn(tenant.sid());
      Map<PhoneNumber, Instant> released = store.lastReleaseByGreenvn(tenant.sid());
      Set<PhoneNumber> used = new HashSet<>(counts.keySet());
      used.addAll(released.keySet());
      for (PhoneNumber vn : used) {
        pool.restore(vn, counts.getOrDefault(vn, 0), Optional.ofNullable(released.get(vn)));
      }
    }
  }

  private final Clock clock;
  private final AllocationStore store;
  private final EventListener events;
  private final AllocationValidator validator;
  private final Map<String, TenantState> tenants = new LinkedHashMap<>();
  private final Map<PhoneNumber, TenantState> owners = new HashMap<>();
  private final List<Tenant> tenantList;

  /**
   * A service over a store.
   *
   * @param clock the time of creations and expiries
   * @param store where allocations are kept; its active allocations count as load at once
   * @param tenants the tenants served; a virtual number belongs to one tenant only
   * @param events where deallocation events go
   * @throws IllegalArgumentException if two tenants share a sid or a virtual number
   */
  public AllocationService(
      Clock clock, AllocationStore store, Collection<Tenant> tenants, EventListener events) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = Objects.requireNonNull(store, "store");
    this.events = Objects.requireNonNull(events, "events");
    this.validator = new AllocationValidator(PinCodeRegions.india());
    for (Tenant tenant : tenants) {
      TenantState state = new TenantState(tenant);
      if (this.tenants.putIfAbsent(tenant.sid(), state) != null) {
        throw new IllegalArgumentException("Tenant listed twice: " + tenant.sid());
      }
      for (VirtualNumber number : tenant.inventory()) {
        TenantState previous = owners.putIfAbsent(number.number(), state);
        if (previous != null) {
          throw new IllegalArgumentException(
              "Virtual number " + number.number() + " belongs to two tenants: "
                  + previous.tenant.sid() + " and " + tenant.sid());
        }
      }
    }
    this.tenantList = this.tenants.values().stream().map(state -> state.tenant).toList();
  }

  /** The tenant with this sid. */
  public Optional<Tenant> tenant(String sid) {
    TenantState state = tenants.get(sid);
    return state == null ? Optional.empty() : Optional.of(state.tenant);
  }

  /** Every tenant served. */
  public List<Tenant> tenants() {
    return tenantList;
  }

  /** The tenant whose inventory holds this virtual number. */
  public Optional<Tenant> tenantOwning(PhoneNumber greenvn) {
    TenantState state = owners.get(greenvn);
    return state == null ? Optional.empty() : Optional.of(state.tenant);
  }

  /**
   * Creates an allocation.
   *
   * @throws GreenVnException 3, 5, 13, 14, 15, 16 or 50 for a bad request, 18 when the
   *     connection id is active, 19 when a strictly requested number holds a party or PIN, 4 when
   *     no number can be given
   */
  public Allocation create(String tenantSid, AllocationRequest request) {
    TenantState t = state(tenantSid);
    AllocationValidator.Draft draft = validator.validateCreate(t.tenant, request);
    AllocationValidator.Parties parties = draft.parties();
    if (store.findActiveByConnectionId(tenantSid, draft.connectionId()).isPresent()) {
      throw duplicateConnection();
    }
    Set<PhoneNumber> conflicted = new HashSet<>();
    Predicate<PhoneNumber> excluded =
        heldOn(parties.allNumbers(), parties.allPins(), "").or(conflicted::contains);
    Instant now = clock.instant();
    for (int attempt = 1; ; attempt++) {
      // The choice is made and its load counted under the tenant's lock, so concurrent creates
      // spread over the pool (and an exclusive number goes to one of them); the write happens
      // outside it, so that a durable store can commit concurrent creates together. The store
      // refuses a double booking whoever wins.
      VirtualNumber chosen;
      t.lock.lock();
      try {
        chosen = choose(t, draft.criteria(), excluded);
        t.pool.acquired(chosen.number());
      } finally {
        t.lock.unlock();
      }
      Allocation allocation =
          new Allocation(
              tenantSid, AllocationIds.next(now.toEpochMilli()), draft.connectionId(), chosen.number(),
              parties.aNumbers(), parties.bNumbers(), parties.aPins(), parties.bPins(),
              parties.usage(), draft.strict(), draft.preferences(), draft.flowId(),
              draft.deallocationDuration(), AllocationState.ACTIVE, now, now,
              now.plus(draft.deallocationDuration()), Optional.empty(), Optional.empty(), 1);
      boolean written = false;
      try {
        store.insert(allocation);
        written = true;
        return allocation;
      } catch (AllocationConflictException e) {
        // Another create (here or in another engine on the store) took it since we looked.
        if (e.kind() == AllocationConflictException.Kind.CONNECTION_ID) {
          throw duplicateConnection();
        }
        if (attempt == MAX_WRITE_ATTEMPTS) {
          throw new GreenVnException(ErrorCode.NO_FREE_VN, "No free GreenVN could be held");
        }
        conflicted.add(e.greenvn());
      } finally {
        if (!written) {
          t.pool.unacquired(chosen.number());
        }
      }
    }
  }

  /**
   * A dry run of {@link #create}: the virtual number it would choose for this request now,
   * refusing with the code it would refuse with, and writing nothing. A create that follows may
   * choose another number if the pool changed meanwhile.
   *
   * @throws GreenVnException as {@link #create} would
   */
  public VirtualNumber preview(String tenantSid, AllocationRequest request) {
    TenantState t = state(tenantSid);
    AllocationValidator.Draft draft = validator.validateCreate(t.tenant, request);
    AllocationValidator.Parties parties = draft.parties();
    t.lock.lock();
    try {
      if (store.findActiveByConnectionId(tenantSid, draft.connectionId()).isPresent()) {
        throw duplicateConnection();
      }
      return choose(t, draft.criteria(), heldOn(parties.allNumbers(), parties.allPins(), ""));
    } finally {
      t.lock.unlock();
    }
  }

  /**
   * The allocation with this id, active or in the vault.
   *
   * @throws GreenVnException 1 when the tenant has no such allocation
   */
  public Allocation get(String tenantSid, String greenvnId) {
    state(tenantSid);
    return store
        .find(greenvnId)
        .filter(a -> a.tenantSid().equals(tenantSid))
        .orElseThrow(() -> new GreenVnException(ErrorCode.NOT_FOUND, "GreenVN not found"));
  }

  /**
   * Deallocates at once: the allocation goes to the vault and no deallocation event is sent.
   *
   * @return the allocation as it is now
   * @throws GreenVnException 1 when there is no such allocation, 22 when it is already in the
   *     vault
   */
  public Allocation delete(String tenantSid, String greenvnId) {
    TenantState t = state(tenantSid);
    Instant now = clock.instant();
    return mutate(
        t,
        greenvnId,
        current -> current.toVault(now, DeallocationCause.DELETED),
        (before, after) -> t.pool.released(after.greenvn(), now),
        conflict -> false);
  }

  /**
   * Changes an active allocation's numbers, PINs or usage; the virtual number stays.
   *
   * @throws GreenVnException 3 when neither side's numbers are given; 5, 13, 14 or 16 for bad
   *     values; 1 or 22 as for {@link #delete}; 19 when a new number or PIN is held on the virtual
   *     number by another allocation
   */
  public Allocation updateCallParty(String tenantSid, String greenvnId, CallPartyUpdate update) {
    TenantState t = state(tenantSid);
    Instant now = clock.instant();
    boolean aGiven = update.aPartyNumbers().filter(l -> !l.isEmpty()).isPresent();
    boolean bGiven = update.bPartyNumbers().filter(l -> !l.isEmpty()).isPresent();
    if (!aGiven && !bGiven) {
      throw AllocationValidator.missing("aparty_numbers or bparty_numbers");
    }
    if (update.aPartyNumbers().filter(List::isEmpty).isPresent()
        || update.bPartyNumbers().filter(List::isEmpty).isPresent()) {
      throw AllocationValidator.bad("A party's numbers, when given, must not be empty");
    }
    Optional<Usage> usage = update.usage().map(AllocationValidator::usage);
    Optional<List<PhoneNumber>> aNumbers =
        update.aPartyNumbers().map(l -> AllocationValidator.numbers(t.tenant, "aparty_numbers", l));
    Optional<List<PhoneNumber>> bNumbers =
        update.bPartyNumbers().map(l -> AllocationValidator.numbers(t.tenant, "bparty_numbers", l));
    Optional<List<Pin>> aPins =
        update.aPartyPins().map(l -> AllocationValidator.pins(t.tenant, "aparty_pins", l));
    Optional<List<Pin>> bPins =
        update.bPartyPins().map(l -> AllocationValidator.pins(t.tenant, "bparty_pins", l));
    return mutate(
        t,
        greenvnId,
        current -> {
          AllocationValidator.Parties parties =
              AllocationValidator.checkedParties(
                  aNumbers.orElse(current.aPartyNumbers()),
                  bNumbers.orElse(current.bPartyNumbers()),
                  aPins.orElse(current.aPartyPins()),
                  bPins.orElse(current.bPartyPins()),
                  usage.orElse(current.usage()));
          Allocation next =
              current.withParties(
                  parties.aNumbers(), parties.bNumbers(), parties.aPins(), parties.bPins(),
                  parties.usage(), now);
          requireFreeOn(current.greenvn(), next);
          return next;
        },
        (before, after) -> {},
        conflict -> false);
  }

  /**
   * Moves an active allocation to another virtual number chosen by the preferences; with none,
   * to any free number other than its own. Its id and parties stay.
   *
   * @throws GreenVnException 5, 15 or 16 for bad preferences; 1 or 22 as for {@link #delete};
   *     4 when no number satisfies them; 19 when a strictly requested number holds a party or PIN
   */
  public Allocation updateVn(String tenantSid, String greenvnId, VnUpdate update) {
    TenantState t = state(tenantSid);
    VnCriteria criteria = validator.criteria(update.strict(), update.preferences());
    Instant now = clock.instant();
    boolean named = criteria.strict() && criteria.number().isPresent();
    // Numbers a create wrote to between our choice and our write (creates write outside the
    // lock): choose again without them, unless the client strictly named the number.
    Set<PhoneNumber> conflicted = new HashSet<>();
    return mutate(
        t,
        greenvnId,
        current -> {
          // Its own numbers and PINs hold its current number: that one is free for it only when
          // asked for by name; otherwise the point of the request is another number.
          boolean currentAskedFor =
              criteria.number().filter(current.greenvn()::equals).isPresent();
          Predicate<PhoneNumber> excluded =
              heldOn(current.allNumbers(), current.allPins(), current.greenvnId())
                  .or(vn -> !currentAskedFor && vn.equals(current.greenvn()))
                  .or(conflicted::contains);
          VirtualNumber chosen = choose(t, criteria, excluded);
          if (chosen.number().equals(current.greenvn())) {
            return current; // asked for the number it has, and it satisfies the request
          }
          return current.withGreenvn(chosen.number(), update.strict(), update.preferences(), now);
        },
        (before, after) -> {
          if (!after.greenvn().equals(before.greenvn())) {
            t.pool.released(before.greenvn(), now);
            t.pool.acquired(after.greenvn());
          }
        },
        conflict -> !named && conflicted.add(conflict.greenvn()));
  }

  /**
   * Adds a caller who keyed a right PIN to the PIN's side, so the next call is recognised. A
   * withheld caller id joins nothing but is still told which allocation the PIN opens.
   *
   * @return the allocation and side the PIN opens, or empty when no active allocation on the
   *     number has this PIN
   */
  public Optional<PinJoin> joinWithPin(
      PhoneNumber greenvn, Pin pin, Optional<PhoneNumber> caller) {
    TenantState t = owners.get(greenvn);
    if (t == null) {
      return Optional.empty();
    }
    t.lock.lock();
    try {
      for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        Optional<Allocation> found = store.findActiveByPin(greenvn, pin);
        if (found.isEmpty()) {
          return Optional.empty();
        }
        Allocation current = found.get();
        Party party = current.partyOfPin(pin).orElseThrow();
        if (caller.isEmpty()) {
          return Optional.of(new PinJoin(current, party));
        }
        Optional<Party> member = current.partyOf(caller.get());
        if (member.isPresent()) {
          // Joined meanwhile (another call, an update): the side the caller is on rules, not
          // the PIN's, or a B caller could key an A PIN past a oneway allocation.
          return Optional.of(new PinJoin(current, member.get()));
        }
        Optional<Allocation> holder = store.findActiveByNumber(greenvn, caller.get());
        if (holder.isPresent()) {
          // The caller got onto another allocation on this number meanwhile: that one rules.
          Allocation other = holder.get();
          return Optional.of(new PinJoin(other, other.partyOf(caller.get()).orElseThrow()));
        }
        Allocation next = current.withJoined(party, caller.get(), clock.instant());
        try {
          store.replace(current, next);
          return Optional.of(new PinJoin(next, party));
        } catch (StaleAllocationException | AllocationConflictException e) {
          // changed under us by another engine on the store: read again
        }
      }
      throw new GreenVnException(ErrorCode.INTERNAL_ERROR, "Allocation kept changing");
    } finally {
      t.lock.unlock();
    }
  }

  /**
   * Sends every active allocation whose time is up to the vault, with a deallocation event each.
   *
   * @return how many expired
   */
  public int expireDue() {
    int expired = 0;
    while (true) {
      Instant now = clock.instant();
      List<Allocation> due = store.dueForExpiry(tenants.keySet(), now, EXPIRY_BATCH);
      if (due.isEmpty()) {
        return expired;
      }
      List<DeallocationEvent> emitted = new ArrayList<>(due.size());
      for (Allocation candidate : due) {
        expire(candidate, now).ifPresent(emitted::add);
      }
      expired += emitted.size();
      emitted.forEach(events::onEvent);
      if (emitted.isEmpty()) {
        return expired; // due ones changed under us and are someone else's now
      }
    }
  }

  /**
   * Forgets allocations that have been in the vault for longer than {@code retention}: after
   * that a look-up of their id answers code 1.
   *
   * @return how many were forgotten
   */
  public int purgeVault(Duration retention) {
    Instant cutoff = clock.instant().minus(retention);
    int purged = 0;
    int batch;
    do {
      batch = store.purgeVaultedBefore(cutoff, EXPIRY_BATCH);
      purged += batch;
    } while (batch == EXPIRY_BATCH);
    return purged;
  }

  private Optional<DeallocationEvent> expire(Allocation candidate, Instant now) {
    TenantState t = tenants.get(candidate.tenantSid());
    if (t == null) {
      return Optional.empty();
    }
    t.lock.lock();
    try {
      Optional<Allocation> current = store.find(candidate.greenvnId());
      if (current.isEmpty()
          || !current.get().isActive()
          || current.get().expiresAt().isAfter(now)) {
        return Optional.empty();
      }
      Allocation vaulted = current.get().toVault(now, DeallocationCause.EXPIRED);
      try {
        store.replace(current.get(), vaulted);
      } catch (StaleAllocationException e) {
        return Optional.empty(); // another engine got there first and sends the event
      }
      t.pool.released(vaulted.greenvn(), now);
      return Optional.of(deallocationEvent(vaulted, now));
    } finally {
      t.lock.unlock();
    }
  }

  private static DeallocationEvent deallocationEvent(Allocation a, Instant at) {
    return new DeallocationEvent(
        a.tenantSid(), at, a.connectionId(), a.greenvn(), a.greenvnId(), a.usage().wireName(),
        a.aPartyNumbers(), a.bPartyNumbers(),
        a.aPartyPins().stream().map(Pin::value).toList(),
        a.bPartyPins().stream().map(Pin::value).toList());
  }

  /** Each of the tenant's virtual numbers with its load. */
  public List<VnLoad> utilisation(String tenantSid) {
    return state(tenantSid).pool.loads();
  }

  private TenantState state(String tenantSid) {
    TenantState t = tenantSid == null ? null : tenants.get(tenantSid);
    if (t == null) {
      throw new GreenVnException(ErrorCode.NOT_FOUND, "Unknown tenant");
    }
    return t;
  }

  /**
   * Whether a virtual number holds one of these numbers or PINs for an active allocation other
   * than {@code selfId}: asked of the routing look-ups, number by number, as a selection walks.
   */
  private Predicate<PhoneNumber> heldOn(
      List<PhoneNumber> numbers, List<Pin> pins, String selfId) {
    return vn -> {
      for (PhoneNumber number : numbers) {
        Optional<Allocation> holder = store.findActiveByNumber(vn, number);
        if (holder.isPresent() && !holder.get().greenvnId().equals(selfId)) {
          return true;
        }
      }
      for (Pin pin : pins) {
        Optional<Allocation> holder = store.findActiveByPin(vn, pin);
        if (holder.isPresent() && !holder.get().greenvnId().equals(selfId)) {
          return true;
        }
      }
      return false;
    };
  }

  private VirtualNumber choose(
      TenantState t, VnCriteria criteria, Predicate<PhoneNumber> excluded) {
    Optional<VirtualNumber> chosen = t.pool.select(criteria, excluded);
    if (chosen.isPresent()) {
      return chosen.get();
    }
    if (criteria.strict()
        && criteria.number().isPresent()
        && excluded.test(criteria.number().get())
        && t.pool.find(criteria.number().get()).filter(VirtualNumber::enabled).isPresent()) {
      throw new GreenVnException(
          ErrorCode.DUPLICATE_IN_GROUP,
          "A number or pin of this allocation is already registered on the requested greenvn");
    }
    throw new GreenVnException(ErrorCode.NO_FREE_VN, "No free GreenVN satisfies the request");
  }

  /** Throws 19 if a number or PIN of {@code next} is held on the number by another allocation. */
  private void requireFreeOn(PhoneNumber greenvn, Allocation next) {
    if (heldOn(next.allNumbers(), next.allPins(), next.greenvnId()).test(greenvn)) {
      throw heldElsewhere();
    }
  }

  /**
   * Applies {@code change} to the active allocation under the tenant's lock, writing with
   * compare-and-replace and trying again if another engine changed it meanwhile; then, still
   * under the lock, tells {@code committed} what was replaced by what. A write refused because a
   * number or PIN is held is tried again when {@code retryConflict} says so, else answered 19.
   */
  private Allocation mutate(
      TenantState t,
      String greenvnId,
      UnaryOperator<Allocation> change,
      BiConsumer<Allocation, Allocation> committed,
      Predicate<AllocationConflictException> retryConflict) {
    t.lock.lock();
    try {
      for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        Allocation current = get(t.tenant.sid(), greenvnId);
        if (!current.isActive()) {
          throw new GreenVnException(ErrorCode.ALREADY_DELETED, "This greenvn is already deleted");
        }
        Allocation next = change.apply(current);
        if (next == current) {
          return current;
        }
        try {
          store.replace(current, next);
          committed.accept(current, next);
          return next;
        } catch (StaleAllocationException e) {
          // changed by another engine on the store: read again
        } catch (AllocationConflictException e) {
          if (!retryConflict.test(e)) {
            throw heldElsewhere();
          }
        }
      }
      throw new GreenVnException(ErrorCode.INTERNAL_ERROR, "Allocation kept changing");
    } finally {
      t.lock.unlock();
    }
  }

  private static GreenVnException duplicateConnection() {
    return new GreenVnException(
        ErrorCode.DUPLICATE_CONNECTION_ID, "Allocation exists for this connection id.");
  }

  private static GreenVnException heldElsewhere() {
    return new GreenVnException(
        ErrorCode.DUPLICATE_IN_GROUP,
        "One or more of the numbers or pins is already registered on this greenvn");
  }
}
