package org.greenvn.examples.soak;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The soak's numbers. Allocations with PINs take their VNs strictly from KA, those without from
 * DL or MH (also on VN moves), so an unknown caller on a DL or MH number is always out of
 * allocation, and one on a KA number held by an allocation is always asked for a PIN. Parties
 * come from two small pools so that creates and updates contend for (VN, number) pairs; callers
 * who join by PIN or call unmatched are new numbers each time.
 */
final class SoakNumbers {

  static final String TENANT = "soak";
  static final String PIN_REGION = "KA";
  static final List<String> PLAIN_REGIONS = List.of("DL", "MH");
  static final Map<String, List<String>> INVENTORY =
      Map.of(
          "KA", range("+91804123456", 0, 5),
          "DL", range("+91114123456", 0, 4),
          "MH", range("+91224123456", 0, 4));
  /** A valid number that is no tenant's VN. */
  static final String NOT_A_VN = "+914441234599";
  static final List<String> CUSTOMERS = range("+9198765000", 10, 70);
  static final List<String> AGENTS = range("+9198000100", 10, 70);

  private final AtomicLong fresh = new AtomicLong();

  /** A caller no allocation has ever held. */
  String freshCaller() {
    return String.format("+9170%08d", fresh.incrementAndGet());
  }

  private static List<String> range(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
  }
}
