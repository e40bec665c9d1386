package org.greenvn.examples.soak;

import java.util.Set;

/**
 * How far the end-of-run heap and threads may be from the baseline taken after warm-up.
 *
 * @param heapSlackBytes heap (after GC) the end may hold above the baseline
 * @param poolSlack threads a family present at the baseline may have above its baseline count:
 *     pools that grow under load and shrink only after an idle timeout
 * @param lazyFamilies thread families that may appear after the baseline (started on first use,
 *     never per call), each with at most {@code poolSlack} threads
 */
record ResourceTolerance(long heapSlackBytes, int poolSlack, Set<String> lazyFamilies) {

  ResourceTolerance {
    lazyFamilies = Set.copyOf(lazyFamilies);
  }
}
