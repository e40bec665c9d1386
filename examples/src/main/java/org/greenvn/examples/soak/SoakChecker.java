package org.greenvn.examples.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what the soak acknowledged and played with what the server shows, stored and reported.
 * A pure function of a {@link SoakEvidence}: every rule below yields {@link Violation}s, none
 * throws.
 *
 * <ul>
 *   <li>{@code double-booking}: no (VN, number) and no (VN, PIN) on two active allocations, in
 *       the API's reads and in the SQLite file;
 *   <li>{@code wrong-state}: each acknowledged allocation is active with its last acknowledged
 *       parties, or in the vault when deleted or expired; the file's active set is the API's;
 *   <li>{@code missing-event}, {@code duplicate-event}, {@code unexpected-event}: one deallocation
 *       event per expiry (with the last parties) and none for deletes or live allocations; one
 *       call event per call matched to an allocation, with its status; one successful
 *       verification per right PIN, one failed one per wrong attempt, one out-of-allocation event
 *       per unmatched call; no event the soak did not cause;
 *   <li>{@code undelivered-webhook}: the outbox is empty (metrics and file) and every refused
 *       delivery came back; {@code bad-signature}: every request verified;
 *   <li>{@code operational}: whatever broke on the way.
 * </ul>
 *
 * <p>{@link #resources} checks heap and threads against their baseline ({@code resources}).
 */
final class SoakChecker {

  private SoakChecker() {}

  /** Every violation the evidence shows, in rule order; empty when the soak passed. */
  static List<Violation> check(SoakEvidence evidence) {
    List<Violation> violations = new ArrayList<>();
    for (String error : evidence.operationalErrors()) {
      violations.add(new Violation("operational", error));
    }
    List<ObservedAllocation> activeReads =
        evidence.apiReads().values().stream().filter(ObservedAllocation::active).toList();
    violations.addAll(doubleBookings("API", activeReads));
    violations.addAll(doubleBookings("SQLite file", evidence.storedActive()));
    violations.addAll(states(evidence));
    violations.addAll(deallocationEvents(evidence));
    violations.addAll(callEvents(evidence));
    violations.addAll(webhooks(evidence));
    return violations;
  }

  /** No number and no PIN on two active allocations of one VN. */
  static List<Violation> doubleBookings(String source, Collection<ObservedAllocation> active) {
    Map<String, String> holders = new HashMap<>();
    List<Violation> violations = new ArrayList<>();
    for (ObservedAllocation allocation : active) {
      Parties p = allocation.parties();
      Set<String> keys = new HashSet<>();
      for (String number : p.aNumbers()) {
        keys.add("number " + number);
      }
      for (String number : p.bNumbers()) {
        keys.add("number " + number);
      }
      for (Long pin : p.aPins()) {
        keys.add("pin " + pin);
      }
      for (Long pin : p.bPins()) {
        keys.add("pin " + pin);
      }
      for (String key : keys) {
        String holder = holders.putIfAbsent(p.vn() + " " + key, allocation.greenvnId());
        if (holder != null) {
          // A PIN never shows in a report: which allocations share one is enough to find it.
          String what = key.startsWith("pin ") ? "a PIN" : key;
          violations.add(
              new Violation(
                  "double-booking",
                  source + ": (" + p.vn() + ", " + what + ") on active allocations " + holder
                      + " and " + allocation.greenvnId()));
        }
      }
    }
    return violations;
  }

  private static List<Violation> states(SoakEvidence evidence) {
    List<Violation> violations = new ArrayList<>();
    Set<String> expectedActive = new TreeSet<>();
    for (ExpectedAllocation expected : evidence.allocations()) {
      ObservedAllocation read = evidence.apiReads().get(expected.greenvnId());
      if (read == null) {
        violations.add(
            new Violation(
                "wrong-state", expected.greenvnId() + ": acknowledged but not readable"));
        continue;
      }
      if (expected.end() == EndState.ACTIVE) {
        expectedActive.add(expected.greenvnId());
      }
      if (!expected.certain()) {
        continue;
      }
      String wantState = expected.end() == EndState.ACTIVE ? "active" : "vault";
      if (!wantState.equals(read.state())) {
        violations.add(
            new Violation(
                "wrong-state",
                expected.greenvnId() + ": " + read.state() + ", expected " + wantState + " ("
                    + expected.end().name().toLowerCase() + ")"));
      } else if (expected.end() == EndState.ACTIVE) {
        String diff = expected.parties().differenceFrom(read.parties());
        if (!diff.isEmpty()) {
          violations.add(
              new Violation(
                  "wrong-state",
                  expected.greenvnId() + ": not its last acknowledged parties: " + diff));
        }
      }
    }
    Set<String> uncertain = new HashSet<>();
    for (ExpectedAllocation expected : evidence.allocations()) {
      if (!expected.certain()) {
        uncertain.add(expected.greenvnId());
      }
    }
    Set<String> stored = new TreeSet<>();
    for (ObservedAllocation allocation : evidence.storedActive()) {
      stored.add(allocation.greenvnId());
    }
    for (String id : difference(stored, expectedActive)) {
      if (!uncertain.contains(id)) {
        violations.add(
            new Violation("wrong-state", id + ": active in the SQLite file, not in the ledger"));
      }
    }
    for (String id : difference(expectedActive, stored)) {
      if (!uncertain.contains(id)) {
        violations.add(
            new Violation("wrong-state", id + ": expected active, not active in the SQLite file"));
      }
    }
    return violations;
  }

  private static List<Violation> deallocationEvents(SoakEvidence evidence) {
    List<Violation> violations = new ArrayList<>();
    Map<String, List<Delivery>> byId = new HashMap<>();
    for (Delivery delivery : evidence.deliveries()) {
      if (delivery.type().equals("deallocation")) {
        byId.computeIfAbsent(text(delivery.body(), "greenvn_id"), k -> new ArrayList<>())
            .add(delivery);
      }
    }
    Set<String> known = new HashSet<>();
    for (ExpectedAllocation expected : evidence.allocations()) {
      known.add(expected.greenvnId());
      List<Delivery> events = byId.getOrDefault(expected.greenvnId(), List.of());
      if (events.size() > 1) {
        violations.add(
            new Violation(
                "duplicate-event",
                expected.greenvnId() + ": " + events.size() + " deallocation events "
                    + ids(events)));
        continue;
      }
      if (!expected.certain()) {
        continue;
      }
      boolean due = expected.end() == EndState.EXPIRED;
      if (due && events.isEmpty()) {
        violations.add(
            new Violation("missing-event", expected.greenvnId() + ": expired, no deallocation"
                + " event"));
      } else if (!due && !events.isEmpty()) {
        violations.add(
            new Violation(
                "unexpected-event",
                expected.greenvnId() + ": deallocation event for an allocation "
                    + expected.end().name().toLowerCase() + " " + ids(events)));
      } else if (due) {
        Parties reported = partiesOf(events.get(0).body());
        String diff = expected.parties().differenceFrom(reported);
        if (!diff.isEmpty()) {
          violations.add(
              new Violation(
                  "wrong-event",
                  expected.greenvnId() + ": deallocation event not of its last parties: "
                      + diff));
        }
        if (!"vault".equals(text(events.get(0).body(), "state"))) {
          violations.add(
              new Violation("wrong-event", expected.greenvnId() + ": deallocation event state "
                  + text(events.get(0).body(), "state")));
        }
      }
    }
    for (Map.Entry<String, List<Delivery>> entry : byId.entrySet()) {
      if (!known.contains(entry.getKey())) {
        violations.add(
            new Violation(
                "unexpected-event",
                "deallocation event for " + entry.getKey() + ", which the soak never"
                    + " allocated " + ids(entry.getValue())));
      }
    }
    return violations;
  }

  private static List<Violation> callEvents(SoakEvidence evidence) {
    List<Violation> violations = new ArrayList<>();
    Map<String, List<Delivery>> calls = bySid(evidence.deliveries(), "call", "call_sid");
    Map<String, List<Delivery>> failed =
        bySid(evidence.deliveries(), "verification_failed", "call_sid");
    Map<String, List<Delivery>> unmatched =
        bySid(evidence.deliveries(), "out_of_allocation", "call_sid");
    // A successful verification names no call: its caller is new for each PIN call.
    Map<String, List<Delivery>> joins =
        bySid(evidence.deliveries(), "verification_succeeded", "caller");
    Set<String> sids = new HashSet<>();
    Set<String> joiners = new HashSet<>();
    for (ExpectedCall call : evidence.calls()) {
      sids.add(call.callSid());
      if (call.joinCaller() != null) {
        joiners.add(call.joinCaller());
      }
      String label = call.scenario() + " call " + call.callSid();
      List<Delivery> callEvents = calls.getOrDefault(call.callSid(), List.of());
      List<Delivery> failures = failed.getOrDefault(call.callSid(), List.of());
      List<Delivery> outs = unmatched.getOrDefault(call.callSid(), List.of());
      List<Delivery> joined =
          call.joinCaller() == null ? List.of() : joins.getOrDefault(call.joinCaller(), List.of());
      if (callEvents.size() > 1) {
        violations.add(new Violation("duplicate-event", label + ": " + callEvents.size()
            + " call events " + ids(callEvents)));
      }
      if (outs.size() > 1) {
        violations.add(new Violation("duplicate-event", label + ": " + outs.size()
            + " out-of-allocation events " + ids(outs)));
      }
      if (joined.size() > 1) {
        violations.add(new Violation("duplicate-event", label + ": " + joined.size()
            + " successful verification events " + ids(joined)));
      }
      if (!call.certain()) {
        continue;
      }
      if (call.callStatus() == null && !callEvents.isEmpty()) {
        violations.add(new Violation("unexpected-event", label + ": a call event "
            + ids(callEvents) + " (" + text(callEvents.get(0).body(), "dial_call_status")
            + ") where none was due"));
      } else if (call.callStatus() != null && callEvents.isEmpty()) {
        violations.add(new Violation("missing-event", label + ": no call event (expected "
            + call.callStatus() + ")"));
      } else if (call.callStatus() != null && callEvents.size() == 1) {
        JsonNode body = callEvents.get(0).body();
        if (!call.callStatus().equals(text(body, "dial_call_status"))) {
          violations.add(new Violation("wrong-event", label + ": dial_call_status "
              + text(body, "dial_call_status") + ", expected " + call.callStatus()));
        }
        if (!Objects.equals(call.greenvnId(), text(body, "greenvn_id"))) {
          violations.add(new Violation("wrong-event", label + ": call event names allocation "
              + text(body, "greenvn_id") + ", expected " + call.greenvnId()));
        }
      }
      if (failures.size() != call.failedVerifications()) {
        violations.add(new Violation(
            failures.size() > call.failedVerifications() ? "unexpected-event" : "missing-event",
            label + ": " + failures.size() + " failed verification events, expected "
                + call.failedVerifications()));
      }
      if (call.outOfAllocation() != (outs.size() == 1) && outs.size() <= 1) {
        violations.add(new Violation(
            call.outOfAllocation() ? "missing-event" : "unexpected-event",
            label + ": " + outs.size() + " out-of-allocation events, expected "
                + (call.outOfAllocation() ? 1 : 0)));
      }
      if (call.joinCaller() != null) {
        if (joined.isEmpty()) {
          violations.add(new Violation("missing-event", label
              + ": no successful verification event for its right PIN"));
        } else if (!Objects.equals(call.greenvnId(), text(joined.get(0).body(), "greenvn_id"))) {
          violations.add(new Violation("wrong-event", label
              + ": successful verification names allocation "
              + text(joined.get(0).body(), "greenvn_id") + ", expected " + call.greenvnId()));
        }
      }
    }
    unknownSids(violations, calls, sids, "call");
    unknownSids(violations, failed, sids, "failed verification");
    unknownSids(violations, unmatched, sids, "out-of-allocation");
    unknownSids(violations, joins, joiners, "successful verification (by caller)");
    return violations;
  }

  private static void unknownSids(
      List<Violation> violations, Map<String, List<Delivery>> bySid, Set<String> known,
      String what) {
    for (Map.Entry<String, List<Delivery>> entry : bySid.entrySet()) {
      if (!known.contains(entry.getKey())) {
        violations.add(new Violation("unexpected-event", what + " event for " + entry.getKey()
            + ", which the soak never played " + ids(entry.getValue())));
      }
    }
  }

  private static List<Violation> webhooks(SoakEvidence evidence) {
    List<Violation> violations = new ArrayList<>();
    if (evidence.metricsBacklog() != 0) {
      violations.add(new Violation("undelivered-webhook",
          "greenvn_webhook_backlog is " + evidence.metricsBacklog() + " after the drain"));
    }
    if (evidence.storedOutboxRows() != 0) {
      violations.add(new Violation("undelivered-webhook",
          evidence.storedOutboxRows() + " webhook rows left in the SQLite outbox"));
    }
    for (String id : evidence.undeliveredWebhookIds()) {
      violations.add(new Violation("undelivered-webhook",
          id + " was refused by the receiver and never delivered"));
    }
    if (evidence.badSignatures() != 0) {
      violations.add(new Violation("bad-signature",
          evidence.badSignatures() + " webhook requests did not verify"));
    }
    return violations;
  }

  /** Heap within its slack; no new thread family beyond the lazy ones; pools within slack. */
  static List<Violation> resources(
      ResourceSnapshot baseline, ResourceSnapshot end, ResourceTolerance tolerance) {
    List<Violation> violations = new ArrayList<>();
    long growth = end.heapUsedBytes() - baseline.heapUsedBytes();
    if (growth > tolerance.heapSlackBytes()) {
      violations.add(new Violation("resources", String.format(
          "heap after GC grew by %.1f MiB (%d -> %d bytes), more than the %.1f MiB allowed",
          growth / 1048576.0, baseline.heapUsedBytes(), end.heapUsedBytes(),
          tolerance.heapSlackBytes() / 1048576.0)));
    }
    for (Map.Entry<String, Integer> family : end.threads().entrySet()) {
      int before = baseline.threads().getOrDefault(family.getKey(), 0);
      int after = family.getValue();
      boolean known = before > 0 || tolerance.lazyFamilies().contains(family.getKey());
      if (!known) {
        violations.add(new Violation("resources", "threads '" + family.getKey() + "': " + after
            + " after the run, none at the baseline"));
      } else if (after > before + tolerance.poolSlack()) {
        violations.add(new Violation("resources", "threads '" + family.getKey() + "': " + after
            + " after the run, " + before + " at the baseline (slack " + tolerance.poolSlack()
            + ")"));
      }
    }
    return violations;
  }

  private static Map<String, List<Delivery>> bySid(
      List<Delivery> deliveries, String type, String field) {
    Map<String, List<Delivery>> map = new HashMap<>();
    for (Delivery delivery : deliveries) {
      if (delivery.type().equals(type)) {
        map.computeIfAbsent(text(delivery.body(), field), k -> new ArrayList<>()).add(delivery);
      }
    }
    return map;
  }

  /** The parties a deallocation event reports ({@code [null]} is a side without PINs). */
  static Parties partiesOf(JsonNode body) {
    return new Parties(
        text(body, "greenvn"),
        texts(body.path("aparty_numbers")),
        texts(body.path("bparty_numbers")),
        longs(body.path("aparty_pins")),
        longs(body.path("bparty_pins")),
        text(body, "usage"));
  }

  static Set<String> texts(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }

  static Set<Long> longs(JsonNode array) {
    Set<Long> values = new TreeSet<>();
    array.forEach(n -> {
      if (!n.isNull() && !n.asText().isEmpty() && !n.asText().equals("null")) {
        values.add(n.asLong());
      }
    });
    return values;
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.path(field);
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static List<String> ids(List<Delivery> deliveries) {
    return deliveries.stream().map(Delivery::webhookId).toList();
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }
}
