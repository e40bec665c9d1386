package org.greenvn.archfixture.cycle.right;

import org.greenvn.archfixture.cycle.left.Left;

/** The other half of the planted package cycle: uses {@link Left}. */
public final class Right {
  Left left;
}
