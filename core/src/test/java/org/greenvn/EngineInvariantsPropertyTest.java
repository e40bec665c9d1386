package org.greenvn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.TestFixtures.checkNothingHeldTwice;
import static org.greenvn.TestNumbers.SID;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.AllocationService;
import org.greenvn.allocation.CallPartyUpdate;
import org.greenvn.allocation.GreenVnException;
import org.greenvn.allocation.Party;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.allocation.VnUpdate;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.routing.Bridge;
import org.greenvn.routing.CallSession;
import org.greenvn.routing.PromptPin;
import org.greenvn.routing.Reject;
import org.greenvn.routing.RejectReason;
import org.greenvn.routing.RoutingDecision;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.MutableClock;

/**
 * Random sequences of allocation changes, expiries and PIN calls on one engine with a small pool
 * and a small set of callers and PINs, so that they collide. After every step:
 *
 * <ol>
 *   <li>no (virtual number, number) and no (virtual number, PIN) belongs to two active
 *       allocations;
 *   <li>every active allocation routes as the rules say: A callers are bridged to the B numbers,
 *       B callers to the A numbers if twoway and rejected as oneway otherwise;
 *   <li>a caller no active allocation holds on a number is never bridged there (so a vaulted
 *       allocation, or one moved away, routes nobody): a PIN prompt where pins are active,
 *       otherwise not-in-service;
 *   <li>the pool's loads equal the active allocations per virtual number.
 * </ol>
 *
 * <p>A decision reached through a PIN must also respect the rules: the caller is on the side it
 * is bridged from, and never among its own targets.
 */
class EngineInvariantsPropertyTest {

  private static final List<String> VNS =
      List.of("+914048212136", "+918041234567", "+914040000001", "+914040000002");
  /** Party numbers: few, so that allocations collide. */
  private static final List<String> PARTY =
      List.of(
          "+919876543210", "+919800000001", "+919800000002", "+919800000003", "+919800000004",
          "+919800000005", "+919800000006", "+919800000007");
  /** Callers on no allocation until they join one with a PIN. */
  private static final List<String> JOINERS =
      List.of("+919800000050", "+919800000051", "+919800000052", "+919800000053");
  private static final List<String> CALLERS =
      Stream.concat(PARTY.stream(), JOINERS.stream()).toList();
  private static final List<Long> PINS = List.of(1111L, 2222L, 3333L, 4444L);
  /** What a caller keys when {@code keyed} is past the PINs: a PIN nobody has, or nothing. */
  private static final List<String> WRONG = List.of("9999", "");

  // ------------------------------------------------------------------ operations

  /** One step of a scenario. */
  sealed interface Op
      permits Create, UpdateParties, MoveVn, Delete, Advance, PinCall, OpenCall, EnterPin {}

  /** Where an allocation wants to be: a number or a region, strictly or not. */
  record VnChoice(String greenvn, String region, boolean strict) {
    Preferences preferences() {
      Preferences.Builder builder = Preferences.builder();
      if (greenvn != null) {
        builder.greenvn(greenvn);
      }
      if (region != null) {
        builder.region(region);
      }
      return builder.build();
    }
  }

  /** Creates an allocation; {@code connection} below the known count reuses a known one. */
  record Create(
      int connection,
      List<String> a,
      List<String> b,
      List<Long> aPins,
      List<Long> bPins,
      Usage usage,
      int minutes,
      Optional<VnChoice> vn)
      implements Op {}

  /** Changes the parties of the {@code target}-th allocation ever created (modulo). */
  record UpdateParties(
      int target,
      Optional<List<String>> a,
      Optional<List<String>> b,
      Optional<List<Long>> aPins,
      Optional<List<Long>> bPins,
      Optional<Usage> usage)
      implements Op {}

  /** Moves the {@code target}-th allocation to another virtual number. */
  record MoveVn(int target, Optional<VnChoice> vn) implements Op {}

  /** Deletes the {@code target}-th allocation. */
  record Delete(int target) implements Op {}

  /** Moves the clock and expires what is due. */
  record Advance(int minutes) implements Op {}

  /**
   * A call that, if prompted, keys a PIN at once. {@code vn} picks among the numbers where PINs
   * are active when it is small, else among all; {@code keyed} below 4 is the keyed-th PIN active
   * on the number (or of the PIN set if none is), else a wrong PIN or nothing.
   */
  record PinCall(String caller, int vn, int keyed) implements Op {}

  /** A call that, if prompted, waits for a later {@link EnterPin}; {@code vn} as above. */
  record OpenCall(String caller, int vn) implements Op {}

  /** The {@code session}-th waiting call keys a PIN, chosen as above. */
  record EnterPin(int session, int keyed) implements Op {}

  @Provide
  Arbitrary<List<Op>> scenarios() {
    return Arbitraries.frequencyOf(
            Tuple.of(5, creates()),
            Tuple.of(2, partyUpdates()),
            Tuple.of(2, moves()),
            Tuple.of(2, deletes()),
            Tuple.of(2, advances()),
            Tuple.of(3, pinCalls()),
            Tuple.of(2, openCalls()),
            Tuple.of(3, pinEntries()))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  /** Party numbers or joiners: an update can move a joiner elsewhere. */
  private static Arbitrary<List<String>> callers() {
    return Arbitraries.of(CALLERS).list().ofMinSize(1).ofMaxSize(2).uniqueElements();
  }

  private static Arbitrary<List<Long>> pins() {
    return Arbitraries.of(PINS).list().ofMaxSize(1);
  }

  private static Arbitrary<Optional<VnChoice>> vnChoices() {
    Arbitrary<String> number = Arbitraries.of(VNS).injectNull(0.4);
    Arbitrary<String> region = Arbitraries.of("AP", "KA").injectNull(0.7);
    return Combinators.combine(number, region, Arbitraries.of(true, false))
        .as((n, r, strict) -> n == null && r == null ? null : new VnChoice(n, r, strict))
        .injectNull(0.5)
        .map(Optional::ofNullable);
  }

  /** Two disjoint non-empty lists of party numbers. */
  private static Arbitrary<List<List<String>>> sides() {
    return Arbitraries.of(PARTY)
        .list()
        .ofMinSize(2)
        .ofMaxSize(4)
        .uniqueElements()
        .flatMap(
            all ->
                Arbitraries.integers()
                    .between(1, all.size() - 1)
                    .map(k -> List.of(all.subList(0, k), all.subList(k, all.size()))));
  }

  /** Two disjoint lists of PINs, each possibly empty. */
  private static Arbitrary<List<List<Long>>> pinSides() {
    return Arbitraries.of(PINS)
        .list()
        .ofMaxSize(2)
        .uniqueElements()
        .flatMap(
            all ->
                Arbitraries.integers()
                    .between(0, all.size())
                    .map(k -> List.of(all.subList(0, k), all.subList(k, all.size()))));
  }

  private static Arbitrary<Op> creates() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 12),
            sides(),
            pinSides(),
            Arbitraries.of(Usage.class),
            Arbitraries.integers().between(1, 30),
            vnChoices())
        .as(
            (connection, sides, pins, usage, minutes, vn) ->
                new Create(
                    connection, sides.get(0), sides.get(1), pins.get(0), pins.get(1), usage,
                    minutes, vn));
  }

  private static Arbitrary<Op> partyUpdates() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 20),
            callers().injectNull(0.4).map(Optional::ofNullable),
            callers().injectNull(0.4).map(Optional::ofNullable),
            pins().injectNull(0.5).map(Optional::ofNullable),
            pins().injectNull(0.5).map(Optional::ofNullable),
            Arbitraries.of(Usage.class).injectNull(0.5).map(Optional::ofNullable))
        .as(UpdateParties::new);
  }

  private static Arbitrary<Op> moves() {
    return Combinators.combine(Arbitraries.integers().between(0, 20), vnChoices())
        .as(MoveVn::new);
  }

  private static Arbitrary<Op> deletes() {
    return Arbitraries.integers().between(0, 20).map(Delete::new);
  }

  private static Arbitrary<Op> advances() {
    return Arbitraries.integers().between(0, 20).map(Advance::new);
  }

  private static Arbitrary<Integer> vnPicks() {
    return Arbitraries.integers().between(0, VNS.size() + 2);
  }

  private static Arbitrary<Integer> keyedPicks() {
    return Arbitraries.integers().between(0, PINS.size() + WRONG.size() - 1);
  }

  private static Arbitrary<Op> pinCalls() {
    return Combinators.combine(Arbitraries.of(CALLERS), vnPicks(), keyedPicks())
        .as(PinCall::new);
  }

  private static Arbitrary<Op> openCalls() {
    return Combinators.combine(Arbitraries.of(CALLERS), vnPicks()).as(OpenCall::new);
  }

  private static Arbitrary<Op> pinEntries() {
    return Combinators.combine(Arbitraries.integers().between(0, 5), keyedPicks())
        .as(EnterPin::new);
  }

  // ------------------------------------------------------------------ the property

  @Property(tries = 250)
  void everyStepKeepsNumbersUniquePerVnAndRoutingAndLoadsConsistent(
      @ForAll("scenarios") List<Op> scenario) {
    try (Engine engine = new Engine()) {
      engine.checkInvariants();
      for (int step = 0; step < scenario.size(); step++) {
        Op op = scenario.get(step);
        try {
          String outcome = engine.apply(op);
          Statistics.label("steps").collect(op.getClass().getSimpleName(), outcome);
          engine.checkInvariants();
        } catch (AssertionError e) {
          throw new AssertionError("After step " + step + ", " + op + ": " + e.getMessage(), e);
        }
      }
    }
    // The scenarios must reach the states worth checking, or the property proves little.
    Statistics.label("steps")
        .coverage(
            coverage -> {
              coverage.check("Create", "done").count(n -> n > 0);
              coverage.check("Create", "refused NO_FREE_VN").count(n -> n > 0);
              coverage.check("Create", "refused DUPLICATE_IN_GROUP").count(n -> n > 0);
              coverage.check("UpdateParties", "done").count(n -> n > 0);
              coverage.check("MoveVn", "done").count(n -> n > 0);
              coverage.check("Delete", "done").count(n -> n > 0);
              coverage.check("Advance", "expired some").count(n -> n > 0);
              coverage.check("PinCall", "after PIN: Bridge").count(n -> n > 0);
              coverage.check("PinCall", "after PIN: reject ONEWAY").count(n -> n > 0);
              coverage.check("EnterPin", "after PIN: Bridge").count(n -> n > 0);
            });
  }

  /**
   * A failure the property found (a caller who became a member while at a PIN prompt), pinned
   * down in its simplest form: one caller, two calls at once. While the second call waits at its
   * PIN prompt, the first joins the B party with the B PIN. Keying the A PIN on the second call
   * must then route the caller as the B member they are, like any call from that number now:
   * refused, the allocation being oneway; never bridged to the B party, themselves included.
   */
  @Example
  void aCallerWhoJoinedOneSideMeanwhileIsRoutedByThatSideWhateverPinTheyKeyNext() {
    try (Engine engine = new Engine()) {
      Allocation order =
          engine.service.create(
              SID,
              AllocationRequest.builder()
                  .connectionId("order-1")
                  .aPartyNumbers("+919876543210")
                  .bPartyNumbers("+919800000001")
                  .aPartyPins(1111)
                  .bPartyPins(2222)
                  .usage(Usage.ONEWAY)
                  .build());
      String vn = order.greenvn().e164();
      String caller = "+919800000050";
      CallSession first = engine.greenVn.startCall("call-1", vn, caller);
      CallSession second = engine.greenVn.startCall("call-2", vn, caller);
      assertThat(first.decision()).isInstanceOf(PromptPin.class);
      assertThat(second.decision()).isInstanceOf(PromptPin.class);
      assertThat(first.enterPin("2222")).isEqualTo(engine.greenVn.route(vn, caller));
      assertThat(engine.service.get(SID, order.greenvnId()).bPartyNumbers())
          .contains(PhoneNumber.of(caller));

      RoutingDecision decision = second.enterPin("1111");

      assertThat(decision)
          .as("a B caller of a oneway allocation keying its A PIN")
          .isEqualTo(engine.greenVn.route(vn, caller))
          .isInstanceOf(Reject.class);
    }
  }

  // ------------------------------------------------------------------ the engine under test

  private static final class Engine implements AutoCloseable {
    private final MutableClock clock =
        MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final GreenVn greenVn;
    private final AllocationService service;
    /** Every allocation ever created, by creation order. */
    private final List<String> ids = new ArrayList<>();
    private final List<String> connections = new ArrayList<>();
    private final List<CallSession> waiting = new ArrayList<>();
    private int calls;

    Engine() {
      Tenant.Builder tenant = Tenant.builder(SID);
      for (int i = 0; i < VNS.size(); i++) {
        tenant.number(VNS.get(i), i == 1 ? Region.KA : Region.AP, NumberType.LANDLINE);
      }
      greenVn =
          GreenVn.builder()
              .clock(clock)
              .expirySweep(Duration.ZERO)
              .tenant(tenant.build())
              .build();
      service = greenVn.allocations();
    }

    @Override
    public void close() {
      greenVn.close();
    }

    /** Applies one step; returns what happened, for the statistics. */
    String apply(Op op) {
      List<Allocation> before = ids.stream().map(id -> service.get(SID, id)).toList();
      List<VnLoad> loadsBefore = service.utilisation(SID);
      try {
        if (op instanceof Create c) {
          create(c);
        } else if (op instanceof UpdateParties u) {
          return target(u.target()).map(id -> updateParties(id, u)).orElse("skipped");
        } else if (op instanceof MoveVn m) {
          return target(m.target()).map(id -> move(id, m)).orElse("skipped");
        } else if (op instanceof Delete d) {
          return target(d.target()).map(this::delete).orElse("skipped");
        } else if (op instanceof Advance a) {
          clock.advance(Duration.ofMinutes(a.minutes()));
          return greenVn.expireDue() > 0 ? "expired some" : "expired none";
        } else if (op instanceof PinCall p) {
          return pinCall(p);
        } else if (op instanceof OpenCall o) {
          return openCall(o);
        } else if (op instanceof EnterPin e) {
          return enterPin(e);
        }
        return "done";
      } catch (GreenVnException refused) {
        // A refusal is a legal outcome, and it changes nothing.
        assertThat(ids.stream().map(id -> service.get(SID, id)).toList())
            .as("allocations after a refusal (%s)", refused.code())
            .isEqualTo(before);
        assertThat(service.utilisation(SID))
            .as("loads after a refusal (%s)", refused.code())
            .isEqualTo(loadsBefore);
        return "refused " + refused.code();
      }
    }

    private Optional<String> target(int index) {
      return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(index % ids.size()));
    }

    private void create(Create c) {
      String connection =
          c.connection() < connections.size()
              ? connections.get(c.connection())
              : "order-" + connections.size();
      AllocationRequest.Builder request =
          AllocationRequest.builder()
              .connectionId(connection)
              .aPartyNumbers(c.a())
              .bPartyNumbers(c.b())
              .aPartyPins(c.aPins())
              .bPartyPins(c.bPins())
              .usage(c.usage())
              .deallocationDuration(c.minutes() + "m");
      c.vn().ifPresent(vn -> request.strict(vn.strict()).preferences(vn.preferences()));
      Allocation created = service.create(SID, request.build());
      ids.add(created.greenvnId());
      if (!connections.contains(connection)) {
        connections.add(connection);
      }
      assertThat(created.isActive()).isTrue();
      assertThat(service.get(SID, created.greenvnId())).isEqualTo(created);
    }

    private String updateParties(String id, UpdateParties u) {
      CallPartyUpdate.Builder update = CallPartyUpdate.builder();
      u.a().ifPresent(update::aPartyNumbers);
      u.b().ifPresent(update::bPartyNumbers);
      u.aPins().ifPresent(update::aPartyPins);
      u.bPins().ifPresent(update::bPartyPins);
      u.usage().ifPresent(update::usage);
      Allocation updated = service.updateCallParty(SID, id, update.build());
      assertThat(service.get(SID, id)).isEqualTo(updated);
      return "done";
    }

    private String move(String id, MoveVn m) {
      VnUpdate update =
          m.vn()
              .map(vn -> new VnUpdate(vn.strict(), vn.preferences()))
              .orElse(VnUpdate.anyNumber());
      Allocation moved = service.updateVn(SID, id, update);
      assertThat(service.get(SID, id)).isEqualTo(moved);
      return "done";
    }

    private String delete(String id) {
      Allocation deleted = service.delete(SID, id);
      assertThat(deleted.isActive()).isFalse();
      assertThat(service.get(SID, id)).isEqualTo(deleted);
      return "done";
    }

    private CallSession start(String caller, int vnPick) {
      List<String> pinned =
          activeNow().stream()
              .filter(Allocation::hasPins)
              .map(a -> a.greenvn().e164())
              .distinct()
              .sorted()
              .toList();
      String vn =
          vnPick < 3 && !pinned.isEmpty()
              ? pinned.get(vnPick % pinned.size())
              : VNS.get(vnPick % VNS.size());
      return greenVn.startCall("call-" + calls++, vn, caller);
    }

    private String keyed(CallSession session, int pick) {
      if (pick >= PINS.size()) {
        return WRONG.get(pick - PINS.size());
      }
      PhoneNumber vn = session.greenvn().orElseThrow();
      List<String> live =
          activeNow().stream()
              .filter(a -> a.greenvn().equals(vn))
              .flatMap(a -> a.allPins().stream())
              .map(Pin::digits)
              .sorted()
              .toList();
      return live.isEmpty() ? PINS.get(pick).toString() : live.get(pick % live.size());
    }

    private List<Allocation> activeNow() {
      return ids.stream().map(id -> service.get(SID, id)).filter(Allocation::isActive).toList();
    }

    private String pinCall(PinCall p) {
      CallSession session = start(p.caller(), p.vn());
      if (!(session.decision() instanceof PromptPin)) {
        return "not prompted: " + kind(session.decision());
      }
      RoutingDecision decision = session.enterPin(keyed(session, p.keyed()));
      checkDecisionAfterPin(session, decision);
      return "after PIN: " + kind(decision);
    }

    private String openCall(OpenCall o) {
      CallSession session = start(o.caller(), o.vn());
      if (!(session.decision() instanceof PromptPin)) {
        return "not prompted: " + kind(session.decision());
      }
      waiting.add(session);
      return "waiting";
    }

    private String enterPin(EnterPin e) {
      if (waiting.isEmpty()) {
        return "skipped";
      }
      CallSession session = waiting.remove(e.session() % waiting.size());
      RoutingDecision decision = session.enterPin(keyed(session, e.keyed()));
      checkDecisionAfterPin(session, decision);
      if (decision instanceof PromptPin) {
        waiting.add(session);
      }
      return "after PIN: " + kind(decision);
    }

    private static String kind(RoutingDecision decision) {
      return decision instanceof Reject reject
          ? "reject " + reject.reason()
          : decision.getClass().getSimpleName();
    }

    /** A bridge or a oneway refusal after a PIN obeys the same rules as any other call. */
    private void checkDecisionAfterPin(CallSession session, RoutingDecision decision) {
      PhoneNumber caller = session.caller().orElseThrow();
      PhoneNumber vn = session.greenvn().orElseThrow();
      if (decision instanceof Bridge bridge) {
        Allocation matched = service.get(SID, bridge.greenvnId());
        assertThat(matched.isActive()).as("bridged through an active allocation").isTrue();
        assertThat(matched.greenvn()).as("bridged through the dialled number").isEqualTo(vn);
        assertThat(matched.partyOf(caller))
            .as("side of %s in %s, bridged as %s", caller, matched, bridge.callerParty())
            .contains(bridge.callerParty());
        assertThat(bridge.targets())
            .as("targets of a PIN caller")
            .isEqualTo(matched.numbers(bridge.callerParty().other()))
            .doesNotContain(caller);
        assertThat(bridge.callerIdToPresent()).isEqualTo(vn);
      } else if (decision instanceof Reject reject && reject.reason() == RejectReason.ONEWAY) {
        Allocation matched = service.get(SID, session.allocation().orElseThrow().greenvnId());
        assertThat(matched.usage()).isEqualTo(Usage.ONEWAY);
        assertThat(matched.partyOf(caller)).contains(Party.B);
      }
    }

    // ---------------------------------------------------------------- invariants

    void checkInvariants() {
      List<Allocation> all = ids.stream().map(id -> service.get(SID, id)).toList();
      List<Allocation> active = all.stream().filter(Allocation::isActive).toList();
      Map<String, Allocation> holders = checkNothingHeldTwice(active); // (a)
      checkRouting(active, holders);
      checkVaultRoutesNobody(all);
      checkLoads(active);
    }

    /** (b) and (c): every caller of the universe on every number routes as the model says. */
    private void checkRouting(List<Allocation> active, Map<String, Allocation> holders) {
      for (String vnText : VNS) {
        PhoneNumber vn = PhoneNumber.of(vnText);
        boolean pinsOnVn =
            active.stream().anyMatch(a -> a.greenvn().equals(vn) && a.hasPins());
        for (String callerText : CALLERS) {
          PhoneNumber caller = PhoneNumber.of(callerText);
          RoutingDecision decision = greenVn.route(vnText, callerText);
          Allocation holder = holders.get(vn + "|" + caller);
          String context = callerText + " calling " + vnText + " got " + decision;
          if (holder == null) {
            if (pinsOnVn) {
              assertThat(
                      decision instanceof PromptPin
                          || isReject(decision, RejectReason.LOCKED_OUT)
                          || isReject(decision, RejectReason.THROTTLED))
                  .as(context + "; expected a PIN prompt (no allocation holds the caller)")
                  .isTrue();
            } else {
              assertThat(isReject(decision, RejectReason.NOT_IN_SERVICE))
                  .as(context + "; expected not in service")
                  .isTrue();
            }
            continue;
          }
          Party party = holder.partyOf(caller).orElseThrow();
          if (party == Party.B && holder.usage() == Usage.ONEWAY) {
            assertThat(isReject(decision, RejectReason.ONEWAY))
                .as(context + "; expected oneway reject by " + holder)
                .isTrue();
          } else {
            assertThat(decision).as(context).isInstanceOf(Bridge.class);
            Bridge bridge = (Bridge) decision;
            assertThat(bridge.greenvnId()).as(context).isEqualTo(holder.greenvnId());
            assertThat(bridge.callerParty()).as(context).isEqualTo(party);
            assertThat(bridge.targets())
                .as(context)
                .isEqualTo(holder.numbers(party.other()));
            assertThat(bridge.callerIdToPresent()).as(context).isEqualTo(vn);
          }
        }
      }
    }

    /** (c) once more, from the vault's side: none of its numbers reaches it. */
    private void checkVaultRoutesNobody(List<Allocation> all) {
      for (Allocation vaulted : all) {
        if (vaulted.isActive()) {
          continue;
        }
        for (PhoneNumber number : vaulted.allNumbers()) {
          RoutingDecision decision = greenVn.route(vaulted.greenvn().e164(), number.e164());
          if (decision instanceof Bridge bridge) {
            assertThat(bridge.greenvnId())
                .as("%s calling %s of vaulted %s", number, vaulted.greenvn(), vaulted)
                .isNotEqualTo(vaulted.greenvnId());
          }
        }
      }
    }

    /** (d) The pool's loads are the active allocations per number. */
    private void checkLoads(List<Allocation> active) {
      Map<PhoneNumber, Long> expected =
          active.stream()
              .collect(Collectors.groupingBy(Allocation::greenvn, Collectors.counting()));
      Map<PhoneNumber, Long> loads = new HashMap<>();
      for (VnLoad load : service.utilisation(SID)) {
        if (load.activeAllocations() != 0) {
          loads.put(load.number().number(), (long) load.activeAllocations());
        }
      }
      assertThat(loads).as("pool loads").isEqualTo(expected);
    }

    private static boolean isReject(RoutingDecision decision, RejectReason reason) {
      return decision instanceof Reject reject && reject.reason() == reason;
    }
  }
}
