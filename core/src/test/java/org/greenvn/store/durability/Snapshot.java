package org.greenvn.store.durability;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.Pin;
import org.greenvn.phone.PhoneNumber;

/**
 * What a crash test compares of an allocation, as one tab-separated text: id, version, active or
 * not, virtual number, both sides' numbers and PINs. Equal texts mean the same state. (PINs here
 * are the workload's made-up ones, printed only on the pipe between the test and its child.)
 */
final class Snapshot {

  private Snapshot() {}

  static String of(Allocation a) {
    return a.greenvnId() + "\t" + a.version() + "\t" + (a.isActive() ? "active" : "vault")
        + "\t" + a.greenvn().e164() + "\t" + numbers(a.aPartyNumbers()) + "\t"
        + numbers(a.bPartyNumbers()) + "\t" + pins(a.aPartyPins()) + "\t" + pins(a.bPartyPins());
  }

  /** The id field of a snapshot. */
  static String id(String snapshot) {
    return snapshot.substring(0, snapshot.indexOf('\t'));
  }

  /** The version field of a snapshot. */
  static long version(String snapshot) {
    return Long.parseLong(snapshot.split("\t")[1]);
  }

  /** The virtual number field of a snapshot. */
  static String greenvn(String snapshot) {
    return snapshot.split("\t")[3];
  }

  /**
   * The (virtual number, number) and (virtual number, PIN) keys a snapshot's allocation holds,
   * as {@code "vn|number"} and {@code "vn|#pin"}.
   */
  static Set<String> keys(String snapshot) {
    String[] f = snapshot.split("\t");
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 4; i < 8; i++) {
      String list = f[i].substring(1, f[i].length() - 1);
      if (list.isEmpty()) {
        continue;
      }
      for (String item : list.split(",")) {
        keys.add(f[3] + "|" + (i < 6 ? "" : "#") + item);
      }
    }
    return keys;
  }

  private static String numbers(List<PhoneNumber> numbers) {
    return numbers.stream().map(PhoneNumber::e164).collect(Collectors.joining(",", "[", "]"));
  }

  private static String pins(List<Pin> pins) {
    return pins.stream().map(p -> Integer.toString(p.value()))
        .collect(Collectors.joining(",", "[", "]"));
  }
}
