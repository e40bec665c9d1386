package org.greenvn.examples.soak;

import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;

/**
 * An allocation's VN, numbers, PINs and usage, as the soak compares them: sets, since the order
 * of a party's numbers carries no meaning. {@link #toString()} never shows the PINs.
 *
 * @param vn the virtual number, E.164
 * @param aNumbers the A party's numbers, E.164
 * @param bNumbers the B party's numbers, E.164
 * @param aPins the A party's PINs
 * @param bPins the B party's PINs
 * @param usage {@code oneway} or {@code twoway}
 */
record Parties(
    String vn,
    Set<String> aNumbers,
    Set<String> bNumbers,
    Set<Long> aPins,
    Set<Long> bPins,
    String usage) implements Serializable {

  Parties {
    aNumbers = Set.copyOf(aNumbers);
    bNumbers = Set.copyOf(bNumbers);
    aPins = Set.copyOf(aPins);
    bPins = Set.copyOf(bPins);
  }

  Parties withVn(String newVn) {
    return new Parties(newVn, aNumbers, bNumbers, aPins, bPins, usage);
  }

  /** These parties with {@code caller} added to side {@code a} (else B), as a PIN join does. */
  Parties withJoined(boolean a, String caller) {
    Set<String> side = new TreeSet<>(a ? aNumbers : bNumbers);
    side.add(caller);
    return a
        ? new Parties(vn, side, bNumbers, aPins, bPins, usage)
        : new Parties(vn, aNumbers, side, aPins, bPins, usage);
  }

  boolean hasPins() {
    return !aPins.isEmpty() || !bPins.isEmpty();
  }

  /** What differs from {@code other}, in words (PINs by count only), or empty when equal. */
  String differenceFrom(Parties other) {
    StringBuilder diff = new StringBuilder();
    if (!vn.equals(other.vn)) {
      diff.append(" vn ").append(other.vn).append(" != ").append(vn);
    }
    if (!aNumbers.equals(other.aNumbers)) {
      diff.append(" aparty ").append(new TreeSet<>(other.aNumbers)).append(" != ")
          .append(new TreeSet<>(aNumbers));
    }
    if (!bNumbers.equals(other.bNumbers)) {
      diff.append(" bparty ").append(new TreeSet<>(other.bNumbers)).append(" != ")
          .append(new TreeSet<>(bNumbers));
    }
    if (!aPins.equals(other.aPins) || !bPins.equals(other.bPins)) {
      diff.append(" pins differ (").append(other.aPins.size() + other.bPins.size())
          .append(" vs ").append(aPins.size() + bPins.size()).append(')');
    }
    if (!usage.equals(other.usage)) {
      diff.append(" usage ").append(other.usage).append(" != ").append(usage);
    }
    return diff.toString().trim();
  }

  @Override
  public String toString() {
    return "Parties[vn=" + vn + ", a=" + new TreeSet<>(aNumbers) + ", b=" + new TreeSet<>(bNumbers)
        + ", pins=" + (aPins.size() + bPins.size()) + ", usage=" + usage + "]";
  }
}
