package org.greenvn.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.AllocationService;
import org.greenvn.allocation.ErrorCode;
import org.greenvn.allocation.GreenVnException;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.metrics.GreenVnMetrics;
import org.greenvn.tenant.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What each tenant route does, once its caller is authenticated, admitted and its body read: the
 * engine's operation, its answer in the spec's envelope, and the metrics of creates.
 */
final class ApiOperations {

  private static final Logger LOG = LoggerFactory.getLogger(ApiOperations.class);

  private final AllocationService allocations;
  private final GreenVnMetrics metrics;
  private final int bulkMax;

  ApiOperations(AllocationService allocations, GreenVnMetrics metrics, int bulkMax) {
    this.allocations = allocations;
    this.metrics = metrics;
    this.bulkMax = bulkMax;
  }

  /** Serves a tenant route; a refusal is answered in its envelope, an unexpected failure thrown. */
  ApiResponse respond(Endpoint endpoint, String sid, Map<String, String> path, byte[] body) {
    try {
      return serve(endpoint, sid, path.get("greenvn_id"), body);
    } catch (ApiError e) {
      return Responses.error(e);
    } catch (GreenVnException e) {
      return Responses.error(ApiError.of(e));
    }
  }

  private ApiResponse serve(Endpoint endpoint, String sid, String greenvnId, byte[] body) {
    switch (endpoint) {
      case CREATE:
        return Responses.ok(create(sid, () -> Json.parse(body)));
      case BULK_CREATE:
        return Responses.ok(bulkCreate(sid, body));
      case DRY_RUN:
        return Responses.ok(dryRun(sid, body));
      case GET:
        return allocation(sid, allocations.get(sid, greenvnId));
      case DELETE:
        return allocation(sid, allocations.delete(sid, greenvnId));
      case UPDATE_CALL_PARTY:
        return allocation(
            sid,
            allocations.updateCallParty(
                sid, greenvnId, RequestBodies.callPartyUpdate(Json.parse(body))));
      case UPDATE_VN:
        return allocation(
            sid, allocations.updateVn(sid, greenvnId, RequestBodies.vnUpdate(Json.parse(body))));
      case POOL:
        return Responses.ok(
            ResponseBodies.pool(tenant(sid), allocations.utilisation(sid), zone(sid)));
      default:
        throw new IllegalArgumentException("Not a tenant route: " + endpoint);
    }
  }

  /** Creates one allocation and counts the attempt, whatever its result. */
  private ObjectNode create(String sid, Supplier<Optional<JsonNode>> body) {
    try {
      AllocationRequest request = RequestBodies.allocationRequest(body.get());
      Allocation created = allocations.create(sid, request);
      metrics.recordCreate(sid, Optional.empty());
      MDC.put("greenvn_id", created.greenvnId());
      LOG.debug("Allocated {} on {}", created.greenvnId(), created.greenvn());
      return ResponseBodies.allocation(created, zone(sid));
    } catch (GreenVnException e) {
      metrics.recordCreate(sid, Optional.of(e.code()));
      throw e;
    } catch (ApiError e) {
      metrics.recordCreate(sid, Optional.of(e.code()));
      throw e;
    } catch (RuntimeException e) {
      metrics.recordCreate(sid, Optional.of(ErrorCode.INTERNAL_ERROR));
      throw e;
    }
  }

  /**
   * Creates each allocation of {@code {"allocations": [...]}} on its own: each result is the
   * envelope a single create would have answered, in the order sent.
   */
  private ObjectNode bulkCreate(String sid, byte[] body) {
    JsonNode root = RequestBodies.object(Json.parse(body), "The request body");
    JsonNode items = root.get("allocations");
    if (items == null || items.isNull() || (items.isArray() && items.isEmpty())) {
      throw new GreenVnException(ErrorCode.MISSING_PARAMETER, "allocations is mandatory");
    }
    if (!items.isArray()) {
      throw ApiError.bad("allocations must be an array of allocation requests");
    }
    if (items.size() > bulkMax) {
      throw ApiError.tooManyInBulk(bulkMax);
    }
    ArrayNode results = Json.MAPPER.createArrayNode();
    int created = 0;
    for (JsonNode item : items) {
      ObjectNode result;
      try {
        result = Json.success(create(sid, () -> Optional.of(item)));
        created++;
      } catch (ApiError e) {
        result = Json.error(e.status(), e.code(), e.getMessage());
      } catch (GreenVnException e) {
        result = Json.error(e.code().httpStatus(), e.code(), e.getMessage());
      } catch (RuntimeException e) {
        // One item's failure is its own; the ones before it stand, each whole.
        LOG.error("A bulk create item failed", e);
        ErrorCode internal = ErrorCode.INTERNAL_ERROR;
        result = Json.error(internal.httpStatus(), internal, internal.description());
      } finally {
        MDC.remove("greenvn_id");
      }
      results.add(result);
    }
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("created", created);
    data.put("failed", items.size() - created);
    data.set("results", results);
    return data;
  }

  private ObjectNode dryRun(String sid, byte[] body) {
    AllocationRequest request = RequestBodies.allocationRequest(Json.parse(body));
    VirtualNumber chosen = allocations.preview(sid, request);
    return ResponseBodies.dryRun(request.connectionId().orElseThrow(), chosen);
  }

  private ApiResponse allocation(String sid, Allocation allocation) {
    return Responses.ok(ResponseBodies.allocation(allocation, zone(sid)));
  }

  private Tenant tenant(String sid) {
    return allocations
        .tenant(sid)
        .orElseThrow(() -> new GreenVnException(ErrorCode.NOT_FOUND, "Unknown tenant"));
  }

  private ZoneId zone(String sid) {
    return tenant(sid).timeZone();
  }
}
