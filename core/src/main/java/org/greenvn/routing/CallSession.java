package org.greenvn.routing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.Party;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.PinJoin;
import org.greenvn.allocation.Usage;
import org.greenvn.event.CallEvent;
import org.greenvn.event.CallInsights;
import org.greenvn.event.CallType;
import org.greenvn.event.DialCallStatus;
import org.greenvn.event.OutOfAllocationEvent;
import org.greenvn.event.VerificationFailedEvent;
import org.greenvn.event.VerificationSucceededEvent;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.Prompts;
import org.greenvn.tenant.Tenant;

/**
 * One call being decided: its first {@link #decision()}, the PIN dialogue
 * ({@link #enterPin(String)}: digits in, next decision out) and, at the end, its
 * {@link #complete(CallOutcome)}, which reports the call event.
 *
 * <p>A session belongs to one call and is used by one thread at a time; it is not thread-safe.
 */
public final class CallSession {

  private final Router router;
  private final String callSid;
  private final Instant startTime;
  // Null when the dialled number is no number / no tenant serves it. Kept bare, not as Optionals,
  // because every call makes a session and these are set from shared objects.
  private final PhoneNumber greenvn;
  private final Tenant tenant;
  private final Optional<PhoneNumber> caller;
  private RoutingDecision decision;
  private Allocation allocation;
  private int failedAttempts;
  private boolean completed;

  /**
   * A session with no decision yet: the router makes the first one with {@link #notServed()} or
   * {@link #unknownCaller()} next.
   */
  CallSession(
      Router router,
      String callSid,
      Instant startTime,
      PhoneNumber greenvn,
      Tenant tenant,
      Optional<PhoneNumber> caller) {
    this.router = router;
    this.callSid = callSid;
    this.startTime = startTime;
    this.greenvn = greenvn;
    this.tenant = tenant;
    this.caller = caller;
  }

  /**
   * A session for a party of {@code allocation}, whose first decision ({@link
   * #decisionFor}) the router already has.
   */
  CallSession(
      Router router,
      String callSid,
      Instant startTime,
      PhoneNumber greenvn,
      Tenant tenant,
      Optional<PhoneNumber> caller,
      Allocation allocation,
      RoutingDecision decision) {
    this(router, callSid, startTime, greenvn, tenant, caller);
    this.allocation = allocation;
    this.decision = decision;
  }

  /** The call's identifier. */
  public String callSid() {
    return callSid;
  }

  /** The virtual number called, if the dialled number is one. */
  public Optional<PhoneNumber> greenvn() {
    return Optional.ofNullable(greenvn);
  }

  /** The caller, normalised; empty for a withheld caller id. */
  public Optional<PhoneNumber> caller() {
    return caller;
  }

  /** When the call arrived. */
  public Instant startTime() {
    return startTime;
  }

  /** The current decision. */
  public RoutingDecision decision() {
    return decision;
  }

  /** The allocation the call was matched to, once known. */
  public Optional<Allocation> allocation() {
    return Optional.ofNullable(allocation);
  }

  /**
   * Feeds the digits the caller keyed at a PIN prompt, none if the prompt timed out.
   *
   * @param digits the digits, possibly empty
   * @return the next decision: a bridge or reject by the routing rules after a right PIN;
   *     another prompt, or a reject when the attempts are used up, after a wrong one
   * @throws IllegalStateException if the current decision is not a {@link PromptPin}
   */
  public RoutingDecision enterPin(String digits) {
    if (!(decision instanceof PromptPin)) {
      throw new IllegalStateException(
          "No PIN was asked for: " + decision.getClass().getSimpleName());
    }
    String keyed = digits == null ? "" : digits.strip();
    PhoneNumber vn = Objects.requireNonNull(greenvn);
    Tenant t = Objects.requireNonNull(tenant);
    Optional<PinJoin> join =
        Pin.ofDigits(keyed).flatMap(pin -> router.allocations.joinWithPin(vn, pin, caller));
    Instant now = router.clock.instant();
    if (join.isPresent()) {
      Allocation joined = join.get().allocation();
      router.events.onEvent(
          new VerificationSucceededEvent(
              t.sid(), now, callSid, joined.connectionId(), vn, joined.greenvnId(), caller,
              keyed, flowOf(joined, t).id()));
      decision = decide(joined, join.get().party());
      return decision;
    }
    failedAttempts++;
    router.events.onEvent(
        new VerificationFailedEvent(
            t.sid(), now, callSid, vn, startTime, caller, keyed, failedAttempts));
    router.pinGuard.failed(t.pinPolicy(), caller, vn, now);
    Flow flow = t.defaultFlow();
    Prompts prompts = flow.prompts();
    if (router.pinGuard.isLockedOut(caller, vn, now)) {
      decision = new Reject(RejectReason.LOCKED_OUT, prompts.lockedOut());
    } else if (router.pinGuard.isThrottled(vn, now)) {
      decision = new Reject(RejectReason.THROTTLED, prompts.goodbye());
    } else if (failedAttempts >= flow.pinAttempts()) {
      decision = new Reject(RejectReason.PIN_ATTEMPTS_EXHAUSTED, prompts.goodbye());
    } else {
      decision = pinPrompt(flow, Optional.of(prompts.invalidPin()));
    }
    return decision;
  }

  /**
   * Reports how the call ended. For a call matched to an allocation (bridged, or refused as
   * oneway) this emits its call event; other calls were reported when they were decided.
   *
   * @return the call event emitted, if any
   * @throws IllegalStateException if the call was already completed
   */
  public Optional<CallEvent> complete(CallOutcome outcome) {
    if (completed) {
      throw new IllegalStateException("Call already completed: " + callSid);
    }
    completed = true;
    if (allocation == null || tenant == null) {
      return Optional.empty();
    }
    Optional<PhoneNumber> to =
        outcome
            .answeredBy()
            .or(
                () ->
                    outcome.dialled() && decision instanceof Bridge b
                        ? Optional.of(b.targets().get(0))
                        : Optional.empty());
    CallEvent event =
        new CallEvent(
            tenant.sid(),
            router.clock.instant(),
            callSid,
            allocation.connectionId(),
            allocation.greenvnId(),
            allocation.greenvn(),
            caller,
            to,
            startTime,
            outcome.status(),
            callType(outcome.status()),
            outcome.ringDuration().plus(outcome.talkDuration()),
            outcome.talkDuration(),
            outcome.recordingUrl(),
            Optional.of(
                new CallInsights(
                    outcome.disconnectedBy(),
                    outcome.status(),
                    detailedStatus(outcome.status()),
                    outcome.ringDuration())),
            flowOf(allocation, tenant).id());
    router.events.onEvent(event);
    return Optional.of(event);
  }

  /** The first decision of a call to a number no tenant serves (or no number at all). */
  void notServed() {
    if (greenvn != null) {
      reportOutOfAllocation(greenvn, "");
    }
    decision = new Reject(RejectReason.NOT_IN_SERVICE, Prompts.defaults().notInService());
  }

  /** The first decision of a call to a served number from a caller on none of its allocations. */
  void unknownCaller() {
    Flow flow = tenant.defaultFlow();
    if (router.store.hasActiveWithPins(greenvn)) {
      if (router.pinGuard.isLockedOut(caller, greenvn, startTime)) {
        decision = new Reject(RejectReason.LOCKED_OUT, flow.prompts().lockedOut());
      } else if (router.pinGuard.isThrottled(greenvn, startTime)) {
        decision = new Reject(RejectReason.THROTTLED, flow.prompts().notInService());
      } else {
        decision = pinPrompt(flow, Optional.empty());
      }
      return;
    }
    reportOutOfAllocation(greenvn, tenant.sid());
    decision = new Reject(RejectReason.NOT_IN_SERVICE, flow.prompts().notInService());
  }

  private RoutingDecision decide(Allocation matched, Party party) {
    allocation = matched;
    return decisionFor(matched, party, tenant);
  }

  /** The decision for a caller on {@code party} of {@code matched}, in the flows of {@code t}. */
  static RoutingDecision decisionFor(Allocation matched, Party party, Tenant t) {
    Flow flow = flowOf(matched, t);
    if (party == Party.B && matched.usage() == Usage.ONEWAY) {
      return new Reject(RejectReason.ONEWAY, flow.prompts().oneway());
    }
    List<PhoneNumber> targets = matched.numbers(party.other());
    return new Bridge(
        matched.tenantSid(),
        matched.greenvnId(),
        matched.connectionId(),
        flow.id(),
        party,
        targets,
        matched.greenvn(),
        flow.ringStrategy(),
        flow.ringTimeout(),
        flow.record());
  }

  /** The allocation's flow: the one it names, else the tenant's default. */
  private static Flow flowOf(Allocation allocation, Tenant tenant) {
    return allocation.flowId().flatMap(tenant::flow).orElse(tenant.defaultFlow());
  }

  private PromptPin pinPrompt(Flow flow, Optional<String> notice) {
    return new PromptPin(
        flow.prompts().enterPin(),
        notice,
        flow.pinAttempts() - failedAttempts,
        flow.pinMaxDigits(),
        flow.pinTimeout());
  }

  private void reportOutOfAllocation(PhoneNumber vn, String tenantSid) {
    router.events.onEvent(
        new OutOfAllocationEvent(
            tenantSid, router.clock.instant(), callSid, vn, caller, startTime));
  }

  private static CallType callType(DialCallStatus status) {
    return switch (status) {
      case COMPLETED -> CallType.COMPLETED;
      case CANCELED -> CallType.CLIENT_HANGUP;
      default -> CallType.CALL_ATTEMPT;
    };
  }

  private static String detailedStatus(DialCallStatus status) {
    return switch (status) {
      case COMPLETED -> "CALL_COMPLETED";
      case BUSY -> "BUSY";
      case NO_ANSWER -> "NO_ANSWER";
      case CANCELED -> "CALLER_HANGUP";
      case FAILED -> "FAILED";
    };
  }
}
