package org.greenvn.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.Pin;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.inventory.VnLoad;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.tenant.Tenant;

/**
 * The {@code data} of the API's responses, with the spec's field names. The number allocated is
 * sent as both {@code greenvn} and {@code green_vn}, since the spec's samples use both; times are
 * {@code YYYY-MM-DD HH:mm:ss} in the tenant's zone, as in the callbacks.
 */
final class ResponseBodies {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ResponseBodies() {}

  /** An allocation as the create, get, delete and update responses show it. */
  static ObjectNode allocation(Allocation a, ZoneId zone) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("connection_id", a.connectionId());
    numbers(data.putArray("aparty_numbers"), a.aPartyNumbers());
    numbers(data.putArray("bparty_numbers"), a.bPartyNumbers());
    pins(data.putArray("aparty_pins"), a.aPartyPins());
    pins(data.putArray("bparty_pins"), a.bPartyPins());
    data.put("usage", a.usage().wireName());
    data.put("state", a.state().wireName());
    data.put("greenvn", a.greenvn().e164());
    data.put("green_vn", a.greenvn().e164());
    data.put("greenvn_id", a.greenvnId());
    // The spec: flow_id is present only if the request passed one.
    a.flowId().ifPresent(flow -> data.put("flow_id", flow));
    data.put("created_at", time(a.createdAt(), zone));
    data.put("expires_at", time(a.expiresAt(), zone));
    a.deallocatedAt().ifPresent(at -> data.put("deallocated_at", time(at, zone)));
    return data;
  }

  /** What a dry run of a create found: it would succeed, on this number. */
  static ObjectNode dryRun(String connectionId, VirtualNumber chosen) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("would_succeed", true);
    data.put("connection_id", connectionId);
    data.put("greenvn", chosen.number().e164());
    data.put("green_vn", chosen.number().e164());
    data.put("region", chosen.region().name());
    data.put("number_type", chosen.type().wireName());
    return data;
  }

  /**
   * A tenant's pool: each number with its active allocations, and the headroom, the enabled numbers
   * that carry nothing. On a tenant that shares numbers a number in use still takes parties that
   * are new to it, so the headroom is a floor there; on one with exclusive numbers it is exactly
   * how many more allocations fit.
   */
  static ObjectNode pool(Tenant tenant, List<VnLoad> loads, ZoneId zone) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("tenant_sid", tenant.sid());
    data.put("exclusive_numbers", tenant.exclusiveNumbers());
    long enabled = 0;
    long inUse = 0;
    long free = 0;
    long active = 0;
    ArrayNode vns = Json.MAPPER.createArrayNode();
    for (VnLoad load : loads) {
      VirtualNumber vn = load.number();
      active += load.activeAllocations();
      if (load.activeAllocations() > 0) {
        inUse++;
      }
      if (vn.enabled()) {
        enabled++;
        if (load.activeAllocations() == 0) {
          free++;
        }
      }
      ObjectNode row = vns.addObject();
      row.put("greenvn", vn.number().e164());
      row.put("green_vn", vn.number().e164());
      row.put("region", vn.region().name());
      row.put("number_type", vn.type().wireName());
      row.put("enabled", vn.enabled());
      row.put("active_allocations", load.activeAllocations());
      if (load.lastReleased().isPresent()) {
        row.put("last_released_at", time(load.lastReleased().get(), zone));
      } else {
        row.putNull("last_released_at");
      }
    }
    data.put("total_vns", loads.size());
    data.put("enabled_vns", enabled);
    data.put("vns_in_use", inUse);
    data.put("active_allocations", active);
    data.put("headroom", free);
    data.set("vns", vns);
    return data;
  }

  private static void numbers(ArrayNode array, List<PhoneNumber> numbers) {
    numbers.forEach(n -> array.add(n.e164()));
  }

  private static void pins(ArrayNode array, List<Pin> pins) {
    pins.forEach(p -> array.add(p.value()));
  }

  private static String time(Instant instant, ZoneId zone) {
    return TIME.format(instant.atZone(zone));
  }
}
