package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.http.ApiFixture.ACME_AUTH;
import static org.greenvn.http.ApiFixture.assertEnvelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.greenvn.TestNumbers;
import org.greenvn.http.ApiFixture.Reply;
import org.greenvn.http.HostileBodies.Target;
import org.junit.jupiter.api.Test;

/**
 * Thousands of hostile bodies ({@link HostileBodies}, a fixed seed) posted to every route that
 * takes a body: each is refused with a 4xx in the spec's envelope, never a 5xx, and nothing
 * changes. Bounded: a fixed number of requests, a few seconds on loopback.
 */
class HostileBodiesFuzzTest {

  private static final long SEED = 0x6772_6565_6e76_6eL;
  private static final int BODIES = 2500;

  private static String path(Target target, String id) {
    return switch (target) {
      case CREATE -> "/v1/tenants/acme/greenvn";
      case DRY_RUN -> "/v1/tenants/acme/greenvn/dry-run";
      case BULK -> "/v1/tenants/acme/greenvn/bulk";
      case CALL_PARTY -> "/v1/tenants/acme/greenvn/" + id + "/call-party";
      case VN -> "/v1/tenants/acme/greenvn/" + id + "/vn";
    };
  }

  private static String method(Target target) {
    return target == Target.CALL_PARTY || target == Target.VN ? "PUT" : "POST";
  }

  private static ApiFixture fixture() {
    return new ApiFixture(b -> b.rateLimit(1e6, 1_000_000).maxBodyBytes(256 * 1024));
  }

  @Test
  void everyBaseBodyIsValidSoTheHostileOnesDifferByWhatBreaksThem() {
    for (Target target : Target.values()) {
      try (ApiFixture api = fixture()) {
        String id =
            api.create("other", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();
        Reply reply =
            api.acme(
                method(target), path(target, id), HostileBodies.render(HostileBodies.base(target)));
        assertThat(assertEnvelope(reply).status())
            .as("%s: %s", target, reply.json())
            .isEqualTo(200);
        if (target == Target.BULK) {
          assertThat(reply.data().get("created").asInt()).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void hostileBodiesAreRefusedInTheEnvelopeAndChangeNothing() {
    try (ApiFixture api = fixture()) {
      String id =
          api.create("order-1", TestNumbers.A1, TestNumbers.B1, "\"aparty_pins\":[4321]")
              .get("greenvn_id")
              .asText();
      JsonNode allocationBefore = api.acme("GET", path(Target.CREATE, id) + "/" + id, null).json();
      JsonNode poolBefore = api.pool("acme", ACME_AUTH);
      HostileBodies bodies = new HostileBodies(SEED);
      Target[] targets = Target.values();
      Map<Target, Integer> sent = new EnumMap<>(Target.class);
      Map<Integer, Integer> statuses = new TreeMap<>();

      for (int i = 0; i < BODIES; i++) {
        Target target = targets[i % targets.length];
        byte[] body = bodies.next(target);
        Reply reply =
            api.sendBytes(method(target), path(target, id), body, "Authorization", ACME_AUTH);

        assertEnvelope(reply);
        String seen =
            new String(
                body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(reply.status())
            .as("%s #%d %s -> %s", target, i, seen, reply.json())
            .isBetween(200, 499);
        if (reply.status() == 200) {
          // Only a bulk create answers 200 to bad input: with every item refused.
          assertThat(target).as("#%d %s -> %s", i, seen, reply.json()).isEqualTo(Target.BULK);
          assertThat(reply.data().get("created").asInt()).as("#%d %s", i, seen).isZero();
        }
        sent.merge(target, 1, Integer::sum);
        statuses.merge(reply.status(), 1, Integer::sum);
      }

      assertThat(api.acme("GET", path(Target.CREATE, id) + "/" + id, null).json())
          .isEqualTo(allocationBefore);
      assertThat(api.pool("acme", ACME_AUTH)).isEqualTo(poolBefore);
      assertThat(sent.values()).allMatch(n -> n >= BODIES / targets.length);
      // The bodies reached more than one kind of refusal: bad values, size, bulk limit.
      assertThat(statuses).containsKeys(400, 413);
    }
  }
}
