package org.greenvn.examples.soak;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.examples.load.Allocation;
import org.greenvn.examples.load.ScenarioKind;
import org.greenvn.examples.load.SingleCall;

/**
 * One simulated Asterisk channel after another, played with the load bench's
 * {@link SingleCall} against the server's FastAGI port. Calls that need an allocation hold it
 * (no update can overlap them) and leave it alone near its expiry; each call is recorded with
 * the events it must cause. Bounded by a deadline and a call count.
 */
final class CallWorker implements Runnable {

  /** Calls on a short-lived allocation end well before this much time is left. */
  private static final long CALL_BUDGET_MILLIS = 6_000;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final Allocation FILLER = Allocation.TRANSCRIPT_DEFAULT;

  /** What a soak call does; the weights sum to 100. */
  enum Plan {
    A_BRIDGED(15),
    B_CALLS(12),
    BUSY(5),
    NO_ANSWER(4),
    HANGUP_RINGING(8),
    DIALPLAN_BRIDGED(8),
    DIALPLAN_BUSY(4),
    PIN_RIGHT(12),
    PIN_WRONG(10),
    HANGUP_AT_PIN(6),
    OUT_OF_ALLOCATION(12),
    NOT_A_VN(4);

    final int weight;

    Plan(int weight) {
      this.weight = weight;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final InetSocketAddress agi;
  private final Ledger ledger;
  private final SoakNumbers numbers;
  private final Random random;
  private final long deadlineNanos;
  private final long maxCalls;
  private final long epochSecond;
  private final AtomicLong callNumbers;

  CallWorker(
      InetSocketAddress agi,
      Ledger ledger,
      SoakNumbers numbers,
      long seed,
      long deadlineNanos,
      long maxCalls,
      long epochSecond,
      AtomicLong callNumbers) {
    this.agi = agi;
    this.ledger = ledger;
    this.numbers = numbers;
    this.random = new Random(seed);
    this.deadlineNanos = deadlineNanos;
    this.maxCalls = maxCalls;
    this.epochSecond = epochSecond;
    this.callNumbers = callNumbers;
  }

  @Override
  public void run() {
    for (long n = 0; n < maxCalls && System.nanoTime() < deadlineNanos; n++) {
      play(pickPlan());
    }
  }

  private Plan pickPlan() {
    int roll = random.nextInt(100);
    for (Plan plan : Plan.values()) {
      roll -= plan.weight;
      if (roll < 0) {
        return plan;
      }
    }
    return Plan.A_BRIDGED;
  }

  private void play(Plan plan) {
    switch (plan) {
      case OUT_OF_ALLOCATION -> {
        String region = SoakNumbers.PLAIN_REGIONS.get(random.nextInt(2));
        List<String> vns = SoakNumbers.INVENTORY.get(region);
        String vn = vns.get(random.nextInt(vns.size()));
        unmatched(plan, vn, true);
      }
      case NOT_A_VN -> unmatched(plan, SoakNumbers.NOT_A_VN, false);
      default -> {
        boolean pins = plan == Plan.PIN_RIGHT || plan == Plan.PIN_WRONG
            || plan == Plan.HANGUP_AT_PIN;
        long now = System.currentTimeMillis();
        TrackedAllocation held =
            ledger.take(
                random,
                a -> a.safeFor(now, CALL_BUDGET_MILLIS)
                    && (!pins || a.region.equals(SoakNumbers.PIN_REGION)
                        && a.parties().hasPins()));
        if (held == null) {
          ledger.count("call.skipped (no free allocation)");
          pause();
          return;
        }
        try {
          matched(plan, held);
        } finally {
          held.release();
        }
      }
    }
  }

  /** A call to a VN where no allocation can know the caller or ask for a PIN. */
  private void unmatched(Plan plan, String vn, boolean reported) {
    String caller = numbers.freshCaller();
    long callNumber = callNumbers.incrementAndGet();
    SingleCall.Result result =
        SingleCall.play(
            ScenarioKind.BRIDGED, new Allocation(vn, caller, FILLER.unknownCaller(), "1"),
            epochSecond, callNumber, agi, Duration.ZERO, READ_TIMEOUT, false);
    boolean ok = wireOk(plan, callNumber, result);
    ledger.call(new ExpectedCall(SingleCall.uniqueId(epochSecond, callNumber), plan.label(),
        null, null, null, 0, reported, ok));
  }

  private void matched(Plan plan, TrackedAllocation held) {
    Parties parties = held.parties();
    String vn = parties.vn();
    long callNumber = callNumbers.incrementAndGet();
    String sid = SingleCall.uniqueId(epochSecond, callNumber);
    ScenarioKind kind;
    Allocation channel;
    boolean dialplan = false;
    long hold = random.nextInt(300);
    String status = null;
    String joiner = null;
    boolean joinA = false;
    int failures = 0;
    switch (plan) {
      case A_BRIDGED, BUSY, NO_ANSWER, HANGUP_RINGING, DIALPLAN_BRIDGED, DIALPLAN_BUSY -> {
        channel = known(vn, pick(parties.aNumbers()));
        dialplan = plan == Plan.DIALPLAN_BRIDGED || plan == Plan.DIALPLAN_BUSY;
        kind = switch (plan) {
          case BUSY, DIALPLAN_BUSY -> ScenarioKind.BUSY;
          case NO_ANSWER -> ScenarioKind.NO_ANSWER;
          case HANGUP_RINGING -> ScenarioKind.CALLER_HANGUP;
          default -> ScenarioKind.BRIDGED;
        };
        status = switch (plan) {
          case BUSY, DIALPLAN_BUSY -> "busy";
          case NO_ANSWER -> "no-answer";
          case HANGUP_RINGING -> "canceled";
          default -> "completed";
        };
        if (plan == Plan.HANGUP_RINGING) {
          hold = new long[] {0, 300, 900}[random.nextInt(3)];
        }
      }
      case B_CALLS -> {
        channel = known(vn, pick(parties.bNumbers()));
        kind = ScenarioKind.BRIDGED;
        status = parties.usage().equals("twoway") ? "completed" : "failed";
      }
      case PIN_RIGHT -> {
        joiner = numbers.freshCaller();
        joinA = !parties.aPins().isEmpty() && (parties.bPins().isEmpty() || random.nextBoolean());
        long pin = pick(joinA ? parties.aPins() : parties.bPins());
        channel = new Allocation(vn, FILLER.knownCaller(), joiner, Long.toString(pin));
        kind = ScenarioKind.PIN_RIGHT;
        status = joinA || parties.usage().equals("twoway") ? "completed" : "failed";
      }
      case PIN_WRONG -> {
        // Any PIN of ours starts with 1; the channel keys it with each digit plus one.
        channel = new Allocation(vn, FILLER.knownCaller(), numbers.freshCaller(), "123456");
        kind = ScenarioKind.PIN_WRONG;
        failures = 3;
      }
      case HANGUP_AT_PIN -> {
        // A caller the allocation does not know, who hangs up at the PIN prompt.
        channel = known(vn, numbers.freshCaller());
        kind = ScenarioKind.CALLER_HANGUP;
      }
      default -> throw new IllegalStateException("not a matched plan: " + plan);
    }
    SingleCall.Result result =
        SingleCall.play(kind, channel, epochSecond, callNumber, agi, Duration.ofMillis(hold),
            READ_TIMEOUT, dialplan);
    long ended = System.currentTimeMillis();
    boolean beforeExpiry = !held.shortLived || ended < held.earliestExpiryMillis;
    boolean ok = wireOk(plan, callNumber, result);
    boolean certain = ok && beforeExpiry;
    if (!beforeExpiry) {
      ledger.count("call.raced its allocation's expiry");
    }
    if (joiner != null) {
      if (certain) {
        held.parties(parties.withJoined(joinA, joiner));
      } else {
        held.uncertain();
      }
    }
    ledger.call(new ExpectedCall(sid, plan.label(), held.greenvnId, status, joiner, failures,
        false, certain));
  }

  private boolean wireOk(Plan plan, long callNumber, SingleCall.Result result) {
    ledger.count("call." + plan.label());
    if (!result.completed()) {
      ledger.error("call " + SingleCall.uniqueId(epochSecond, callNumber) + " (" + plan.label()
          + ") broke: " + result.error() + " " + result.detail());
      return false;
    }
    return true;
  }

  /** A short wait when there was nothing to do, so an idle worker does not spin. */
  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The caller as Asterisk might present it: E.164, without the plus, or national. */
  private Allocation known(String vn, String e164) {
    String presented = switch (random.nextInt(3)) {
      case 0 -> e164;
      case 1 -> e164.substring(1);
      default -> "0" + e164.substring(3);
    };
    return new Allocation(vn, presented, FILLER.unknownCaller(), FILLER.pin());
  }

  private <T> T pick(Collection<T> values) {
    List<T> list = new ArrayList<>(values);
    list.sort(null);
    return list.get(random.nextInt(list.size()));
  }
}
