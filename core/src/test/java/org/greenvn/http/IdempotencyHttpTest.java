package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.http.ApiFixture.ACME_AUTH;
import static org.greenvn.http.ApiFixture.GLOBEX_AUTH;
import static org.greenvn.http.ApiFixture.assertEnvelope;
import static org.greenvn.http.ApiFixture.assertRefused;
import static org.greenvn.http.ApiFixture.createBody;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.greenvn.TestNumbers;
import org.greenvn.http.ApiFixture.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on the creating POSTs: a replay answers the first response only. */
class IdempotencyHttpTest {

  private static final String CREATE = "/v1/tenants/acme/greenvn";

  private final ApiFixture api = new ApiFixture(b -> b.idempotency(Duration.ofHours(1), 1 << 20));

  @AfterEach
  void close() {
    api.close();
  }

  private Reply post(String path, String body, String key) {
    return api.send("POST", path, body, "Authorization", ACME_AUTH, "Idempotency-Key", key);
  }

  private int active() {
    return api.pool("acme", ACME_AUTH).get("active_allocations").asInt();
  }

  @Test
  void aReplayAnswersTheFirstResponseAndCreatesNothing() {
    String body = createBody("o1", TestNumbers.A1, TestNumbers.B1, "");

    Reply first = assertEnvelope(post(CREATE, body, "key-1"));
    Reply second = assertEnvelope(post(CREATE, body, "key-1"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.raw().body()).isEqualTo(first.raw().body());
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(active()).isEqualTo(1);
    // Without the key the same body is a new request, refused as a duplicate.
    assertRefused(api.acme("POST", CREATE, body), 409, 18);
  }

  @Test
  void aRefusalIsReplayedTooSoTheAnswerNeverChanges() {
    String body = createBody("o1", "+91123", TestNumbers.B1, "");

    Reply first = assertRefused(post(CREATE, body, "key-2"), 400, 16);
    Reply second = assertRefused(post(CREATE, body, "key-2"), 400, 16);

    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.raw().body()).isEqualTo(first.raw().body());
  }

  @Test
  void aKeyReusedWithAnotherBodyIsRefusedAndCreatesNothing() {
    assertEnvelope(post(CREATE, createBody("o1", TestNumbers.A1, TestNumbers.B1, ""), "key-3"));

    assertRefused(
        post(CREATE, createBody("o2", TestNumbers.A2, TestNumbers.B2, ""), "key-3"), 400, 5);
    assertThat(active()).isEqualTo(1);
  }

  @Test
  void keysAreTenantsOwn() {
    assertEnvelope(post(CREATE, createBody("o1", TestNumbers.A1, TestNumbers.B1, ""), "shared"));

    Reply globex =
        api.send(
            "POST",
            "/v1/tenants/globex/greenvn",
            createBody("o1", TestNumbers.A1, TestNumbers.B1, ""),
            "Authorization",
            GLOBEX_AUTH,
            "Idempotency-Key",
            "shared");

    assertThat(assertEnvelope(globex).status()).isEqualTo(200);
    assertThat(globex.header("Idempotent-Replayed")).isNull();
    assertThat(globex.data().get("green_vn").asText())
        .isEqualTo(ApiFixture.GLOBEX_VN.number().e164());
  }

  @Test
  void aBulkCreateIsReplayedWhole() {
    String bulk =
        "{\"allocations\":["
            + createBody("b1", TestNumbers.A1, TestNumbers.B1, "")
            + ","
            + createBody("b2", TestNumbers.A2, TestNumbers.B2, "")
            + "]}";

    Reply first = assertEnvelope(post(CREATE + "/bulk", bulk, "bulk-1"));
    Reply second = assertEnvelope(post(CREATE + "/bulk", bulk, "bulk-1"));

    assertThat(first.data().get("created").asInt()).isEqualTo(2);
    assertThat(second.raw().body()).isEqualTo(first.raw().body());
    assertThat(active()).isEqualTo(2);
  }

  @Test
  void aRecordExpiresAfterItsTimeToLive() {
    String body = createBody("o1", TestNumbers.A1, TestNumbers.B1, "");
    assertEnvelope(post(CREATE, body, "key-4"));

    api.clock.advance(Duration.ofMinutes(61));

    // Forgotten: the request runs again, and finds its connection id taken.
    Reply late = assertRefused(post(CREATE, body, "key-4"), 409, 18);
    assertThat(late.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void aRepeatWhileTheFirstIsStillServedIs409AndCreatesNothing() throws Exception {
    FailingStore store = new FailingStore();
    store.insertGate = new CountDownLatch(1);
    try (ApiFixture slow = new ApiFixture(store, b -> b)) {
      String body = createBody("o1", TestNumbers.A1, TestNumbers.B1, "");
      CompletableFuture<Reply> first =
          CompletableFuture.supplyAsync(
              () ->
                  slow.send(
                      "POST", CREATE, body, "Authorization", ACME_AUTH, "Idempotency-Key", "k"));
      assertThat(store.insertReached.await(20, TimeUnit.SECONDS)).isTrue();

      Reply repeat =
          slow.send("POST", CREATE, body, "Authorization", ACME_AUTH, "Idempotency-Key", "k");

      assertRefused(repeat, 409, 5);
      store.insertGate.countDown();
      assertThat(assertEnvelope(first.get(20, TimeUnit.SECONDS)).status()).isEqualTo(200);
      Reply replay =
          slow.send("POST", CREATE, body, "Authorization", ACME_AUTH, "Idempotency-Key", "k");
      assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(slow.pool("acme", ACME_AUTH).get("active_allocations").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aMalformedKeyIsRefused() {
    String body = createBody("o1", TestNumbers.A1, TestNumbers.B1, "");

    assertRefused(post(CREATE, body, "x".repeat(256)), 400, 5);
    assertRefused(post(CREATE, body, "with space"), 400, 5);
    assertThat(active()).isZero();
  }
}
