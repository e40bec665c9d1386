package org.greenvn.archfixture.cycle.left;

import org.greenvn.archfixture.cycle.right.Right;

/** Half of a planted package cycle, for {@code EdgeDependencyTest}: uses {@link Right}. */
public final class Left {
  Right right;
}
