package org.greenvn.examples.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;

/** The soak's client of the allocation API on loopback: one HTTP/1.1 client, Basic auth. */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final URI base;
  private final URI root;
  private final String authorization;

  ApiClient(URI serverUri, String tenant, String apiKey, String token, ExecutorService executor) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    this.root = serverUri;
    this.base = URI.create(serverUri + "/v1/tenants/" + tenant + "/greenvn");
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + token).getBytes(UTF_8));
  }

  ApiAnswer create(ObjectNode body, String idempotencyKey) {
    HttpRequest.Builder request = json(base, "POST", body);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request);
  }

  ApiAnswer get(String greenvnId) {
    return send(HttpRequest.newBuilder(URI.create(base + "/" + greenvnId)).GET());
  }

  ApiAnswer updateCallParty(String greenvnId, ObjectNode body) {
    return send(json(URI.create(base + "/" + greenvnId + "/call-party"), "PUT", body));
  }

  ApiAnswer updateVn(String greenvnId, ObjectNode body) {
    return send(json(URI.create(base + "/" + greenvnId + "/vn"), "PUT", body));
  }

  ApiAnswer delete(String greenvnId) {
    return send(HttpRequest.newBuilder(URI.create(base + "/" + greenvnId)).DELETE());
  }

  /** The text of {@code /metrics}, or null when it could not be read. */
  String metrics() {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(root + "/metrics")).timeout(TIMEOUT).GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static HttpRequest.Builder json(URI uri, String method, ObjectNode body) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  private ApiAnswer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.header("Authorization", authorization).timeout(TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(response.body());
      } catch (IOException e) {
        return new ApiAnswer(response.statusCode(), 0, null,
            "HTTP " + response.statusCode() + " with a body that is not JSON");
      }
      return new ApiAnswer(
          response.statusCode(), json.path("code").asInt(0), json.path("data"), null);
    } catch (IOException e) {
      return new ApiAnswer(0, 0, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ApiAnswer(0, 0, null, "interrupted");
    }
  }
}
