package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.greenvn.GreenVn;
import org.greenvn.TestNumbers;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.Tenant;
import org.greenvn.testkit.MutableClock;

/**
 * An engine with two tenants behind a real server on an ephemeral loopback port, and a client that
 * speaks to it: what every HTTP test starts from.
 *
 * <p>Tenant {@value #ACME} has the core tests' seven numbers plus {@link #SAMPLE_VN} (the number
 * the spec's VN-update sample asks for) and the flows the spec's create samples name; tenant
 * {@value #GLOBEX} has one number of its own.
 */
final class ApiFixture implements AutoCloseable {

  static final String ACME = TestNumbers.SID;
  static final String ACME_KEY = "acme-key";
  static final String ACME_TOKEN = "acme-token-5e9f";
  static final String GLOBEX = "globex";
  static final String GLOBEX_KEY = "globex-key";
  static final String GLOBEX_TOKEN = "globex-token-77aa";

  /** The number the spec's VN-update sample asks for. */
  static final VirtualNumber SAMPLE_VN =
      VirtualNumber.of("+917205827365", Region.KA, NumberType.LANDLINE);

  static final VirtualNumber GLOBEX_VN =
      VirtualNumber.of("+912240000001", Region.MU, NumberType.LANDLINE);

  /** The flow ids of the spec's five create samples. */
  static final List<String> SAMPLE_FLOWS =
      List.of("44XX8X", "9867XX", "989XXX", "67676X", "65456X");

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A response: status, headers and body, with the body parsed when it is JSON. */
  record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    JsonNode data() {
      return json.get("data");
    }

    int code() {
      return json.get("code").asInt();
    }
  }

  final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
  final AllocationStore store;
  final GreenVn engine;
  final GreenVnHttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ApiFixture() {
    this(new InMemoryAllocationStore(), b -> b);
  }

  ApiFixture(UnaryOperator<GreenVnHttpServer.Builder> options) {
    this(new InMemoryAllocationStore(), options);
  }

  ApiFixture(AllocationStore store, UnaryOperator<GreenVnHttpServer.Builder> options) {
    this.store = store;
    this.engine =
        GreenVn.builder()
            .clock(clock)
            .store(store)
            .tenant(acme())
            .tenant(Tenant.builder(GLOBEX).number(GLOBEX_VN).build())
            .expirySweep(Duration.ZERO)
            .build();
    this.server =
        options
            .apply(
                GreenVnHttpServer.builder(engine)
                    .clock(clock)
                    .tenantCredentials(ACME, ACME_KEY, ACME_TOKEN)
                    .tenantCredentials(GLOBEX, GLOBEX_KEY, GLOBEX_TOKEN))
            .start();
  }

  static Tenant acme() {
    Tenant.Builder acme =
        Tenant.builder(ACME)
            .number(TestNumbers.DL_L)
            .number(TestNumbers.MU_L)
            .number(TestNumbers.WB_L)
            .number(TestNumbers.AP_L)
            .number(TestNumbers.KA_L)
            .number(TestNumbers.DL_M)
            .number(TestNumbers.KA_M)
            .number(SAMPLE_VN)
            .flow(Flow.withDefaults(Flow.DEFAULT_ID));
    SAMPLE_FLOWS.forEach(id -> acme.flow(Flow.withDefaults(id)));
    return acme.build();
  }

  static String basic(String key, String token) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  static final String ACME_AUTH = basic(ACME_KEY, ACME_TOKEN);
  static final String GLOBEX_AUTH = basic(GLOBEX_KEY, GLOBEX_TOKEN);

  /** Sends a request as acme. */
  Reply acme(String method, String path, String body) {
    return send(method, path, body, "Authorization", ACME_AUTH);
  }

  /** Sends a request; {@code body} null sends none; {@code headers} are name, value pairs. */
  Reply send(String method, String path, String body, String... headers) {
    return sendPublisher(
        method,
        path,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
        headers);
  }

  /** Sends raw bytes as the body. */
  Reply sendBytes(String method, String path, byte[] body, String... headers) {
    return sendPublisher(method, path, HttpRequest.BodyPublishers.ofByteArray(body), headers);
  }

  Reply sendPublisher(
      String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUri() + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = type.startsWith("application/json") ? MAPPER.readTree(response.body()) : null;
      return new Reply(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A create body: twoway between {@code a} and {@code b}, with extra JSON members. */
  static String createBody(String connectionId, String a, String b, String extra) {
    return "{\"connection_id\":\""
        + connectionId
        + "\",\"aparty_numbers\":[\""
        + a
        + "\"],\"bparty_numbers\":[\""
        + b
        + "\"],\"usage\":\"twoway\""
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  /** Creates an allocation as acme and returns its data. */
  JsonNode create(String connectionId, String a, String b, String extra) {
    Reply reply = acme("POST", "/v1/tenants/acme/greenvn", createBody(connectionId, a, b, extra));
    assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
    return reply.data();
  }

  /** Asserts a reply is exactly the spec's envelope and its status the HTTP status. */
  static Reply assertEnvelope(Reply reply) {
    assertThat(reply.json()).as("a JSON body (status %s)", reply.status()).isNotNull();
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode json = reply.json();
    assertThat(fieldNames(json)).containsExactly("success", "status", "code", "message", "data");
    assertThat(json.get("status").asInt()).isEqualTo(reply.status());
    assertThat(json.get("success").asBoolean()).isEqualTo(reply.status() == 200);
    if (reply.status() == 200) {
      assertThat(json.get("code").isNull()).isTrue();
      assertThat(json.get("message").isNull()).isTrue();
    } else {
      assertThat(json.get("code").isInt()).isTrue();
      assertThat(json.get("message").asText()).isNotBlank();
      assertThat(json.get("data").isNull()).isTrue();
    }
    return reply;
  }

  /** Asserts a refusal: the envelope, the HTTP status and the spec's code. */
  static Reply assertRefused(Reply reply, int status, int code) {
    assertEnvelope(reply);
    assertThat(reply.status()).as("%s", reply.json()).isEqualTo(status);
    assertThat(reply.code()).as("%s", reply.json()).isEqualTo(code);
    return reply;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** The tenant's pool view, as its JSON. */
  JsonNode pool(String sid, String auth) {
    String path = "/v1/tenants/" + sid + "/pool";
    return assertEnvelope(send("GET", path, (String) null, "Authorization", auth)).data();
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }
}
