package org.greenvn.examples.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.greenvn.asterisk.testing.AgiEnvironment;
import org.greenvn.asterisk.testing.FakeAsterisk;
import org.greenvn.webhook.WebhookVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled server over real sockets: an allocation made over HTTP routes a FastAGI call, its
 * events reach a webhook receiver signed, and allocations and undelivered events survive a
 * restart on the same SQLite file.
 */
class StandaloneServerTest {

  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
      "standalone-server-test-secret".getBytes(UTF_8));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Receiver receiver = new Receiver();

  @BeforeEach
  void startReceiver() throws IOException {
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop();
  }

  @Test
  void anAllocationMadeOverHttpRoutesACallAndItsEventArrivesSigned() throws Exception {
    try (StandaloneServer server = StandaloneServer.start(config())) {
      JsonNode created = create(server, "order-1", "+919876543210", "+919800000001", "1h");
      assertThat(created.path("success").asBoolean()).isTrue();
      String vn = created.path("data").path("greenvn").asText();

      List<String> commands = busyCall(server, "919876543210", vn, "1795882300.1");

      assertThat(commands).contains("SET CALLERID \"" + vn + "\"");
      assertThat(commands).anySatisfy(c -> assertThat(c).startsWith("EXEC Dial"));
      Receiver.Delivery call = receiver.awaitDeliveries(1).get(0);
      JsonNode body = JSON.readTree(call.body());
      assertThat(body.path("dial_call_status").asText()).isEqualTo("busy");
      assertThat(body.path("greenvn").asText()).isEqualTo(vn);
      assertThat(body.path("connection_id").asText()).isEqualTo("order-1");
      WebhookVerifier.of(SECRET).verify(call.headers(), call.body().getBytes(UTF_8));
    }
  }

  @Test
  void allocationsAndUndeliveredEventsSurviveARestart() throws Exception {
    receiver.failing.set(true);
    String keptId;
    String expiringId;
    try (StandaloneServer server = StandaloneServer.start(config())) {
      keptId = create(server, "order-kept", "+919876543210", "+919800000001", "1h")
          .path("data").path("greenvn_id").asText();
      expiringId = create(server, "order-short", "+919876543211", "+919800000002", "1s")
          .path("data").path("greenvn_id").asText();
      // The expiry's event is refused by the receiver at least once before the server stops.
      receiver.awaitAttempts(1);
    }
    assertThat(receiver.deliveries()).isEmpty();

    receiver.failing.set(false);
    try (StandaloneServer server = StandaloneServer.start(config())) {
      JsonNode kept = get(server, keptId);
      assertThat(kept.path("data").path("state").asText()).isEqualTo("active");
      assertThat(get(server, expiringId).path("data").path("state").asText())
          .isEqualTo("vault");

      Receiver.Delivery expiry = receiver.awaitDeliveries(1).get(0);
      assertThat(JSON.readTree(expiry.body()).path("greenvn_id").asText()).isEqualTo(expiringId);
      assertThat(expiry.headers().get("webhook-id"))
          .as("the retried event keeps the id of its first attempt")
          .isEqualTo(receiver.firstFailedAttemptId());
    }
  }

  private ServerConfig config() throws IOException {
    String json =
        """
        {"http": {"port": 0}, "agi": {"port": 0},
         "store": {"kind": "sqlite", "dataDir": "%s"},
         "tenants": [{"sid": "acme",
           "credentials": [{"apiKey": "acme-key", "token": "acme-token"}],
           "flows": [{"id": "default", "dial": "PJSIP/{number}@carrier"}],
           "inventory": [
             {"number": "+914048212136", "region": "AP", "type": "landline"},
             {"number": "+918041234567", "region": "KA", "type": "landline"}],
           "webhooks": {
             "urls": {"call": "%s", "deallocation": "%s"},
             "secrets": ["%s"], "allowPrivateTargets": true}}]}
        """
            .formatted(
                dataDir.toString().replace("\\", "\\\\"), receiver.url(), receiver.url(),
                SECRET);
    return ServerConfigReader.withEnv(Map.of())
        .read(new ByteArrayInputStream(json.getBytes(UTF_8)), "test config");
  }

  private JsonNode create(
      StandaloneServer server, String connectionId, String a, String b, String duration)
      throws Exception {
    String body =
        """
        {"connection_id": "%s", "aparty_numbers": ["%s"], "bparty_numbers": ["%s"],
         "usage": "twoway", "deallocation_policy": {"duration": "%s"}}
        """
            .formatted(connectionId, a, b, duration);
    return send(server, HttpRequest.newBuilder(uri(server, ""))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json"));
  }

  private JsonNode get(StandaloneServer server, String greenvnId) throws Exception {
    return send(server, HttpRequest.newBuilder(uri(server, "/" + greenvnId)).GET());
  }

  private JsonNode send(StandaloneServer server, HttpRequest.Builder request) throws Exception {
    String credentials =
        Base64.getEncoder().encodeToString("acme-key:acme-token".getBytes(UTF_8));
    HttpResponse<String> response =
        client.send(
            request.header("Authorization", "Basic " + credentials)
                .timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.path("status").asInt()).as(response.body()).isEqualTo(response.statusCode());
    return json;
  }

  private static URI uri(StandaloneServer server, String path) {
    return URI.create(server.httpUri() + "/v1/tenants/acme/greenvn" + path);
  }

  /** A caller dials the VN; the party is busy. */
  private static List<String> busyCall(
      StandaloneServer server, String callerId, String vn, String uniqueId) {
    AgiEnvironment environment =
        AgiEnvironment.builder().callerId(callerId).dnid(vn).uniqueId(uniqueId).build();
    try (FakeAsterisk asterisk =
        FakeAsterisk.connect(
            new InetSocketAddress(server.agiAddress(), server.agiPort()), environment)) {
      return asterisk.serve(
          command -> Optional.of(
              command.startsWith("GET FULL VARIABLE")
                  ? FakeAsterisk.value("BUSY||17|||")
                  : command.equals("HANGUP") ? "200 result=1\nHANGUP" : "200 result=0"));
    }
  }

  /** A webhook receiver on loopback that can refuse deliveries with 503. */
  static final class Receiver {
    record Delivery(Map<String, List<String>> headers, String body) {}

    final AtomicBoolean failing = new AtomicBoolean();
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    private final List<String> failedIds = new CopyOnWriteArrayList<>();
    private HttpServer server;

    void start() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/hooks",
          exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            Map<String, List<String>> headers = new java.util.TreeMap<>(
                String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach(headers::put);
            int status;
            if (failing.get()) {
              failedIds.add(headers.get("webhook-id").get(0));
              status = 503;
            } else {
              delivered.add(new Delivery(headers, body));
              status = 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Delivery> deliveries() {
      return new ArrayList<>(delivered);
    }

    List<String> firstFailedAttemptId() {
      return List.of(failedIds.get(0));
    }

    List<Delivery> awaitDeliveries(int count) throws InterruptedException {
      await(() -> delivered.size() >= count, "deliveries: " + count);
      return deliveries();
    }

    void awaitAttempts(int count) throws InterruptedException {
      await(() -> failedIds.size() >= count, "failed attempts: " + count);
    }

    private static void await(java.util.function.BooleanSupplier done, String what)
        throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!done.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Timed out waiting for " + what);
        }
        Thread.sleep(20);
      }
    }

    void stop() {
      server.stop(0);
    }
  }
}
