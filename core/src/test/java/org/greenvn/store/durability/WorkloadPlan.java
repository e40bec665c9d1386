package org.greenvn.store.durability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.tenant.Tenant;

/**
 * The tenant, virtual numbers and parties of the child engines' workloads: a small pool and few
 * parties, so that conflicts are frequent. Parent and children build the same tenant from it.
 * Every number is a valid Indian mobile number for libphonenumber.
 */
final class WorkloadPlan {

  /** The workloads' tenant. */
  static final String TENANT = "crash";

  private WorkloadPlan() {}

  /** A tenant with {@code poolSize} virtual numbers, allocations living an hour by default. */
  static Tenant tenant(int poolSize) {
    Tenant.Builder builder = Tenant.builder(TENANT).defaultDeallocation(Duration.ofHours(1));
    for (String vn : pool(poolSize)) {
      builder.number(vn, Region.values()[0], NumberType.MOBILE);
    }
    return builder.build();
  }

  /** The virtual numbers of a pool of {@code size}. */
  static List<String> pool(int size) {
    List<String> numbers = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      numbers.add("+91" + (7_000_000_000L + i));
    }
    return numbers;
  }

  /** The i-th A-party number. */
  static String aParty(int i) {
    return "+91" + (9_800_000_000L + i);
  }

  /** The i-th B-party number. */
  static String bParty(int i) {
    return "+91" + (9_900_000_000L + i);
  }
}
