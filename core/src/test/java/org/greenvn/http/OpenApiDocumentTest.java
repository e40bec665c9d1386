package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.greenvn.http.ApiFixture.Reply;
import org.junit.jupiter.api.Test;

/** {@code docs/openapi.json} parses, and lists exactly the routes the server serves. */
class OpenApiDocumentTest {

  private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private static JsonNode document() throws IOException {
    return ApiFixture.MAPPER.readTree(Files.readString(DOCUMENT));
  }

  private static Set<String> documentedRoutes(JsonNode document) {
    Set<String> routes = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<String> keys = path.getValue().fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (METHODS.contains(key)) {
          routes.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    return routes;
  }

  @Test
  void itIsOpenApi3AndListsEveryRouteTheServerHasAndNoOther() throws IOException {
    JsonNode document = document();

    assertThat(document.get("openapi").asText()).startsWith("3.");
    Set<String> served =
        Arrays.stream(Endpoint.values())
            .map(e -> e.method() + " " + e.template())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(documentedRoutes(document)).isEqualTo(served);
  }

  @Test
  void everyReferenceResolves() throws IOException {
    JsonNode document = document();
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void everyDocumentedRouteIsAnsweredByTheServerNotAsUnknown() throws IOException {
    try (ApiFixture api = new ApiFixture()) {
      for (String route : documentedRoutes(document())) {
        String method = route.substring(0, route.indexOf(' '));
        String path =
            route
                .substring(route.indexOf(' ') + 1)
                .replace("{sid}", "acme")
                .replace("{greenvn_id}", "some-id");
        Reply reply = api.acme(method, path, method.equals("GET") ? null : "{}");

        assertThat(reply.status()).as(route).isNotEqualTo(405);
        if (reply.status() == 404) {
          // an unknown allocation (code 1), never an unknown route (code 5)
          assertThat(reply.code()).as(route).isEqualTo(1);
        }
      }
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if (field.getKey().equals("$ref")) {
                  refs.add(field.getValue().asText());
                } else {
                  collectRefs(field.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
