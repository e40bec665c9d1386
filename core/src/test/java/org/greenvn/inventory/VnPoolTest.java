package org.greenvn.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.greenvn.TestNumbers.AP_L;
import static org.greenvn.TestNumbers.DL_L;
import static org.greenvn.TestNumbers.DL_M;
import static org.greenvn.TestNumbers.KA_L;
import static org.greenvn.TestNumbers.KA_M;
import static org.greenvn.TestNumbers.MU_L;
import static org.greenvn.TestNumbers.WB_L;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.greenvn.phone.PhoneNumber;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link VnPool} on its own: ordering by load, exclusions, preference subsets, restore. Ties go
 * by E.164 order, for {@link org.greenvn.TestNumbers} {@code DL_L < MU_L < WB_L < AP_L < KA_L <
 * DL_M < KA_M}.
 */
class VnPoolTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static VnPool pool(VirtualNumber... numbers) {
    return new VnPool(List.of(numbers), false);
  }

  private static VnCriteria any() {
    return VnCriteria.any();
  }

  private static VnCriteria criteria(
      VirtualNumber number, Region region, NumberType type, boolean strict) {
    return new VnCriteria(
        Optional.ofNullable(number).map(VirtualNumber::number),
        Optional.ofNullable(region),
        Optional.ofNullable(type),
        strict);
  }

  private static Predicate<PhoneNumber> excluding(VirtualNumber... numbers) {
    Set<PhoneNumber> set = new HashSet<>();
    for (VirtualNumber n : numbers) {
      set.add(n.number());
    }
    return set::contains;
  }

  private static Optional<VirtualNumber> select(VnPool pool, VnCriteria criteria) {
    return pool.select(criteria, vn -> false);
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class ByLoad {

    @Test
    void anEmptyPoolHasNothingToGive() {
      assertThat(pool().select(any(), vn -> false)).isEmpty();
      assertThat(pool().size()).isZero();
      assertThat(pool().loads()).isEmpty();
    }

    @Test
    void withEqualLoadsTheLowestNumberComesFirst() {
      assertThat(select(pool(KA_M, WB_L, MU_L), any())).contains(MU_L);
    }

    @Test
    void theLeastLoadedNumberIsChosen() {
      VnPool pool = pool(DL_L, MU_L, WB_L);
      pool.acquired(DL_L.number());
      pool.acquired(MU_L.number());
      assertThat(select(pool, any())).contains(WB_L);
      pool.acquired(WB_L.number());
      pool.acquired(WB_L.number());
      assertThat(select(pool, any())).contains(DL_L);
      pool.released(WB_L.number(), T0);
      pool.released(WB_L.number(), T0);
      assertThat(select(pool, any())).contains(WB_L);
    }

    @Test
    void loadsAcrossRegionsAndTypesAreCompared() {
      VnPool pool = pool(DL_L, KA_M);
      pool.acquired(DL_L.number());
      assertThat(select(pool, any())).contains(KA_M);
    }

    @Test
    void onEqualLoadTheLeastRecentlyReleasedWinsAndNeverReleasedFirst() {
      VnPool pool = pool(DL_L, MU_L, WB_L);
      pool.acquired(DL_L.number());
      pool.acquired(MU_L.number());
      pool.released(MU_L.number(), T0.plusSeconds(10));
      pool.released(DL_L.number(), T0.plusSeconds(20));
      assertThat(select(pool, any())).contains(WB_L);
      pool.acquired(WB_L.number());
      assertThat(select(pool, any())).contains(MU_L);
    }

    @Test
    void aReleaseNeverMakesTheLoadNegativeNorMovesTheReleaseTimeBack() {
      VnPool pool = pool(DL_L, MU_L);
      pool.released(DL_L.number(), T0.plusSeconds(50));
      pool.released(DL_L.number(), T0.plusSeconds(10));
      assertThat(pool.load(DL_L.number())).isZero();
      assertThat(pool.loads().get(0))
          .isEqualTo(new VnLoad(DL_L, 0, Optional.of(T0.plusSeconds(50))));
      pool.acquired(DL_L.number());
      assertThat(pool.load(DL_L.number())).isEqualTo(1);
    }

    @Test
    void unknownNumbersAreIgnored() {
      VnPool pool = pool(DL_L);
      pool.acquired(KA_L.number());
      pool.released(KA_L.number(), T0);
      pool.restore(KA_L.number(), 5, Optional.of(T0));
      assertThat(pool.load(KA_L.number())).isZero();
      assertThat(pool.find(KA_L.number())).isEmpty();
      assertThat(pool.loads()).containsExactly(new VnLoad(DL_L, 0, Optional.empty()));
    }

    @Test
    void loadsAreASnapshotOrderedByNumberIncludingDisabledNumbers() {
      VnPool pool = pool(KA_M, DL_L.disabled(), AP_L);
      pool.acquired(AP_L.number());
      List<VnLoad> snapshot = pool.loads();
      pool.acquired(AP_L.number());

      assertThat(snapshot)
          .containsExactly(
              new VnLoad(DL_L.disabled(), 0, Optional.empty()),
              new VnLoad(AP_L, 1, Optional.empty()),
              new VnLoad(KA_M, 0, Optional.empty()));
      assertThat(pool.load(AP_L.number())).isEqualTo(2);
    }

    @Test
    void findAndSizeSeeEveryNumber() {
      VnPool pool = pool(DL_L, AP_L.disabled());
      assertThat(pool.size()).isEqualTo(2);
      assertThat(pool.find(AP_L.number())).contains(AP_L.disabled());
      assertThat(pool.find(DL_L.number())).contains(DL_L);
    }

    @Test
    void aNumberListedTwiceIsRefused() {
      assertThatThrownBy(() -> new VnPool(List.of(DL_L, DL_L.disabled()), false))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Exclusion {

    @Test
    void excludedNumbersAreSkippedEvenWhenLeastLoaded() {
      VnPool pool = pool(DL_L, MU_L, WB_L);
      pool.acquired(MU_L.number());
      pool.acquired(WB_L.number());
      pool.acquired(WB_L.number());
      assertThat(pool.select(any(), excluding(DL_L))).contains(MU_L);
      assertThat(pool.select(any(), excluding(DL_L, MU_L))).contains(WB_L);
    }

    @Test
    void whenEveryNumberIsExcludedNothingIsGiven() {
      VnPool pool = pool(DL_L, KA_M);
      assertThat(pool.select(any(), excluding(DL_L, KA_M))).isEmpty();
      assertThat(pool.select(criteria(null, null, null, true), excluding(DL_L, KA_M))).isEmpty();
    }

    @Test
    void excludingANumberOutsideThePoolChangesNothing() {
      assertThat(pool(DL_L).select(any(), excluding(KA_M))).contains(DL_L);
    }

    @Test
    void anExcludedRequestedNumberIsNotGivenButBestEffortFindsAnother() {
      VnPool pool = pool(DL_L, MU_L);
      assertThat(pool.select(criteria(DL_L, null, null, true), excluding(DL_L))).isEmpty();
      assertThat(pool.select(criteria(DL_L, null, null, false), excluding(DL_L))).contains(MU_L);
    }

    @Test
    void disabledNumbersAreNeverSelectedThoughTheirLoadIsTracked() {
      VnPool pool = pool(DL_L.disabled(), MU_L);
      pool.acquired(MU_L.number());
      pool.acquired(MU_L.number());
      pool.acquired(DL_L.number());
      pool.released(DL_L.number(), T0);
      assertThat(select(pool, any())).contains(MU_L);
      assertThat(select(pool, criteria(DL_L, null, null, true))).isEmpty();
      assertThat(select(pool, criteria(null, Region.DL, null, true))).isEmpty();
      assertThat(select(pool, criteria(DL_L, Region.DL, null, false))).contains(MU_L);
      assertThat(pool.loads().get(0).lastReleased()).contains(T0);
      assertThat(pool.select(any(), excluding(MU_L))).isEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class PreferenceSubsets {

    private final VnPool pool = pool(DL_L, MU_L, AP_L, KA_L, DL_M, KA_M);

    @Test
    void strictNeedsEveryPreference() {
      assertThat(select(pool, criteria(null, Region.KA, NumberType.MOBILE, true))).contains(KA_M);
      assertThat(select(pool, criteria(null, Region.DL, NumberType.LANDLINE, true)))
          .contains(DL_L);
      assertThat(select(pool, criteria(KA_L, Region.KA, NumberType.LANDLINE, true)))
          .contains(KA_L);
      assertThat(select(pool, criteria(KA_L, Region.KA, NumberType.MOBILE, true))).isEmpty();
      assertThat(select(pool, criteria(KA_L, Region.DL, null, true))).isEmpty();
      assertThat(select(pool, criteria(null, Region.MU, NumberType.MOBILE, true))).isEmpty();
      assertThat(select(pool, criteria(null, Region.TN, null, true))).isEmpty();
    }

    @Test
    void strictRequestedNumberIsGivenWhateverItsLoad() {
      pool.acquired(DL_M.number());
      pool.acquired(DL_M.number());
      assertThat(select(pool, criteria(DL_M, null, null, true))).contains(DL_M);
    }

    @Test
    void strictRequestedNumberOutsideThePoolIsNotGiven() {
      VnCriteria c =
          new VnCriteria(
              Optional.of(PhoneNumber.of("+918041234568")), Optional.empty(), Optional.empty(),
              true);
      assertThat(select(pool, c)).isEmpty();
    }

    @Test
    void strictWithoutPreferencesIsAnyNumber() {
      assertThat(select(pool, criteria(null, null, null, true))).contains(DL_L);
    }

    @Test
    void strictRegionTakesTheLeastLoadedOfTheRegion() {
      pool.acquired(KA_L.number());
      assertThat(select(pool, criteria(null, Region.KA, null, true))).contains(KA_M);
    }

    @Test
    void bestEffortPrefersMorePreferencesThenPriority() {
      // greenvn AP_L + KA + mobile: only KA_M satisfies two.
      assertThat(select(pool, criteria(AP_L, Region.KA, NumberType.MOBILE, false)))
          .contains(KA_M);
      // greenvn AP_L + KA: one each; the number beats the region.
      assertThat(select(pool, criteria(AP_L, Region.KA, null, false))).contains(AP_L);
      // greenvn AP_L + mobile: the number beats the type.
      assertThat(select(pool, criteria(AP_L, null, NumberType.MOBILE, false))).contains(AP_L);
      // MU + mobile: MU_L (region) beats DL_M and KA_M (type).
      assertThat(select(pool, criteria(null, Region.MU, NumberType.MOBILE, false)))
          .contains(MU_L);
      // greenvn KA_L + DL + mobile: number+? none; KA_L alone, or DL_M with region and type:
      assertThat(select(pool, criteria(KA_L, Region.DL, NumberType.MOBILE, false)))
          .contains(DL_M);
      // greenvn KA_L + KA + mobile: KA_L has number+region, KA_M region+type: number wins.
      assertThat(select(pool, criteria(KA_L, Region.KA, NumberType.MOBILE, false)))
          .contains(KA_L);
      // greenvn DL_L + KA + landline: DL_L has number+type, KA_L region+type: number wins.
      assertThat(select(pool, criteria(DL_L, Region.KA, NumberType.LANDLINE, false)))
          .contains(DL_L);
    }

    @Test
    void bestEffortWithNothingSatisfiableTakesTheLeastLoaded() {
      pool.acquired(DL_L.number());
      assertThat(select(pool, criteria(null, Region.TN, null, false))).contains(MU_L);
    }

    @Test
    void bestEffortIgnoresLoadAcrossPreferenceCounts() {
      for (int i = 0; i < 5; i++) {
        pool.acquired(KA_M.number());
      }
      assertThat(select(pool, criteria(null, Region.KA, NumberType.MOBILE, false)))
          .contains(KA_M);
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Exclusive {

    private final VnPool pool = new VnPool(List.of(DL_L, MU_L, KA_M), true);

    @Test
    void aLoadedNumberIsNeverGiven() {
      pool.acquired(DL_L.number());
      assertThat(select(pool, any())).contains(MU_L);
      pool.acquired(MU_L.number());
      assertThat(select(pool, any())).contains(KA_M);
      pool.acquired(KA_M.number());
      assertThat(select(pool, any())).isEmpty();
      assertThat(select(pool, criteria(DL_L, null, null, true))).isEmpty();
      assertThat(select(pool, criteria(DL_L, null, null, false))).isEmpty();
    }

    @Test
    void aReleasedNumberIsFreeAgain() {
      pool.acquired(DL_L.number());
      pool.acquired(MU_L.number());
      pool.acquired(KA_M.number());
      pool.released(MU_L.number(), T0);
      assertThat(select(pool, any())).contains(MU_L);
      assertThat(select(pool, criteria(DL_L, null, null, false))).contains(MU_L);
    }

    @Test
    void anEmptyNumberBehindAnExcludedOneOfTheSameRegionAndTypeIsFound() {
      VirtualNumber apL2 = VirtualNumber.of("+914023456789", Region.AP, NumberType.LANDLINE);
      VnPool sameBucket = new VnPool(List.of(AP_L, apL2), true);
      VnCriteria apLandline = criteria(null, Region.AP, NumberType.LANDLINE, true);
      assertThat(sameBucket.select(apLandline, vn -> false)).contains(apL2);
      assertThat(sameBucket.select(apLandline, excluding(apL2))).contains(AP_L);
      sameBucket.acquired(AP_L.number());
      assertThat(sameBucket.select(apLandline, excluding(apL2))).isEmpty();
      assertThat(sameBucket.select(apLandline, vn -> false)).contains(apL2);
    }

    @Test
    void anEmptyNumberBehindAnExcludedEmptyOneIsFound() {
      assertThat(pool.select(criteria(null, null, NumberType.LANDLINE, true), excluding(DL_L)))
          .contains(MU_L);
      pool.acquired(MU_L.number());
      assertThat(pool.select(criteria(null, null, NumberType.LANDLINE, true), excluding(DL_L)))
          .isEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Restore {

    @Test
    void restoreSetsLoadAndReleaseAndReorders() {
      VnPool pool = pool(DL_L, MU_L, WB_L);
      pool.restore(DL_L.number(), 3, Optional.empty());
      pool.restore(MU_L.number(), 0, Optional.of(T0));
      pool.restore(WB_L.number(), 1, Optional.empty());

      assertThat(pool.loads())
          .containsExactly(
              new VnLoad(DL_L, 3, Optional.empty()),
              new VnLoad(MU_L, 0, Optional.of(T0)),
              new VnLoad(WB_L, 1, Optional.empty()));
      assertThat(select(pool, any())).contains(MU_L);
      pool.acquired(MU_L.number());
      // MU_L and WB_L both carry one; WB_L was never released, so it has rested longest.
      assertThat(select(pool, any())).contains(WB_L);
    }

    @Test
    void restoreReplacesRatherThanAdds() {
      VnPool pool = pool(DL_L, MU_L);
      pool.acquired(DL_L.number());
      pool.acquired(DL_L.number());
      pool.released(DL_L.number(), T0.plusSeconds(99));
      pool.restore(DL_L.number(), 0, Optional.empty());

      assertThat(pool.load(DL_L.number())).isZero();
      assertThat(pool.loads().get(0).lastReleased()).isEmpty();
      assertThat(select(pool, any())).contains(DL_L);
    }

    @Test
    void restoreOfADisabledNumberIsTrackedButItStaysUnselectable() {
      VnPool pool = pool(DL_L.disabled(), MU_L);
      pool.restore(DL_L.number(), 2, Optional.of(T0));
      pool.restore(MU_L.number(), 9, Optional.empty());
      assertThat(pool.load(DL_L.number())).isEqualTo(2);
      assertThat(select(pool, any())).contains(MU_L);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A reference model of the selection rules written from DESIGN.md, compared with the pool over
   * thousands of random operations: the ordered sets must never disagree with a plain scan.
   */
  @Nested
  class AgainstAReferenceModel {

    private final List<VirtualNumber> inventory =
        List.of(
            DL_L, MU_L, WB_L.disabled(), AP_L, KA_L, DL_M, KA_M,
            VirtualNumber.of("+914023456789", Region.AP, NumberType.LANDLINE),
            VirtualNumber.of("+919900000001", Region.KA, NumberType.MOBILE),
            VirtualNumber.of("+914423456789", Region.TN, NumberType.LANDLINE),
            VirtualNumber.of("+919433000001", Region.WB, NumberType.MOBILE),
            VirtualNumber.of("+917940123456", Region.GJ, NumberType.LANDLINE).disabled());

    private final Map<PhoneNumber, Integer> loads = new HashMap<>();
    private final Map<PhoneNumber, Long> released = new HashMap<>();

    @Test
    void sharedPoolAgreesWithTheModel() {
      run(false, 11L);
    }

    @Test
    void exclusivePoolAgreesWithTheModel() {
      run(true, 23L);
    }

    private void run(boolean exclusive, long seed) {
      Random random = new Random(seed);
      VnPool pool = new VnPool(inventory, exclusive);
      long now = T0.toEpochMilli();
      for (int step = 0; step < 4000; step++) {
        VirtualNumber vn = inventory.get(random.nextInt(inventory.size()));
        PhoneNumber n = vn.number();
        int op = random.nextInt(10);
        if (op < 5) {
          pool.acquired(n);
          loads.merge(n, 1, Integer::sum);
        } else if (op < 9) {
          now += random.nextInt(3) * 1000L; // equal release times happen too
          pool.released(n, Instant.ofEpochMilli(now));
          loads.put(n, Math.max(0, loads.getOrDefault(n, 0) - 1));
          released.merge(n, now, Math::max);
        } else {
          int load = random.nextInt(4);
          Optional<Instant> at =
              random.nextBoolean()
                  ? Optional.of(Instant.ofEpochMilli(now - random.nextInt(5000)))
                  : Optional.empty();
          pool.restore(n, load, at);
          loads.put(n, load);
          if (at.isPresent()) {
            released.put(n, at.get().toEpochMilli());
          } else {
            released.remove(n);
          }
        }
        for (int query = 0; query < 3; query++) {
          VnCriteria criteria = randomCriteria(random);
          Set<PhoneNumber> excluded = new HashSet<>();
          for (VirtualNumber candidate : inventory) {
            if (random.nextInt(5) == 0) {
              excluded.add(candidate.number());
            }
          }
          assertThat(pool.select(criteria, excluded::contains))
              .as("step %d: %s excluding %s", step, criteria, excluded)
              .isEqualTo(expected(exclusive, criteria, excluded));
        }
      }
      for (VnLoad load : pool.loads()) {
        PhoneNumber n = load.number().number();
        assertThat(load.activeAllocations()).isEqualTo(loads.getOrDefault(n, 0));
        assertThat(load.lastReleased())
            .isEqualTo(Optional.ofNullable(released.get(n)).map(Instant::ofEpochMilli));
      }
    }

    private VnCriteria randomCriteria(Random random) {
      Optional<PhoneNumber> number =
          random.nextInt(3) == 0
              ? Optional.of(inventory.get(random.nextInt(inventory.size())).number())
              : Optional.empty();
      Optional<Region> region =
          random.nextInt(2) == 0
              ? Optional.of(Region.values()[random.nextInt(Region.values().length)])
              : Optional.empty();
      Optional<NumberType> type =
          random.nextInt(2) == 0
              ? Optional.of(NumberType.values()[random.nextInt(2)])
              : Optional.empty();
      return new VnCriteria(number, region, type, random.nextBoolean());
    }

    private Optional<VirtualNumber> expected(
        boolean exclusive, VnCriteria criteria, Set<PhoneNumber> excluded) {
      Comparator<VirtualNumber> byPreference =
          Comparator.comparingInt((VirtualNumber v) -> score(criteria, v)).reversed();
      Comparator<VirtualNumber> byLoad =
          Comparator.comparingInt((VirtualNumber v) -> loads.getOrDefault(v.number(), 0))
              .thenComparingLong(v -> released.getOrDefault(v.number(), Long.MIN_VALUE))
              .thenComparing(VirtualNumber::number);
      int asked = score(criteria, null);
      return inventory.stream()
          .filter(VirtualNumber::enabled)
          .filter(v -> !excluded.contains(v.number()))
          .filter(v -> !exclusive || loads.getOrDefault(v.number(), 0) == 0)
          .filter(v -> !criteria.strict() || score(criteria, v) == asked)
          .min(byPreference.thenComparing(byLoad));
    }

    /**
     * The preferences a number satisfies as a number whose binary digits are (greenvn, region,
     * type), so that more preferences, and then the higher priority, give a larger score. With a
     * null number: the preferences asked.
     */
    private int score(VnCriteria c, VirtualNumber v) {
      boolean number = c.number().isPresent() && (v == null || c.number().get().equals(v.number()));
      boolean region = c.region().isPresent() && (v == null || c.region().get() == v.region());
      boolean type = c.type().isPresent() && (v == null || c.type().get() == v.type());
      int count = (number ? 1 : 0) + (region ? 1 : 0) + (type ? 1 : 0);
      return count * 8 + (number ? 4 : 0) + (region ? 2 : 0) + (type ? 1 : 0);
    }
  }
}
