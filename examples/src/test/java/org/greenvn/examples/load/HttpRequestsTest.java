package org.greenvn.examples.load;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpLoadOptions.Builder options() {
    return HttpLoadOptions.builder()
        .port(18080)
        .tenant("bench")
        .apiKey("bench-key")
        .apiToken("bench-token")
        .runTag("t1");
  }

  @Test
  void createsCarryUniqueConnectionIdsAndPartiesAcrossTheRun() throws Exception {
    HttpRequests requests = new HttpRequests(options().firstIndex(4_000_000).build());
    Set<String> connectionIds = new HashSet<>();
    Set<String> parties = new HashSet<>();
    for (long i = 0; i < 2_000; i++) {
      JsonNode body = JSON.readTree(requests.createBody(i));
      assertThat(connectionIds.add(body.get("connection_id").asText())).isTrue();
      assertThat(parties.add(body.get("aparty_numbers").get(0).asText())).isTrue();
      assertThat(parties.add(body.get("bparty_numbers").get(0).asText())).isTrue();
    }
    assertThat(requests.connectionId(0)).isEqualTo("t1-4000000");
    assertThat(requests.aParty(0)).isEqualTo("+919004000000");
    assertThat(requests.bParty(7)).isEqualTo("+918004000007");
  }

  @Test
  void disjointIndexRangesNeverShareAParty() {
    HttpRequests first = new HttpRequests(options().firstIndex(0).maxRequests(1_000).build());
    HttpRequests second = new HttpRequests(options().firstIndex(1_000).maxRequests(1_000).build());
    Set<String> parties = new HashSet<>();
    for (long i = 0; i < 1_000; i++) {
      parties.add(first.aParty(i));
      parties.add(first.bParty(i));
    }
    for (long i = 0; i < 1_000; i++) {
      assertThat(parties).doesNotContain(second.aParty(i), second.bParty(i));
    }
  }

  @Test
  void aCreateIsAWholeHttpRequestWithBasicCredentialsAndItsBodyLength() throws Exception {
    HttpRequests requests = new HttpRequests(options().build());
    String wire = new String(requests.request(3), US_ASCII);
    int split = wire.indexOf("\r\n\r\n");
    String head = wire.substring(0, split);
    String body = wire.substring(split + 4);
    List<String> lines = List.of(head.split("\r\n"));
    assertThat(lines.get(0)).isEqualTo("POST /v1/tenants/bench/greenvn HTTP/1.1");
    assertThat(lines).contains(
        "Host: 127.0.0.1:18080",
        "Content-Type: application/json",
        "Content-Length: " + body.getBytes(US_ASCII).length,
        "Authorization: Basic "
            + Base64.getEncoder().encodeToString("bench-key:bench-token".getBytes(US_ASCII)));
    JsonNode json = JSON.readTree(body);
    assertThat(json.get("connection_id").asText()).isEqualTo("t1-3");
    assertThat(json.get("usage").asText()).isEqualTo("twoway");
  }

  @Test
  void getsTakeTheGivenIdsInTurn() {
    HttpRequests requests =
        new HttpRequests(options().kind(HttpRequestKind.GET).ids(List.of("a1", "b2")).build());
    assertThat(new String(requests.request(0), US_ASCII))
        .startsWith("GET /v1/tenants/bench/greenvn/a1 HTTP/1.1\r\n")
        .endsWith("\r\n\r\n")
        .doesNotContain("Content-Length");
    assertThat(new String(requests.request(1), US_ASCII))
        .startsWith("GET /v1/tenants/bench/greenvn/b2 ");
    assertThat(new String(requests.request(2), US_ASCII))
        .startsWith("GET /v1/tenants/bench/greenvn/a1 ");
  }

  @Test
  void aPartyIndexBeyondTheNineDigitSpaceIsRefused() {
    HttpRequests requests =
        new HttpRequests(
            options().firstIndex(HttpLoadOptions.PARTY_SPACE - 1).maxRequests(1).build());
    assertThat(requests.aParty(0)).isEqualTo("+919999999999");
    assertThatThrownBy(() -> requests.aParty(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
