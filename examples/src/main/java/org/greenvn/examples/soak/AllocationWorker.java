package org.greenvn.examples.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP client of the soak: creates, reads, updates (parties, PINs, usage, VN moves) and
 * deletes allocations, each on an allocation it holds alone, and records every acknowledged
 * outcome in the {@link Ledger}. Bounded by a deadline and an operation count.
 */
final class AllocationWorker implements Runnable {

  /** An operation that ends this long before the earliest expiry cannot have raced it. */
  private static final long SAFE_BUDGET_MILLIS = 3_000;

  private final ApiClient api;
  private final Ledger ledger;
  private final Random random;
  private final long deadlineNanos;
  private final long maxOperations;
  private final int maxLiveLongLived;
  private final String runTag;
  private final AtomicLong connectionIds;

  AllocationWorker(
      ApiClient api,
      Ledger ledger,
      long seed,
      long deadlineNanos,
      long maxOperations,
      int maxLiveLongLived,
      String runTag,
      AtomicLong connectionIds) {
    this.api = api;
    this.ledger = ledger;
    this.random = new Random(seed);
    this.deadlineNanos = deadlineNanos;
    this.maxOperations = maxOperations;
    this.maxLiveLongLived = maxLiveLongLived;
    this.runTag = runTag;
    this.connectionIds = connectionIds;
  }

  @Override
  public void run() {
    for (long n = 0; n < maxOperations && System.nanoTime() < deadlineNanos; n++) {
      int roll = random.nextInt(100);
      if (roll < 32) {
        create(null);
      } else if (roll < 44) {
        withAllocation(SAFE_BUDGET_MILLIS, this::read);
      } else if (roll < 62) {
        withAllocation(random.nextInt(10) == 0 ? 0 : SAFE_BUDGET_MILLIS, this::updateParties);
      } else if (roll < 72) {
        withAllocation(SAFE_BUDGET_MILLIS, this::moveVn);
      } else if (roll < 82) {
        deleteOne();
      } else if (roll < 88) {
        raceExpiry();
      } else if (roll < 92) {
        withAllocation(SAFE_BUDGET_MILLIS, this::duplicateConnection);
      } else {
        idempotentCreate();
      }
    }
  }

  private interface Operation {
    void on(TrackedAllocation allocation);
  }

  private void withAllocation(long budgetMillis, Operation operation) {
    long now = System.currentTimeMillis();
    TrackedAllocation allocation = ledger.take(random, a -> a.safeFor(now, budgetMillis));
    if (allocation == null) {
      ledger.count("op.skipped (no free allocation)");
      CallWorker.pause();
      return;
    }
    try {
      operation.on(allocation);
    } finally {
      allocation.release();
    }
  }

  // ---- create ----------------------------------------------------------------------------

  private void create(String idempotencyKey) {
    boolean pinned = random.nextBoolean();
    boolean shortLived = random.nextInt(100) < 40 || ledger.liveLongLived() >= maxLiveLongLived;
    String region = pinned ? SoakNumbers.PIN_REGION : pick(SoakNumbers.PLAIN_REGIONS);
    long seconds = shortLived ? 2 + random.nextInt(6) : 3_600 + random.nextInt(3_600);
    String duration = shortLived ? seconds + "s" : durationText(seconds);
    ObjectNode body = ApiClient.JSON.createObjectNode();
    String connectionId = runTag + "-" + connectionIds.incrementAndGet();
    body.put("connection_id", connectionId);
    numbers(body.putArray("aparty_numbers"), SoakNumbers.CUSTOMERS);
    numbers(body.putArray("bparty_numbers"), SoakNumbers.AGENTS);
    if (pinned) {
      pins(body, true);
    }
    body.put("usage", random.nextBoolean() ? "twoway" : "oneway");
    if (random.nextBoolean()) {
      body.put("strictness", "true"); // the spec's samples send it as a string
    } else {
      body.put("strictness", true);
    }
    body.putObject("preferences").put("region", region);
    body.putObject("deallocation_policy").put("duration", duration);
    long sent = System.currentTimeMillis();
    ApiAnswer answer = api.create(body, idempotencyKey);
    long acked = System.currentTimeMillis();
    if (answer.ok()) {
      Parties parties = partiesOf(answer.data());
      Parties asked = requested(body, parties.vn());
      String diff = asked.differenceFrom(parties);
      if (!diff.isEmpty()) {
        ledger.error("create " + connectionId + " answered other parties than asked: " + diff);
      }
      if (!SoakNumbers.INVENTORY.get(region).contains(parties.vn())) {
        ledger.error("create " + connectionId + " got " + parties.vn() + ", not of strict region "
            + region);
      }
      TrackedAllocation tracked =
          new TrackedAllocation(
              answer.data().path("greenvn_id").asText(), connectionId, region, parties,
              sent + seconds * 1000, acked + seconds * 1000, shortLived);
      ledger.add(tracked);
      ledger.count("create.ok" + (shortLived ? " (short expiry)" : ""));
      if (idempotencyKey != null) {
        replay(body, idempotencyKey, tracked);
      }
    } else if (answer.status() == 452 && answer.code() == 4) {
      ledger.count("create.refused 4 (no free VN)");
    } else {
      unexpected("create " + connectionId, answer);
    }
  }

  /** A create sent twice with one {@code Idempotency-Key}: the replay must create nothing. */
  private void idempotentCreate() {
    create(runTag + "-idem-" + connectionIds.incrementAndGet());
  }

  private void replay(ObjectNode body, String key, TrackedAllocation first) {
    ApiAnswer replay = api.create(body, key);
    if (!replay.ok() || !first.greenvnId.equals(replay.data().path("greenvn_id").asText())) {
      ledger.error("replay of the idempotency key of " + first.greenvnId + " answered " + replay
          + " with id " + (replay.data() == null ? null : replay.data().path("greenvn_id")));
    } else {
      ledger.count("create.replayed (idempotency key, same answer)");
    }
  }

  private void duplicateConnection(TrackedAllocation held) {
    ObjectNode body = ApiClient.JSON.createObjectNode();
    body.put("connection_id", held.connectionId);
    body.putArray("aparty_numbers").add(pick(SoakNumbers.CUSTOMERS));
    body.putArray("bparty_numbers").add(pick(SoakNumbers.AGENTS));
    body.put("usage", "twoway");
    body.putObject("preferences").put("region", held.region);
    body.put("strictness", "true");
    body.putObject("deallocation_policy").put("duration", "5s");
    ApiAnswer answer = api.create(body, null);
    if (answer.status() == 409 && answer.code() == 18) {
      ledger.count("create.refused 18 (duplicate connection id)");
    } else {
      unexpected("create with the active connection id of " + held.greenvnId, answer);
    }
  }

  // ---- read --------------------------------------------------------------------------------

  private void read(TrackedAllocation held) {
    ApiAnswer answer = api.get(held.greenvnId);
    if (!answer.ok()) {
      unexpected("get " + held.greenvnId, answer);
      return;
    }
    ledger.count("get.ok");
    if (held.certain() && held.safeFor(System.currentTimeMillis(), 0)) {
      String diff = held.parties().differenceFrom(partiesOf(answer.data()));
      String state = answer.data().path("state").asText();
      if (!diff.isEmpty() || !state.equals("active")) {
        ledger.error("get " + held.greenvnId + " right after its last acknowledged change: "
            + state + " " + diff);
      }
    }
  }

  // ---- updates -----------------------------------------------------------------------------

  private void updateParties(TrackedAllocation held) {
    Parties current = held.parties();
    ObjectNode body = ApiClient.JSON.createObjectNode();
    int sides = random.nextInt(10);
    if (sides < 6) {
      numbers(body.putArray("bparty_numbers"), SoakNumbers.AGENTS);
    }
    if (sides >= 4) {
      numbers(body.putArray("aparty_numbers"), SoakNumbers.CUSTOMERS);
    }
    if (current.hasPins() && random.nextInt(10) < 4) {
      pins(body, false);
    }
    if (random.nextInt(5) == 0) {
      body.put("usage", current.usage().equals("twoway") ? "oneway" : "twoway");
    }
    ApiAnswer answer = api.updateCallParty(held.greenvnId, body);
    if (answer.ok()) {
      Parties next = partiesOf(answer.data());
      Parties expected = updated(current, body);
      String diff = expected.differenceFrom(next);
      if (!diff.isEmpty()) {
        ledger.error("update " + held.greenvnId + " answered other parties than asked: " + diff);
      }
      held.parties(next);
      ledger.count("update.ok");
    } else if (answer.status() == 409 && answer.code() == 19) {
      ledger.count("update.refused 19 (number or PIN held on the VN)");
    } else {
      vaulted("update", held, answer);
    }
  }

  private void moveVn(TrackedAllocation held) {
    ObjectNode body = ApiClient.JSON.createObjectNode();
    body.put("strictness", "true");
    ObjectNode preferences = body.putObject("preferences").put("region", held.region);
    boolean named = random.nextInt(4) == 0;
    if (named) {
      preferences.put("greenvn", pick(SoakNumbers.INVENTORY.get(held.region)));
    }
    ApiAnswer answer = api.updateVn(held.greenvnId, body);
    if (answer.ok()) {
      Parties next = partiesOf(answer.data());
      String vn = next.vn();
      String diff = held.parties().withVn(vn).differenceFrom(next);
      if (!diff.isEmpty()) {
        ledger.error("VN move of " + held.greenvnId + " changed its parties: " + diff);
      }
      if (!SoakNumbers.INVENTORY.get(held.region).contains(vn)) {
        ledger.error("VN move of " + held.greenvnId + " to " + vn + ", outside strict region "
            + held.region);
      }
      if (!named && vn.equals(held.parties().vn())) {
        ledger.error("VN move of " + held.greenvnId + " without a named VN kept " + vn);
      }
      held.parties(next);
      ledger.count("move.ok");
    } else if (answer.status() == 452 && answer.code() == 4) {
      ledger.count("move.refused 4 (no free VN)");
    } else if (named && answer.status() == 409 && answer.code() == 19) {
      ledger.count("move.refused 19 (named VN holds a party)");
    } else {
      vaulted("move", held, answer);
    }
  }

  // ---- deletes -----------------------------------------------------------------------------

  private void deleteOne() {
    withAllocation(SAFE_BUDGET_MILLIS, held -> delete(held, "delete"));
  }

  /** Deletes an allocation whose expiry falls about now: the delete or the expiry wins. */
  private void raceExpiry() {
    long now = System.currentTimeMillis();
    TrackedAllocation held =
        ledger.take(
            random,
            a -> a.shortLived && a.end() == null
                && Math.abs(a.earliestExpiryMillis - now) < 1_500);
    if (held == null) {
      ledger.count("op.skipped (no allocation near its expiry)");
      CallWorker.pause();
      return;
    }
    try {
      delete(held, "race-delete");
    } finally {
      held.release();
    }
  }

  private void delete(TrackedAllocation held, String kind) {
    ApiAnswer answer = api.delete(held.greenvnId);
    if (answer.ok()) {
      if (!"vault".equals(answer.data().path("state").asText())) {
        ledger.error(kind + " " + held.greenvnId + " answered state "
            + answer.data().path("state").asText());
      }
      held.end(EndState.DELETED);
      ledger.count(kind + ".ok");
    } else {
      vaulted(kind, held, answer);
    }
  }

  /**
   * A refusal as "already in the vault" (22) is right only if the expiry may have struck; it
   * then tells that it did. Anything else is unexpected.
   */
  private void vaulted(String kind, TrackedAllocation held, ApiAnswer answer) {
    if (answer.status() == 410 && answer.code() == 22) {
      // The server may have expired it any time before it answered.
      if (held.shortLived && System.currentTimeMillis() >= held.earliestExpiryMillis) {
        held.end(EndState.EXPIRED);
        ledger.count(kind + ".refused 22 (expired first)");
      } else {
        ledger.error(kind + " " + held.greenvnId + " refused as already deleted ("
            + answer + ") before its expiry");
        held.uncertain();
      }
      return;
    }
    unexpected(kind + " " + held.greenvnId, answer);
    if (!answer.answered()) {
      held.uncertain();
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private void unexpected(String what, ApiAnswer answer) {
    ledger.error(what + ": unexpected " + answer);
  }

  private void numbers(ArrayNode array, List<String> pool) {
    int count = random.nextInt(4) == 0 ? 2 : 1;
    Set<String> chosen = new TreeSet<>();
    while (chosen.size() < count) {
      chosen.add(pick(pool));
    }
    chosen.forEach(array::add);
  }

  /** PINs of six digits starting with 1; a wrong PIN (each digit plus one) starts with 2. */
  private void pins(ObjectNode body, boolean atCreate) {
    int a = random.nextInt(2);
    int b = 1 + random.nextInt(2);
    if (!atCreate && random.nextBoolean()) {
      a = 1;
      b = random.nextInt(2);
    }
    Set<Long> all = new TreeSet<>();
    ArrayNode aPins = body.putArray("aparty_pins");
    ArrayNode bPins = body.putArray("bparty_pins");
    for (int i = 0; i < a + b; i++) {
      long pin;
      do {
        pin = 100_000 + random.nextInt(100_000);
      } while (!all.add(pin));
      (i < a ? aPins : bPins).add(pin);
    }
  }

  private static String durationText(long seconds) {
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  static Parties partiesOf(JsonNode data) {
    return new Parties(
        data.path("greenvn").asText(),
        SoakChecker.texts(data.path("aparty_numbers")),
        SoakChecker.texts(data.path("bparty_numbers")),
        SoakChecker.longs(data.path("aparty_pins")),
        SoakChecker.longs(data.path("bparty_pins")),
        data.path("usage").asText());
  }

  private static Parties requested(ObjectNode body, String vn) {
    return new Parties(
        vn,
        SoakChecker.texts(body.path("aparty_numbers")),
        SoakChecker.texts(body.path("bparty_numbers")),
        SoakChecker.longs(body.path("aparty_pins")),
        SoakChecker.longs(body.path("bparty_pins")),
        body.path("usage").asText());
  }

  /** What an update body makes of {@code current}: given sides replace, others stay. */
  private static Parties updated(Parties current, ObjectNode body) {
    return new Parties(
        current.vn(),
        body.has("aparty_numbers")
            ? SoakChecker.texts(body.path("aparty_numbers")) : current.aNumbers(),
        body.has("bparty_numbers")
            ? SoakChecker.texts(body.path("bparty_numbers")) : current.bNumbers(),
        body.has("aparty_pins") ? SoakChecker.longs(body.path("aparty_pins")) : current.aPins(),
        body.has("bparty_pins") ? SoakChecker.longs(body.path("bparty_pins")) : current.bPins(),
        body.has("usage") ? body.path("usage").asText() : current.usage());
  }
}
