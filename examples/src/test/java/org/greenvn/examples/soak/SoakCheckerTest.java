package org.greenvn.examples.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checker finds what it is meant to find: a clean record passes, and each planted fault
 * (double booking, missing, duplicate and unexpected events, wrong states, undelivered webhooks,
 * grown heap and threads) is reported with its kind and ids.
 */
class SoakCheckerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VN = "+918041234560";
  private static final String OTHER_VN = "+911141234560";

  private final List<ExpectedAllocation> allocations = new ArrayList<>();
  private final List<ExpectedCall> calls = new ArrayList<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final Map<String, ObservedAllocation> reads = new HashMap<>();
  private final List<ObservedAllocation> stored = new ArrayList<>();
  private final List<String> undelivered = new ArrayList<>();
  private long backlog;
  private long outboxRows;
  private int webhookIds;

  /** A small run with every kind of outcome, all as it should be. */
  private void cleanRun() {
    Parties live = parties(VN, "+919876500010", "+919800010010", 123456L);
    Parties expired = parties(OTHER_VN, "+919876500011", "+919800010011", null);
    Parties deleted = parties(VN, "+919876500012", "+919800010012", 134567L);
    allocations.add(new ExpectedAllocation("live", "c1", live, EndState.ACTIVE, true));
    allocations.add(new ExpectedAllocation("expired", "c2", expired, EndState.EXPIRED, true));
    allocations.add(new ExpectedAllocation("deleted", "c3", deleted, EndState.DELETED, true));
    reads.put("live", new ObservedAllocation("live", "active", live));
    reads.put("expired", new ObservedAllocation("expired", "vault", expired));
    reads.put("deleted", new ObservedAllocation("deleted", "vault", deleted));
    stored.add(new ObservedAllocation("live", "active", live));
    deliver("deallocation", deallocation("expired", expired));

    calls.add(new ExpectedCall("1.1", "a-bridged", "live", "completed", null, 0, false, true));
    deliver("call", call("1.1", "live", "completed"));
    calls.add(new ExpectedCall("1.2", "pin-right", "live", "completed", "+917000000001", 0,
        false, true));
    deliver("verification_succeeded", JSON.createObjectNode().put("caller", "+917000000001")
        .put("greenvn_id", "live").put("greenvn", VN));
    deliver("call", call("1.2", "live", "completed"));
    calls.add(new ExpectedCall("1.3", "pin-wrong", "live", null, null, 3, false, true));
    for (int i = 0; i < 3; i++) {
      deliver("verification_failed", JSON.createObjectNode().put("call_sid", "1.3"));
    }
    calls.add(new ExpectedCall("1.4", "out-of-allocation", null, null, null, 0, true, true));
    deliver("out_of_allocation", JSON.createObjectNode().put("call_sid", "1.4"));
    calls.add(new ExpectedCall("1.5", "hangup-at-pin", "live", null, null, 0, false, true));
  }

  private List<Violation> check() {
    return SoakChecker.check(
        new SoakEvidence(allocations, calls, deliveries, reads, stored, backlog, outboxRows,
            undelivered, 0, List.of()));
  }

  @Test
  void aCleanRunPasses() {
    cleanRun();
    assertThat(check()).isEmpty();
  }

  @Test
  void aNumberOnTwoActiveAllocationsOfOneVnIsADoubleBooking() {
    cleanRun();
    Parties clash = parties(VN, "+919876500010", "+919800010099", null);
    stored.add(new ObservedAllocation("intruder", "active", clash));

    assertThat(check())
        .anySatisfy(v -> {
          assertThat(v.kind()).isEqualTo("double-booking");
          assertThat(v.detail()).contains("SQLite file", VN, "+919876500010", "live", "intruder");
        });
  }

  @Test
  void aPinOnTwoActiveAllocationsOfOneVnIsADoubleBookingAndIsNotPrinted() {
    cleanRun();
    reads.put("twin", new ObservedAllocation("twin", "active",
        parties(VN, "+919876500050", "+919800010050", 123456L)));

    List<Violation> violations = check();
    assertThat(violations)
        .filteredOn(v -> v.kind().equals("double-booking"))
        .singleElement()
        .satisfies(v -> assertThat(v.detail())
            .isEqualTo("API: (" + VN + ", a PIN) on active allocations live and twin"));
  }

  @Test
  void theSameNumberOnTwoVnsIsNoDoubleBooking() {
    cleanRun();
    reads.put("elsewhere", new ObservedAllocation("elsewhere", "active",
        parties(OTHER_VN, "+919876500010", "+919800010010", 123456L)));

    assertThat(check()).noneMatch(v -> v.kind().equals("double-booking"));
  }

  @Test
  void anExpiryWithoutItsEventIsMissing() {
    cleanRun();
    deliveries.removeIf(d -> d.type().equals("deallocation"));

    assertThat(check()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo("missing-event");
      assertThat(v.detail()).contains("expired", "no deallocation event");
    });
  }

  @Test
  void aSecondDeallocationEventUnderAnotherWebhookIdIsADuplicate() {
    cleanRun();
    deliver("deallocation", deallocation("expired",
        parties(OTHER_VN, "+919876500011", "+919800010011", null)));

    assertThat(check()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo("duplicate-event");
      assertThat(v.detail()).contains("expired", "2 deallocation events");
    });
  }

  @Test
  void aDeleteReportedAsADeallocationIsUnexpected() {
    cleanRun();
    deliver("deallocation", deallocation("deleted",
        parties(VN, "+919876500012", "+919800010012", 134567L)));

    assertThat(check()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo("unexpected-event");
      assertThat(v.detail()).contains("deleted");
    });
  }

  @Test
  void aDeallocationEventWithOtherPartiesThanTheLastAcknowledgedIsWrong() {
    cleanRun();
    deliveries.removeIf(d -> d.type().equals("deallocation"));
    deliver("deallocation", deallocation("expired",
        parties(OTHER_VN, "+919876500011", "+919800010077", null)));

    assertThat(check()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo("wrong-event");
      assertThat(v.detail()).contains("+919800010077");
    });
  }

  @Test
  void aCompletedCallWithoutItsEventIsMissing() {
    cleanRun();
    deliveries.removeIf(d -> d.type().equals("call")
        && d.body().path("call_sid").asText().equals("1.1"));

    assertThat(check()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo("missing-event");
      assertThat(v.detail()).contains("a-bridged call 1.1", "no call event");
    });
  }

  @Test
  void twoCallEventsForOneCallAreADuplicate() {
    cleanRun();
    deliver("call", call("1.1", "live", "completed"));

    assertThat(check()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo("duplicate-event");
      assertThat(v.detail()).contains("1.1", "2 call events");
    });
  }

  @Test
  void aCallEventWithTheWrongStatusOrAllocationIsWrong() {
    cleanRun();
    deliveries.removeIf(d -> d.type().equals("call")
        && d.body().path("call_sid").asText().equals("1.1"));
    deliver("call", call("1.1", "expired", "busy"));

    assertThat(check())
        .extracting(Violation::kind, Violation::detail)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("wrong-event",
                "a-bridged call 1.1: dial_call_status busy, expected completed"),
            org.assertj.core.groups.Tuple.tuple("wrong-event",
                "a-bridged call 1.1: call event names allocation expired, expected live"));
  }

  @Test
  void aMissingFailedVerificationAndAMissingJoinAreReported() {
    cleanRun();
    deliveries.remove(deliveries.stream()
        .filter(d -> d.type().equals("verification_failed")).findFirst().orElseThrow());
    deliveries.removeIf(d -> d.type().equals("verification_succeeded"));

    assertThat(check())
        .extracting(Violation::detail)
        .containsExactlyInAnyOrder(
            "pin-wrong call 1.3: 2 failed verification events, expected 3",
            "pin-right call 1.2: no successful verification event for its right PIN");
  }

  @Test
  void anEventForACallTheSoakNeverPlayedIsUnexpected() {
    cleanRun();
    deliver("out_of_allocation", JSON.createObjectNode().put("call_sid", "9.9"));
    deliver("call", call("1.5", "live", "failed"));

    assertThat(check())
        .extracting(Violation::kind)
        .containsExactlyInAnyOrder("unexpected-event", "unexpected-event");
  }

  @Test
  void anUndeliveredWebhookIsReportedFromEachSource() {
    cleanRun();
    backlog = 2;
    outboxRows = 2;
    undelivered.add("msg_refused_forever");

    assertThat(check())
        .extracting(Violation::kind)
        .containsExactly("undelivered-webhook", "undelivered-webhook", "undelivered-webhook");
    assertThat(check().get(2).detail()).contains("msg_refused_forever");
  }

  @Test
  void anAllocationInTheWrongStateOrWithOtherPartiesIsReported() {
    cleanRun();
    reads.put("deleted", new ObservedAllocation("deleted", "active",
        parties(VN, "+919876500012", "+919800010012", 134567L)));
    reads.put("live", new ObservedAllocation("live", "active",
        parties(VN, "+919876500010", "+919800010099", 123456L)));

    assertThat(check())
        .extracting(Violation::kind, Violation::detail)
        .contains(
            org.assertj.core.groups.Tuple.tuple("wrong-state",
                "deleted: active, expected vault (deleted)"),
            org.assertj.core.groups.Tuple.tuple("wrong-state",
                "live: not its last acknowledged parties: bparty [+919800010099] !="
                    + " [+919800010010]"));
  }

  @Test
  void anActiveAllocationTheLedgerDoesNotKnowIsReported() {
    cleanRun();
    stored.add(new ObservedAllocation("stray", "active",
        parties(OTHER_VN, "+919876500060", "+919800010060", null)));

    assertThat(check()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo("wrong-state");
      assertThat(v.detail()).isEqualTo("stray: active in the SQLite file, not in the ledger");
    });
  }

  @Test
  void anUncertainAllocationSkipsItsPartiesButNotItsDuplicates() {
    cleanRun();
    allocations.set(1, new ExpectedAllocation("expired", "c2",
        parties(OTHER_VN, "+919876500011", "+919800010011", null), EndState.EXPIRED, false));
    reads.put("expired", new ObservedAllocation("expired", "vault",
        parties(OTHER_VN, "+919876500011", "+919800010088", null)));
    assertThat(check()).isEmpty();

    deliver("deallocation", deallocation("expired",
        parties(OTHER_VN, "+919876500011", "+919800010011", null)));
    assertThat(check()).extracting(Violation::kind).containsExactly("duplicate-event");
  }

  @Test
  void heapAndThreadsBackWithinTheirToleranceAreFine() {
    ResourceSnapshot baseline =
        new ResourceSnapshot(40L << 20, Map.of("main", 1, "greenvn-webhook-#", 4));
    ResourceSnapshot end =
        new ResourceSnapshot(50L << 20, Map.of("main", 1, "greenvn-webhook-#", 6,
            "ForkJoinPool.commonPool-worker-#", 1));

    assertThat(SoakChecker.resources(baseline, end, tolerance())).isEmpty();
  }

  @Test
  void grownHeapANewThreadFamilyAndAGrownPoolAreReported() {
    ResourceSnapshot baseline =
        new ResourceSnapshot(40L << 20, Map.of("main", 1, "greenvn-webhook-#", 4));
    ResourceSnapshot end =
        new ResourceSnapshot(70L << 20, Map.of("main", 1, "greenvn-webhook-#", 9,
            "greenvn-call-#", 1));

    assertThat(SoakChecker.resources(baseline, end, tolerance()))
        .extracting(Violation::detail)
        .containsExactlyInAnyOrder(
            "heap after GC grew by 30.0 MiB (41943040 -> 73400320 bytes), more than the 16.0"
                + " MiB allowed",
            "threads 'greenvn-call-#': 1 after the run, none at the baseline",
            "threads 'greenvn-webhook-#': 9 after the run, 4 at the baseline (slack 4)");
  }

  @Test
  void threadFamiliesIgnoreTheirNumbers() {
    assertThat(ResourceSnapshot.family("pool-3-thread-17")).isEqualTo("pool-#-thread-#");
    assertThat(ResourceSnapshot.family("greenvn-expiry")).isEqualTo("greenvn-expiry");
  }

  @Test
  void theBacklogIsReadFromThePrometheusPage() {
    String page = "# HELP greenvn_webhook_backlog Webhook deliveries not yet delivered\n"
        + "# TYPE greenvn_webhook_backlog gauge\n"
        + "greenvn_webhook_backlog 3.0\n"
        + "greenvn_allocation_creates_total{tenant=\"soak\"} 12.0\n";

    assertThat(Soak.backlog(page)).isEqualTo(3);
    assertThat(Soak.backlog("greenvn_other 1.0\n")).isEqualTo(-1);
    assertThat(Soak.backlog(null)).isEqualTo(-1);
  }

  private static ResourceTolerance tolerance() {
    return new ResourceTolerance(16L << 20, 4, Set.of("ForkJoinPool.commonPool-worker-#"));
  }

  private void deliver(String type, ObjectNode body) {
    deliveries.add(new Delivery("msg_" + (++webhookIds), type, body, 1));
  }

  private static Parties parties(String vn, String a, String b, Long bPin) {
    return new Parties(vn, Set.of(a), Set.of(b), Set.of(),
        bPin == null ? Set.of() : Set.of(bPin), "twoway");
  }

  private static ObjectNode call(String sid, String greenvnId, String status) {
    return JSON.createObjectNode().put("call_sid", sid).put("greenvn_id", greenvnId)
        .put("dial_call_status", status);
  }

  private static ObjectNode deallocation(String greenvnId, Parties p) {
    ObjectNode body = JSON.createObjectNode().put("greenvn_id", greenvnId)
        .put("greenvn", p.vn()).put("usage", p.usage()).put("state", "vault");
    p.aNumbers().forEach(body.putArray("aparty_numbers")::add);
    p.bNumbers().forEach(body.putArray("bparty_numbers")::add);
    body.putArray("aparty_pins").addNull();
    if (p.bPins().isEmpty()) {
      body.putArray("bparty_pins").addNull();
    } else {
      p.bPins().forEach(body.putArray("bparty_pins")::add);
    }
    return body;
  }
}
