package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.http.ApiFixture.ACME_AUTH;
import static org.greenvn.http.ApiFixture.GLOBEX_AUTH;
import static org.greenvn.http.ApiFixture.assertEnvelope;
import static org.greenvn.http.ApiFixture.assertRefused;
import static org.greenvn.http.ApiFixture.createBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.greenvn.TestNumbers;
import org.greenvn.allocation.ErrorCode;
import org.greenvn.http.ApiFixture.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every code of the spec's Appendix 1 that this API can answer, provoked over HTTP, each with the
 * HTTP status the Appendix gives it. Codes 9 (a version header), 20 (groups) and 23 (date ranges)
 * belong to parts of the spec this API has no route for.
 */
class ErrorCodesHttpTest {

  private static final String CREATE = "/v1/tenants/acme/greenvn";

  /** The codes the API has no route to produce. */
  private static final Set<ErrorCode> NOT_PRODUCED =
      EnumSet.of(
          ErrorCode.VERSION_UNSUPPORTED, ErrorCode.MAPPING_NOT_FOUND, ErrorCode.INVALID_DATE_RANGE);

  private static String create(String connectionId, String extra) {
    return createBody(connectionId, TestNumbers.A1, TestNumbers.B1, extra);
  }

  /** Each code and a request that earns it from a fresh fixture. */
  static Stream<Arguments> codes() {
    Function<ApiFixture, Reply> notFound =
        api -> api.acme("GET", CREATE + "/no-such-allocation", null);
    Function<ApiFixture, Reply> unsupportedFilter =
        api -> api.acme("POST", CREATE, create("o1", "\"preferences\":{\"colour\":\"green\"}"));
    Function<ApiFixture, Reply> missing =
        api ->
            api.acme(
                "POST",
                CREATE,
                "{\"connection_id\":\"o1\",\"aparty_numbers\":[\""
                    + TestNumbers.A1
                    + "\"],\"bparty_numbers\":[\""
                    + TestNumbers.B1
                    + "\"]}");
    Function<ApiFixture, Reply> noFreeVn =
        api ->
            api.acme(
                "POST",
                CREATE,
                create("o1", "\"strictness\":true,\"preferences\":{\"region\":\"RJ\"}"));
    Function<ApiFixture, Reply> malformed = api -> api.acme("POST", CREATE, "{\"connection_id\":");
    Function<ApiFixture, Reply> unauthenticated = api -> api.send("POST", CREATE, create("o1", ""));
    Function<ApiFixture, Reply> forbidden =
        api -> api.send("POST", CREATE, create("o1", ""), "Authorization", GLOBEX_AUTH);
    Function<ApiFixture, Reply> repeated =
        api ->
            api.acme(
                "POST",
                CREATE,
                "{\"connection_id\":\"o1\",\"aparty_numbers\":[\""
                    + TestNumbers.A1
                    + "\",\""
                    + TestNumbers.A1
                    + "\"],\"bparty_numbers\":[\""
                    + TestNumbers.B1
                    + "\"],\"usage\":\"twoway\"}");
    Function<ApiFixture, Reply> bothSides =
        api -> api.acme("POST", CREATE, createBody("o1", TestNumbers.A1, TestNumbers.A1, ""));
    Function<ApiFixture, Reply> region =
        api -> api.acme("POST", CREATE, create("o1", "\"preferences\":{\"region\":\"ZZ\"}"));
    Function<ApiFixture, Reply> invalidNumber =
        api -> api.acme("POST", CREATE, createBody("o1", "+91123", TestNumbers.B1, ""));
    Function<ApiFixture, Reply> tooManyInBulk =
        api -> {
          String item = create("o1", "");
          String items = String.join(",", java.util.Collections.nCopies(101, item));
          return api.acme("POST", CREATE + "/bulk", "{\"allocations\":[" + items + "]}");
        };
    Function<ApiFixture, Reply> duplicateConnection =
        api -> {
          api.create("o1", TestNumbers.A1, TestNumbers.B1, "");
          return api.acme("POST", CREATE, createBody("o1", TestNumbers.A2, TestNumbers.B2, ""));
        };
    Function<ApiFixture, Reply> heldOnVn =
        api -> {
          String onKaL = "\"strictness\":true,\"preferences\":{\"greenvn\":\"+918041234567\"}";
          api.create("o1", TestNumbers.A1, TestNumbers.B1, onKaL);
          return api.acme("POST", CREATE, createBody("o2", TestNumbers.A1, TestNumbers.B2, onKaL));
        };
    Function<ApiFixture, Reply> alreadyDeleted =
        api -> {
          String id =
              api.create("o1", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();
          assertEnvelope(api.acme("DELETE", CREATE + "/" + id, null));
          return api.acme("DELETE", CREATE + "/" + id, null);
        };
    Function<ApiFixture, Reply> unknownFlow =
        api -> api.acme("POST", CREATE, create("o1", "\"flow_id\":\"no-such-flow\""));
    return Stream.of(
        Arguments.of(ErrorCode.NOT_FOUND, notFound),
        Arguments.of(ErrorCode.UNSUPPORTED_FILTER, unsupportedFilter),
        Arguments.of(ErrorCode.MISSING_PARAMETER, missing),
        Arguments.of(ErrorCode.NO_FREE_VN, noFreeVn),
        Arguments.of(ErrorCode.BAD_PARAMETER, malformed),
        Arguments.of(ErrorCode.AUTHENTICATION_FAILED, unauthenticated),
        Arguments.of(ErrorCode.PERMISSION_DENIED, forbidden),
        Arguments.of(ErrorCode.DUPLICATE_IN_GROUP_LIST, repeated),
        Arguments.of(ErrorCode.DUPLICATE_IN_REQUEST, bothSides),
        Arguments.of(ErrorCode.REGION_NOT_SUPPORTED, region),
        Arguments.of(ErrorCode.INVALID_NUMBER, invalidNumber),
        Arguments.of(ErrorCode.TOO_MANY_IN_BULK, tooManyInBulk),
        Arguments.of(ErrorCode.DUPLICATE_CONNECTION_ID, duplicateConnection),
        Arguments.of(ErrorCode.DUPLICATE_IN_GROUP, heldOnVn),
        Arguments.of(ErrorCode.ALREADY_DELETED, alreadyDeleted),
        Arguments.of(ErrorCode.INVALID_CALL_FLOW, unknownFlow));
  }

  @ParameterizedTest(name = "code {0}")
  @MethodSource("codes")
  void eachCodeComesWithItsAppendixStatus(ErrorCode code, Function<ApiFixture, Reply> request) {
    try (ApiFixture api = new ApiFixture()) {
      assertRefused(request.apply(api), code.httpStatus(), code.code());
    }
  }

  @Test
  void everyCodeButThoseWithoutARouteIsCovered() {
    Set<ErrorCode> covered =
        codes()
            .map(a -> (ErrorCode) a.get()[0])
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));
    covered.add(ErrorCode.INTERNAL_ERROR); // below, on a store that fails
    Set<ErrorCode> all = EnumSet.allOf(ErrorCode.class);
    all.removeAll(NOT_PRODUCED);
    assertThat(covered).isEqualTo(all);
    assertThat(Arrays.stream(ErrorCode.values()).filter(c -> !covered.contains(c)))
        .containsExactlyInAnyOrderElementsOf(NOT_PRODUCED);
  }

  @Test
  void theDuplicateConnectionRefusalIsTheSpecSampleWordForWord() {
    try (ApiFixture api = new ApiFixture()) {
      api.create("o1", TestNumbers.A1, TestNumbers.B1, "");
      Reply reply = api.acme("POST", CREATE, createBody("o1", TestNumbers.A2, TestNumbers.B2, ""));
      assertThat(reply.json().toString())
          .isEqualTo(
              "{\"success\":false,\"status\":409,\"code\":18,"
                  + "\"message\":\"Allocation exists for this connection id.\",\"data\":null}");
    }
  }

  @Test
  void aFailingStoreAnswers500Code0AndNothingIsWritten() {
    FailingStore store = new FailingStore();
    try (ApiFixture api = new ApiFixture(store, b -> b)) {
      String id = api.create("o1", TestNumbers.A1, TestNumbers.B1, "").get("greenvn_id").asText();
      store.failWrites = true;

      Reply created =
          api.send(
              "POST",
              CREATE,
              createBody("o2", TestNumbers.A2, TestNumbers.B2, ""),
              "Authorization",
              ACME_AUTH,
              "Idempotency-Key",
              "k-500");
      Reply deleted = api.acme("DELETE", CREATE + "/" + id, null);
      Reply moved = api.acme("PUT", CREATE + "/" + id + "/vn", null);

      for (Reply reply : new Reply[] {created, deleted, moved}) {
        assertRefused(reply, 500, 0);
        assertThat(reply.json().get("message").asText())
            .isEqualTo("Internal Service Error")
            .doesNotContain("store");
      }
      assertThat(api.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isEqualTo(1);
      JsonNode still = assertEnvelope(api.acme("GET", CREATE + "/" + id, null)).data();
      assertThat(still.get("state").asText()).isEqualTo("active");

      // A 500 is not kept for the key: once the store mends, the same request runs, once.
      store.failWrites = false;
      Reply retried =
          api.send(
              "POST",
              CREATE,
              createBody("o2", TestNumbers.A2, TestNumbers.B2, ""),
              "Authorization",
              ACME_AUTH,
              "Idempotency-Key",
              "k-500");
      assertThat(assertEnvelope(retried).status()).isEqualTo(200);
      assertThat(retried.header("Idempotent-Replayed")).isNull();
      assertThat(api.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isEqualTo(2);
    }
  }

  @Test
  void theRateLimitAnswers429Code17WithRetryAfter() {
    try (ApiFixture api = new ApiFixture(b -> b.rateLimit("acme", 0.001, 2))) {
      assertEnvelope(api.acme("GET", CREATE + "/x", null));
      assertEnvelope(api.acme("GET", CREATE + "/x", null));

      Reply limited = assertRefused(api.acme("GET", CREATE + "/x", null), 429, 17);

      assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 1000L);
      // Another tenant's bucket is its own.
      assertRefused(
          api.send("GET", "/v1/tenants/globex/greenvn/x", null, "Authorization", GLOBEX_AUTH),
          404,
          1);
    }
  }

  @Test
  void aBodyOverTheLimitAnswers413() {
    try (ApiFixture api = new ApiFixture(b -> b.maxBodyBytes(2048))) {
      String big = create("o1", "\"padding\":\"" + "x".repeat(4096) + "\"");

      assertRefused(api.acme("POST", CREATE, big), 413, 5);
      // Without a Content-Length (chunked), the limit holds as the body is read.
      Reply chunked =
          api.sendPublisher(
              "POST",
              CREATE,
              java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                  () -> new java.io.ByteArrayInputStream(big.getBytes())),
              "Authorization",
              ACME_AUTH);
      assertRefused(chunked, 413, 5);
      assertThat(api.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isZero();
    }
  }
}
