package org.greenvn.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.greenvn.allocation.AllocationService;
import org.greenvn.inventory.VnLoad;
import org.greenvn.tenant.Tenant;

/** The gauges of one tenant's pool, each read from the engine when scraped. */
final class PoolGauges {

  private PoolGauges() {}

  static void register(MeterRegistry registry, AllocationService allocations, Tenant tenant) {
    String sid = tenant.sid();
    gauge(
        registry,
        "greenvn.allocations.active",
        "Active allocations",
        sid,
        () -> loads(allocations, sid).stream().mapToLong(VnLoad::activeAllocations).sum());
    gauge(
        registry,
        "greenvn.pool.vns",
        "Virtual numbers in the pool",
        sid,
        () -> loads(allocations, sid).size());
    gauge(
        registry,
        "greenvn.pool.vns.enabled",
        "Virtual numbers open to new allocations",
        sid,
        () -> loads(allocations, sid).stream().filter(l -> l.number().enabled()).count());
    gauge(
        registry,
        "greenvn.pool.vns.in.use",
        "Virtual numbers carrying an allocation",
        sid,
        () -> loads(allocations, sid).stream().filter(l -> l.activeAllocations() > 0).count());
    gauge(
        registry,
        "greenvn.pool.utilisation.ratio",
        "Enabled virtual numbers carrying an allocation, over enabled ones",
        sid,
        () -> utilisation(loads(allocations, sid)));
  }

  private static void gauge(
      MeterRegistry registry, String name, String description, String sid, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).tag("tenant", sid).register(registry);
  }

  private static List<VnLoad> loads(AllocationService allocations, String sid) {
    return allocations.utilisation(sid);
  }

  private static double utilisation(List<VnLoad> loads) {
    long enabled = 0;
    long inUse = 0;
    for (VnLoad load : loads) {
      if (load.number().enabled()) {
        enabled++;
        if (load.activeAllocations() > 0) {
          inUse++;
        }
      }
    }
    return enabled == 0 ? 0.0 : (double) inUse / enabled;
  }
}
