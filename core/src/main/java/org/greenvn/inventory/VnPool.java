package org.greenvn.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.greenvn.phone.PhoneNumber;

/**
 * A tenant's virtual numbers, kept ordered by load so that choosing one for an allocation costs a
 * few ordered-set look-ups, never a scan of the pool.
 *
 * <p>Each (region, type) pair has its own ordered set of enabled numbers, least loaded first, then
 * least recently released, then by number. A selection walks the front of the sets that match the
 * criteria and skips the numbers it is told to exclude (those where one of the allocation's
 * parties or PINs is already held), asking about each number it meets rather than being handed
 * every excluded number up front.
 *
 * <p>When the criteria leave several (region, type) sets open, their orders are walked merged,
 * as one. A party that holds allocations on a large part of the pool (a shop's or a hub's
 * number) is the hard case: the numbers it holds are never chosen for it, so they gather at the
 * front of the order and a walk would pass them all. After {@value #EXACT_WALK} excluded numbers
 * the walk therefore draws {@value #SAMPLE} numbers of the open sets at random and takes the best
 * free one of them by the same order, and only if none is free walks on. The choice is exact
 * whenever the first free number is among the first {@value #EXACT_WALK}; past that it is the
 * best of a sample, and a selection costs at most about {@value #EXACT_WALK} + {@value #SAMPLE}
 * look-ups unless nearly every number is excluded.
 *
 * <p>Thread-safe: every method is synchronized; the engine calls it under its own tenant lock, so
 * the monitor is uncontended.
 */
public final class VnPool {

  private static final Comparator<Slot> BY_LOAD =
      Comparator.comparingInt((Slot s) -> s.load)
          .thenComparingLong(s -> s.lastReleasedMillis)
          .thenComparing(s -> s.number.number());

  private static final class Slot {
    final VirtualNumber number;
    int load;
    long lastReleasedMillis = Long.MIN_VALUE;

    Slot(VirtualNumber number) {
      this.number = number;
    }
  }

  /** The enabled numbers of one (region, type): in load order, and in a list to draw from. */
  private static final class Bucket {
    final NavigableSet<Slot> ordered = new TreeSet<>(BY_LOAD);
    final List<Slot> members = new ArrayList<>();
  }

  static final int EXACT_WALK = 64;
  static final int SAMPLE = 64;

  private final Map<PhoneNumber, Slot> slots = new HashMap<>();
  private final Map<Region, Map<NumberType, Bucket>> buckets = new EnumMap<>(Region.class);
  private final boolean exclusive;
  // Fixed seed: selections are reproducible for a given history.
  private final SplittableRandom random = new SplittableRandom(0x6772_6565_6e76_6eL);

  /**
   * A pool of these numbers.
   *
   * @param numbers the tenant's inventory, each number once
   * @param exclusive whether a number carries at most one allocation at a time
   * @throws IllegalArgumentException if a number is listed twice
   */
  public VnPool(Collection<VirtualNumber> numbers, boolean exclusive) {
    this.exclusive = exclusive;
    for (Region region : Region.values()) {
      Map<NumberType, Bucket> byType = new EnumMap<>(NumberType.class);
      for (NumberType type : NumberType.values()) {
        byType.put(type, new Bucket());
      }
      buckets.put(region, byType);
    }
    for (VirtualNumber number : numbers) {
      Slot slot = new Slot(number);
      if (slots.putIfAbsent(number.number(), slot) != null) {
        throw new IllegalArgumentException("Virtual number listed twice: " + number.number());
      }
      if (number.enabled()) {
        bucket(number).ordered.add(slot);
        bucket(number).members.add(slot);
      }
    }
  }

  /** The pool's entry for this number, if the tenant owns it. */
  public synchronized Optional<VirtualNumber> find(PhoneNumber number) {
    Slot slot = slots.get(number);
    return slot == null ? Optional.empty() : Optional.of(slot.number);
  }

  /** How many numbers the pool holds, enabled or not. */
  public synchronized int size() {
    return slots.size();
  }

  /**
   * Chooses a number for an allocation.
   *
   * @param criteria the allocation's preferences
   * @param excluded says which numbers must not be chosen (a party or PIN of the allocation is
   *     already held there); asked once for each number the walk meets
   * @return the chosen number, or empty when none satisfies the criteria (strict) or none is free
   */
  public synchronized Optional<VirtualNumber> select(
      VnCriteria criteria, Predicate<PhoneNumber> excluded) {
    if (criteria.strict()) {
      return selectMatching(criteria, true, true, true, excluded);
    }
    boolean[] asked = {
      criteria.number().isPresent(), criteria.region().isPresent(), criteria.type().isPresent()
    };
    // Subsets of the asked preferences, most preferences first, ties by priority (number, region,
    // type): the first subset some free number satisfies wins.
    for (int[] subset : SUBSETS_BY_RANK) {
      if ((subset[0] == 1 && !asked[0])
          || (subset[1] == 1 && !asked[1])
          || (subset[2] == 1 && !asked[2])) {
        continue;
      }
      Optional<VirtualNumber> chosen =
          selectMatching(criteria, subset[0] == 1, subset[1] == 1, subset[2] == 1, excluded);
      if (chosen.isPresent()) {
        return chosen;
      }
    }
    return Optional.empty();
  }

  private static final int[][] SUBSETS_BY_RANK = {
    {1, 1, 1}, {1, 1, 0}, {1, 0, 1}, {0, 1, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 0}
  };

  private Optional<VirtualNumber> selectMatching(
      VnCriteria criteria,
      boolean useNumber,
      boolean useRegion,
      boolean useType,
      Predicate<PhoneNumber> excluded) {
    Optional<Region> region = useRegion ? criteria.region() : Optional.empty();
    Optional<NumberType> type = useType ? criteria.type() : Optional.empty();
    if (useNumber && criteria.number().isPresent()) {
      Slot slot = slots.get(criteria.number().get());
      boolean matches =
          slot != null
              && slot.number.enabled()
              && region.map(r -> r == slot.number.region()).orElse(true)
              && type.map(t -> t == slot.number.type()).orElse(true)
              && isFree(slot, excluded);
      return matches ? Optional.of(slot.number) : Optional.empty();
    }
    List<Bucket> matching = new ArrayList<>();
    for (Region r : region.map(List::of).orElse(List.of(Region.values()))) {
      Map<NumberType, Bucket> byType = buckets.get(r);
      for (NumberType t : type.map(List::of).orElse(List.of(NumberType.values()))) {
        Bucket bucket = byType.get(t);
        if (!bucket.members.isEmpty()) {
          matching.add(bucket);
        }
      }
    }
    Slot chosen = firstFree(matching, excluded);
    return chosen == null ? Optional.empty() : Optional.of(chosen.number);
  }

  /** The front of one bucket's order during a merged walk. */
  private static final class Cursor {
    final Iterator<Slot> rest;
    Slot head;

    Cursor(Iterator<Slot> rest) {
      this.rest = rest;
      this.head = rest.next();
    }
  }

  /**
   * The first free number in the merged order of the buckets, walked exactly for
   * {@value #EXACT_WALK} excluded numbers, then the best free one of a random sample, then on.
   */
  private Slot firstFree(List<Bucket> matching, Predicate<PhoneNumber> excluded) {
    PriorityQueue<Cursor> fronts =
        new PriorityQueue<>(
            Math.max(1, matching.size()), (a, b) -> BY_LOAD.compare(a.head, b.head));
    int members = 0;
    for (Bucket bucket : matching) {
      fronts.add(new Cursor(bucket.ordered.iterator()));
      members += bucket.members.size();
    }
    int walked = 0;
    while (!fronts.isEmpty()) {
      Cursor front = fronts.poll();
      Slot slot = front.head;
      if (exclusive && slot.load > 0) {
        return null; // merged by load: nothing after this one is empty either
      }
      if (!excluded.test(slot.number.number())) {
        return slot;
      }
      if (front.rest.hasNext()) {
        front.head = front.rest.next();
        fronts.add(front);
      }
      if (++walked == EXACT_WALK && members > 2 * EXACT_WALK) {
        Slot sampled = bestOfSample(matching, members, excluded);
        if (sampled != null) {
          return sampled;
        }
      }
    }
    return null;
  }

  private Slot bestOfSample(List<Bucket> matching, int members, Predicate<PhoneNumber> excluded) {
    Slot best = null;
    for (int i = 0; i < SAMPLE; i++) {
      Slot slot = draw(matching, random.nextInt(members));
      if ((best == null || BY_LOAD.compare(slot, best) < 0) && isFree(slot, excluded)) {
        best = slot;
      }
    }
    return best;
  }

  /** The member at {@code index} of the buckets' members laid end to end. */
  private static Slot draw(List<Bucket> matching, int index) {
    for (Bucket bucket : matching) {
      if (index < bucket.members.size()) {
        return bucket.members.get(index);
      }
      index -= bucket.members.size();
    }
    throw new IllegalStateException("index beyond the members");
  }

  private boolean isFree(Slot slot, Predicate<PhoneNumber> excluded) {
    return !(exclusive && slot.load > 0) && !excluded.test(slot.number.number());
  }

  /** Records that an allocation now uses this number. Unknown numbers are ignored. */
  public synchronized void acquired(PhoneNumber number) {
    Slot slot = slots.get(number);
    if (slot != null) {
      reorder(slot, () -> slot.load++);
    }
  }

  /**
   * Takes back an {@link #acquired} whose allocation was never written (the store refused it):
   * the load drops, and the number does not count as released.
   */
  public synchronized void unacquired(PhoneNumber number) {
    Slot slot = slots.get(number);
    if (slot != null) {
      reorder(slot, () -> slot.load = Math.max(0, slot.load - 1));
    }
  }

  /** Records that an allocation on this number ended at {@code at}. */
  public synchronized void released(PhoneNumber number, Instant at) {
    Slot slot = slots.get(number);
    if (slot != null) {
      reorder(
          slot,
          () -> {
            slot.load = Math.max(0, slot.load - 1);
            slot.lastReleasedMillis = Math.max(slot.lastReleasedMillis, at.toEpochMilli());
          });
    }
  }

  /** Restores a number's state from a store, at start-up. */
  public synchronized void restore(PhoneNumber number, int load, Optional<Instant> lastReleased) {
    Slot slot = slots.get(number);
    if (slot != null) {
      reorder(
          slot,
          () -> {
            slot.load = load;
            slot.lastReleasedMillis =
                lastReleased.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
          });
    }
  }

  /** The active allocations on this number (0 for numbers outside the pool). */
  public synchronized int load(PhoneNumber number) {
    Slot slot = slots.get(number);
    return slot == null ? 0 : slot.load;
  }

  /** A snapshot of every number's load, ordered by number. */
  public synchronized List<VnLoad> loads() {
    List<VnLoad> result = new ArrayList<>(slots.size());
    for (Slot slot : slots.values()) {
      result.add(
          new VnLoad(
              slot.number,
              slot.load,
              slot.lastReleasedMillis == Long.MIN_VALUE
                  ? Optional.empty()
                  : Optional.of(Instant.ofEpochMilli(slot.lastReleasedMillis))));
    }
    result.sort(Comparator.comparing(l -> l.number().number()));
    return result;
  }

  private void reorder(Slot slot, Runnable change) {
    boolean enabled = slot.number.enabled();
    if (enabled) {
      bucket(slot.number).ordered.remove(slot);
    }
    change.run();
    if (enabled) {
      bucket(slot.number).ordered.add(slot);
    }
  }

  private Bucket bucket(VirtualNumber number) {
    return buckets.get(number.region()).get(number.type());
  }
}
