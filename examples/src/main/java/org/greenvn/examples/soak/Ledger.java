package org.greenvn.examples.soak;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Every allocation the server acknowledged, every operation's outcome by kind, and what broke.
 * Thread-safe: workers add and take allocations concurrently.
 */
final class Ledger {

  private final Map<String, TrackedAllocation> all = new ConcurrentHashMap<>();
  private final List<TrackedAllocation> live = new ArrayList<>(); // guarded by itself
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final List<String> errors = new ArrayList<>(); // guarded by itself
  private final List<ExpectedCall> calls = new ArrayList<>(); // guarded by itself

  void add(TrackedAllocation allocation) {
    all.put(allocation.greenvnId, allocation);
    synchronized (live) {
      live.add(allocation);
    }
  }

  /** Takes a live allocation that {@code fits}, held by the caller; null when none was free. */
  TrackedAllocation take(Random random, Predicate<TrackedAllocation> fits) {
    for (int attempt = 0; attempt < 8; attempt++) {
      TrackedAllocation candidate;
      synchronized (live) {
        if (live.isEmpty()) {
          return null;
        }
        int index = random.nextInt(live.size());
        candidate = live.get(index);
        if (candidate.end() != null
            || candidate.shortLived
                && System.currentTimeMillis() > candidate.latestExpiryMillis + 3_000) {
          // Gone (deleted, or expired for sure): nobody will take it again.
          live.set(index, live.get(live.size() - 1));
          live.remove(live.size() - 1);
          continue;
        }
      }
      if (fits.test(candidate) && candidate.tryAcquire()) {
        if (fits.test(candidate)) {
          return candidate;
        }
        candidate.release();
      }
    }
    return null;
  }

  int liveLongLived() {
    synchronized (live) {
      int n = 0;
      for (TrackedAllocation a : live) {
        if (!a.shortLived && a.end() == null) {
          n++;
        }
      }
      return n;
    }
  }

  /** The latest moment any acknowledged allocation may expire. */
  long latestShortExpiryMillis() {
    long latest = 0;
    for (TrackedAllocation a : all.values()) {
      if (a.shortLived) {
        latest = Math.max(latest, a.latestExpiryMillis);
      }
    }
    return latest;
  }

  Collection<TrackedAllocation> all() {
    return all.values();
  }

  void count(String what) {
    counts.computeIfAbsent(what, k -> new LongAdder()).increment();
  }

  Map<String, Long> counts() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((k, v) -> snapshot.put(k, v.sum()));
    return snapshot;
  }

  void error(String what) {
    synchronized (errors) {
      if (errors.size() < 200) {
        errors.add(what);
      } else if (errors.size() == 200) {
        errors.add("... more errors left out");
      }
    }
    count("errors");
  }

  List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  void call(ExpectedCall call) {
    synchronized (calls) {
      calls.add(call);
    }
  }

  List<ExpectedCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }
}
