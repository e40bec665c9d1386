package org.greenvn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenvn.http.ApiFixture.assertEnvelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenvn.TestNumbers;
import org.greenvn.http.ApiFixture.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request bodies of the spec's samples (curl, node, PHP, Python, Go), kept verbatim in {@code
 * spec-samples/}, sent over HTTP: each succeeds and answers the shape of the spec's sample
 * response.
 *
 * <p>Only the spec's placeholders are filled in: the {@code X}/{@code x} standing for hidden digits
 * of a phone number become {@code 0}, and the usage {@code "oneway|twoway"} (a choice the reader
 * makes; the Go sample spells it {@code "oneway|twoday"}) becomes {@code "twoway"}. Everything
 * else, {@code "strictness": "false"} as a string, the PINs as numbers, {@code number_type}, the
 * flow ids, the layout, is sent as the spec wrote it.
 */
class SpecSamplesHttpTest {

  private static final Pattern MASKED_NUMBER = Pattern.compile("\"\\+91[0-9Xx]+\"");

  /** The keys of the spec's create response sample's data, and the two it describes. */
  private static final List<String> CREATE_RESPONSE_KEYS =
      List.of(
          "bparty_numbers",
          "connection_id",
          "greenvn",
          "state",
          "greenvn_id",
          "aparty_pins",
          "usage",
          "bparty_pins",
          "aparty_numbers",
          "green_vn",
          "flow_id");

  static String sample(String name) {
    try (InputStream in = SpecSamplesHttpTest.class.getResourceAsStream("spec-samples/" + name)) {
      assertThat(in).as("sample %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills the spec's placeholders in, and nothing else. */
  static String filled(String sample) {
    Matcher numbers = MASKED_NUMBER.matcher(sample);
    StringBuilder out = new StringBuilder();
    while (numbers.find()) {
      numbers.appendReplacement(
          out, Matcher.quoteReplacement(numbers.group().replace('X', '0').replace('x', '0')));
    }
    numbers.appendTail(out);
    return out.toString()
        .replace("\"oneway|twoway\"", "\"twoway\"")
        .replace("\"oneway|twoday\"", "\"twoway\"");
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "create-curl.json",
        "create-node.json",
        "create-php.json",
        "create-python.json",
        "create-go.json"
      })
  void theCreateSamplesSucceedWithTheSampleResponseShape(String name) throws IOException {
    try (ApiFixture api = new ApiFixture()) {
      String body = filled(sample(name));
      JsonNode sent = ApiFixture.MAPPER.readTree(body);

      Reply reply = assertEnvelope(api.acme("POST", "/v1/tenants/acme/greenvn", body));

      assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
      JsonNode data = reply.data();
      assertThat(ApiFixture.fieldNames(data)).containsAll(CREATE_RESPONSE_KEYS);
      assertThat(data.get("connection_id").asText()).isEqualTo("Sample_Connection");
      assertThat(texts(data.get("aparty_numbers"))).containsExactly("+919170006528");
      assertThat(texts(data.get("bparty_numbers"))).containsExactly("+918100006620");
      assertThat(data.get("aparty_pins").toString()).isEqualTo("[1234]");
      assertThat(data.get("bparty_pins").toString()).isEqualTo("[2345]");
      assertThat(data.get("usage").asText()).isEqualTo("twoway");
      assertThat(data.get("state").asText()).isEqualTo("active");
      assertThat(data.get("flow_id").asText()).isEqualTo(sent.get("flow_id").asText());
      // pin_code 560041 is Bengaluru: a Karnataka number, all idle, so the first by E.164.
      assertThat(data.get("greenvn").asText()).isEqualTo(ApiFixture.SAMPLE_VN.number().e164());
      assertThat(data.get("green_vn").asText()).isEqualTo(data.get("greenvn").asText());
      assertThat(data.get("greenvn_id").asText()).isNotBlank();
      assertThat(data.get("expires_at").asText()).isEqualTo("2026-03-01 15:40:00"); // IST, +600 s
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "call-party-curl.json",
        "call-party-node.json",
        "call-party-php.json",
        "call-party-python.json",
        "call-party-go.json"
      })
  void theCallPartySamplesSucceed(String name) throws IOException {
    try (ApiFixture api = new ApiFixture()) {
      JsonNode before = api.create("order-1", TestNumbers.A1, TestNumbers.B1, "");
      String id = before.get("greenvn_id").asText();
      String body = filled(sample(name));
      JsonNode sent = ApiFixture.MAPPER.readTree(body);

      Reply reply =
          assertEnvelope(api.acme("PUT", "/v1/tenants/acme/greenvn/" + id + "/call-party", body));

      assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
      JsonNode data = reply.data();
      assertThat(texts(data.get("aparty_numbers")))
          .containsExactlyElementsOf(texts(sent.get("aparty_numbers")));
      assertThat(texts(data.get("bparty_numbers")))
          .containsExactlyElementsOf(texts(sent.get("bparty_numbers")));
      assertThat(data.get("aparty_pins").toString()).isEqualTo("[12340]");
      assertThat(data.get("bparty_pins").toString()).isEqualTo("[2340]");
      assertThat(data.get("usage").asText()).isEqualTo("twoway");
      assertThat(data.get("state").asText()).isEqualTo("active");
      assertThat(data.get("connection_id").asText()).isEqualTo("order-1");
      assertThat(data.get("greenvn_id").asText()).isEqualTo(id);
      assertThat(data.get("green_vn").asText()).isEqualTo(before.get("green_vn").asText());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"vn-curl.json", "vn-node.json", "vn-php.json", "vn-python.json", "vn-go.json"})
  void theVnSamplesSucceedOnAnotherNumber(String name) {
    try (ApiFixture api = new ApiFixture()) {
      JsonNode before =
          api.create(
              "order-1",
              TestNumbers.A1,
              TestNumbers.B1,
              "\"strictness\":true,\"preferences\":{\"greenvn\":\"+911123456789\"}");
      String id = before.get("greenvn_id").asText();

      Reply reply =
          assertEnvelope(
              api.acme("PUT", "/v1/tenants/acme/greenvn/" + id + "/vn", filled(sample(name))));

      assertThat(reply.status()).as("%s", reply.json()).isEqualTo(200);
      JsonNode data = reply.data();
      assertThat(data.get("greenvn_id").asText()).isEqualTo(id);
      assertThat(data.get("connection_id").asText()).isEqualTo("order-1");
      assertThat(data.get("green_vn").asText()).isNotEqualTo(before.get("green_vn").asText());
      assertThat(data.get("greenvn").asText()).isEqualTo(data.get("green_vn").asText());
      if (name.equals("vn-curl.json")) {
        // The spec's response to this very request shows the number it asked for.
        assertThat(data.get("green_vn").asText()).isEqualTo("+917205827365");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aVnUpdateWithoutABodyTakesAnyOtherNumber() {
    try (ApiFixture api = new ApiFixture()) {
      JsonNode before = api.create("order-1", TestNumbers.A1, TestNumbers.B1, "");
      String id = before.get("greenvn_id").asText();

      Reply reply = assertEnvelope(api.acme("PUT", "/v1/tenants/acme/greenvn/" + id + "/vn", null));

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.data().get("green_vn").asText())
          .isNotEqualTo(before.get("green_vn").asText());
    }
  }
}
