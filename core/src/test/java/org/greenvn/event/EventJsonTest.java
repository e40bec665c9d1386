package org.greenvn.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  /** The spec's "Call Event with Call Insights Enabled" sample. */
  private static final String CALL_SAMPLE_WITH_INSIGHTS =
      """
      {
      "start_time": "2021-09-24 07:05:28",
      "insights": {
      "DisconnectedBy": "Caller",
      "Status": "completed",
      "DetailedStatus": "CALL_COMPLETED",
      "RingingDuration": "4.58"
      },
      "direction": "incoming",
      "source": "monotel",
      "dial_call_duration": "11",
      "connection_id": "Sample_ID",
      "dial_call_status": "completed",
      "greenvn": "+9120XXXXX531",
      "on_call_duration": 4,
      "recording_url": "null",
      "greenvn_id": "6360bbb7-XXXX-410c-XXXX-0c6ec70cc442",
      "call_type": "completed",
      "call_sid": "8a4d92198hy678hgt0fd9c1f2063159o",
      "to": "+9198XXXXX940",
      "current_time": "2021-09-24 07:05:44",
      "from": "+91XXXXX99814"
      }
      """;

  /** The spec's plain "Call Event" sample. */
  private static final String CALL_SAMPLE =
      """
      {
       "start_time": "2021-01-19T19:17:03+50:30",
       "direction": "incoming",
       "source": "exotel",
       "dial_call_duration": "32",
       "connection_id": "YOUR_CONNECTION_ID",
       "dial_call_status": "completed",
       "greenvn": "+91804XXXX513",
       "recording_url": "https://s3-ap-southeast-1.amazonaws.com/exotelrecordings/x/CALL_SID.mp3",
       "on_call_duration": 27,
       "greenvn_id": "d12638b6-28b8-488d-8cf3-c60619ac2280",
       "call_type": "completed",
       "call_sid": "53fa8e40bb1XXXXXXXXXX257c439151k",
       "to": "+91776XXXX969",
       "current_time": "2021-01-19T19:17:44+50:30",
       "from": "+91959XXXX342"
      }
      """;

  /** The spec's "Deallocation Callback Event" sample. */
  private static final String DEALLOCATION_SAMPLE =
      """
      {
         "connection_id": "YOUR_CONNECTION_ID",
         "aparty_numbers": [
             "+917317678172"
         ],
         "bparty_numbers": [
             "+918400047000"
         ],
         "aparty_pins": [null],
         "bparty_pins": [null],
         "usage": "twoway",
         "state": "vault",
         "greenvn": "+91983XXXX195",
         "greenvn_id": "fffe1797-b738-483f-a5a6-757ddfb15e78"
      }
      """;

  /** The spec's "Successful Verification Event" sample, trailing comma included. */
  private static final String VERIFICATION_SUCCEEDED_SAMPLE =
      """
      {
      "caller": "+917XXXXX6144",
      "greenvn_id": "XXXXXe3-105f-4fba-89c0-7842df249313",
      "greenvn": "+91629XXXXX71",
      "connection_id": "order-id",
      "pin": "4321",
      }
      """;

  /** The spec's "Failed Verification Event" sample. */
  private static final String VERIFICATION_FAILED_SAMPLE =
      """
      {
      "start_time": "2021-11-09T10:09:15+05:30",
      "caller": "+917XXXXX6144",
      "greenvn": "+9162921XXXXX",
      "call_sid": "XXXXfdea48XXX49bd4b700fce9d165p",
      "pin": "1234"
      }
      """;

  private static final ObjectMapper SAMPLE_READER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
  private static final ObjectMapper READER = new ObjectMapper();

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final EventJson JSON = EventJson.forZone(KOLKATA);

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-01-01T00:01:12.345Z");
  private static final PhoneNumber VN = PhoneNumber.of("+914048212136");
  private static final PhoneNumber CALLER = PhoneNumber.of("+919876543210");
  private static final PhoneNumber CALLEE = PhoneNumber.of("+919800000001");
  private static final String SECRET_PIN = "735197";
  private static final String OTHER_SECRET_PIN = "864213";

  @Test
  void callEventWithInsightsHasExactlyTheKeysAndTypesOfTheSpecSample() throws Exception {
    JsonNode json = parse(JSON.toJson(callEvent(Optional.of("https://rec.example/1.mp3"))));

    assertSameShape(json, SAMPLE_READER.readTree(CALL_SAMPLE_WITH_INSIGHTS), "");
    assertThat(fieldNames(json))
        .containsExactlyInAnyOrder(
            "start_time", "insights", "direction", "source", "dial_call_duration",
            "connection_id", "dial_call_status", "greenvn", "recording_url", "on_call_duration",
            "greenvn_id", "call_type", "call_sid", "to", "current_time", "from");
    assertThat(fieldNames(json.get("insights")))
        .containsExactlyInAnyOrder("DisconnectedBy", "Status", "DetailedStatus", "RingingDuration");
  }

  @Test
  void callEventWithoutInsightsHasExactlyTheKeysOfThePlainSpecSample() throws Exception {
    CallEvent withInsights = callEvent(Optional.of("https://rec.example/1.mp3"));
    CallEvent plain =
        new CallEvent(
            withInsights.tenantSid(), withInsights.occurredAt(), withInsights.callSid(),
            withInsights.connectionId(), withInsights.greenvnId(), withInsights.greenvn(),
            withInsights.from(), withInsights.to(), withInsights.startTime(),
            withInsights.dialCallStatus(), withInsights.callType(),
            withInsights.dialCallDuration(), withInsights.onCallDuration(),
            withInsights.recordingUrl(), Optional.empty(), withInsights.flowId());

    JsonNode json = parse(JSON.toJson(plain));

    assertSameShape(json, SAMPLE_READER.readTree(CALL_SAMPLE), "");
    assertThat(json.has("insights")).isFalse();
  }

  @Test
  void callEventCarriesItsValuesWithDialDurationAsTextAndOnCallDurationAsNumber()
      throws Exception {
    JsonNode json = parse(JSON.toJson(callEvent(Optional.of("https://rec.example/1.mp3"))));

    assertThat(json.get("dial_call_duration").isTextual()).isTrue();
    assertThat(json.get("dial_call_duration").asText()).isEqualTo("45");
    assertThat(json.get("on_call_duration").isIntegralNumber()).isTrue();
    assertThat(json.get("on_call_duration").asLong()).isEqualTo(40);
    assertThat(json.get("direction").asText()).isEqualTo("incoming");
    assertThat(json.get("connection_id").asText()).isEqualTo("order-42");
    assertThat(json.get("greenvn_id").asText()).isEqualTo("gvn-id-1");
    assertThat(json.get("greenvn").asText()).isEqualTo("+914048212136");
    assertThat(json.get("call_sid").asText()).isEqualTo("call-1");
    assertThat(json.get("from").asText()).isEqualTo("+919876543210");
    assertThat(json.get("to").asText()).isEqualTo("+919800000001");
    assertThat(json.get("dial_call_status").asText()).isEqualTo("completed");
    assertThat(json.get("call_type").asText()).isEqualTo("completed");
    assertThat(json.get("recording_url").asText()).isEqualTo("https://rec.example/1.mp3");
    JsonNode insights = json.get("insights");
    assertThat(insights.get("DisconnectedBy").asText()).isEqualTo("Callee");
    assertThat(insights.get("Status").asText()).isEqualTo("completed");
    assertThat(insights.get("DetailedStatus").asText()).isEqualTo("CALL_COMPLETED");
    assertThat(insights.get("RingingDuration").isTextual()).isTrue();
    assertThat(insights.get("RingingDuration").asText()).isEqualTo("4.58");
  }

  @Test
  void callEventTimesAreWrittenInTheGivenZoneWithoutOffset() throws Exception {
    CallEvent event = callEvent(Optional.empty());

    JsonNode kolkata = parse(JSON.toJson(event));
    JsonNode utc = parse(EventJson.forZone(ZoneOffset.UTC).toJson(event));

    assertThat(kolkata.get("start_time").asText()).isEqualTo("2026-01-01 05:30:00");
    assertThat(kolkata.get("current_time").asText()).isEqualTo("2026-01-01 05:31:12");
    assertThat(utc.get("start_time").asText()).isEqualTo("2026-01-01 00:00:00");
    assertThat(utc.get("current_time").asText()).isEqualTo("2026-01-01 00:01:12");
  }

  @Test
  void timesRollOverToTheNextDayInTheZone() throws Exception {
    Instant lateUtc = Instant.parse("2026-03-31T20:15:07Z");
    VerificationFailedEvent event =
        new VerificationFailedEvent(
            "acme", lateUtc, "call-1", VN, lateUtc, Optional.of(CALLER), "1", 1);

    JsonNode json = parse(JSON.toJson(event));

    assertThat(json.get("start_time").asText()).isEqualTo("2026-04-01 01:45:07");
  }

  @Test
  void unansweredCallWithoutRecordingOrCallerStillHasEveryKey() throws Exception {
    CallEvent event =
        new CallEvent(
            "acme", END, "call-2", "order-42", "gvn-id-1", VN, Optional.empty(),
            Optional.empty(), START, DialCallStatus.NO_ANSWER, CallType.CALL_ATTEMPT,
            Duration.ofSeconds(30), Duration.ZERO, Optional.empty(),
            Optional.of(
                new CallInsights(
                    Disconnector.UNKNOWN, DialCallStatus.NO_ANSWER, "NO_ANSWER",
                    Duration.ofSeconds(30))),
            "default");

    JsonNode json = parse(JSON.toJson(event));

    assertThat(fieldNames(json))
        .isEqualTo(fieldNames(SAMPLE_READER.readTree(CALL_SAMPLE_WITH_INSIGHTS)));
    assertThat(json.get("dial_call_status").asText()).isEqualTo("no-answer");
    assertThat(json.get("call_type").asText()).isEqualTo("call-attempt");
    assertThat(json.get("dial_call_duration").asText()).isEqualTo("30");
    assertThat(json.get("on_call_duration").asLong()).isZero();
    assertThat(json.get("insights").get("DisconnectedBy").asText()).isEqualTo("Unknown");
    assertThat(json.get("insights").get("RingingDuration").asText()).isEqualTo("30.00");
  }

  @Test
  void wireNamesFollowTheApi() {
    assertThat(DialCallStatus.COMPLETED.wireName()).isEqualTo("completed");
    assertThat(DialCallStatus.BUSY.wireName()).isEqualTo("busy");
    assertThat(DialCallStatus.NO_ANSWER.wireName()).isEqualTo("no-answer");
    assertThat(DialCallStatus.CANCELED.wireName()).isEqualTo("canceled");
    assertThat(DialCallStatus.FAILED.wireName()).isEqualTo("failed");
    assertThat(CallType.COMPLETED.wireName()).isEqualTo("completed");
    assertThat(CallType.CALL_ATTEMPT.wireName()).isEqualTo("call-attempt");
    assertThat(CallType.CLIENT_HANGUP.wireName()).isEqualTo("client-hangup");
    assertThat(Disconnector.CALLER.wireName()).isEqualTo("Caller");
    assertThat(Disconnector.CALLEE.wireName()).isEqualTo("Callee");
  }

  @Test
  void deallocationEventWithoutPinsMatchesTheSpecSampleWithNullPins() throws Exception {
    DeallocationEvent event =
        new DeallocationEvent(
            "acme", END, "order-42", VN, "gvn-id-1", "twoway", List.of(CALLER), List.of(CALLEE),
            List.of(), List.of());

    JsonNode json = parse(JSON.toJson(event));

    assertSameShape(json, SAMPLE_READER.readTree(DEALLOCATION_SAMPLE), "");
    assertThat(json.get("aparty_pins")).hasSize(1);
    assertThat(json.get("aparty_pins").get(0).isNull()).isTrue();
    assertThat(json.get("bparty_pins")).hasSize(1);
    assertThat(json.get("bparty_pins").get(0).isNull()).isTrue();
    assertThat(json.get("state").asText()).isEqualTo("vault");
    assertThat(json.get("usage").asText()).isEqualTo("twoway");
    assertThat(json.get("connection_id").asText()).isEqualTo("order-42");
    assertThat(json.get("greenvn").asText()).isEqualTo("+914048212136");
    assertThat(json.get("greenvn_id").asText()).isEqualTo("gvn-id-1");
    assertThat(json.get("aparty_numbers").get(0).asText()).isEqualTo("+919876543210");
    assertThat(json.get("bparty_numbers").get(0).asText()).isEqualTo("+919800000001");
  }

  @Test
  void deallocationEventWritesPinsAsNumbersAndASideWithoutPinsAsNull() throws Exception {
    DeallocationEvent event =
        new DeallocationEvent(
            "acme", END, "order-42", VN, "gvn-id-1", "oneway",
            List.of(CALLER, PhoneNumber.of("+919800000002")), List.of(CALLEE),
            List.of(1234, 5678), List.of());

    JsonNode json = parse(JSON.toJson(event));

    assertThat(fieldNames(json)).isEqualTo(fieldNames(SAMPLE_READER.readTree(DEALLOCATION_SAMPLE)));
    JsonNode aPins = json.get("aparty_pins");
    assertThat(aPins.isArray()).isTrue();
    assertThat(aPins).hasSize(2);
    assertThat(aPins.get(0).isIntegralNumber()).isTrue();
    assertThat(aPins.get(0).asInt()).isEqualTo(1234);
    assertThat(aPins.get(1).asInt()).isEqualTo(5678);
    assertThat(json.get("bparty_pins")).hasSize(1);
    assertThat(json.get("bparty_pins").get(0).isNull()).isTrue();
    assertThat(json.get("aparty_numbers")).hasSize(2);
    assertThat(json.get("usage").asText()).isEqualTo("oneway");
  }

  @Test
  void successfulVerificationHasExactlyTheSampleKeysWithThePinAsText() throws Exception {
    VerificationSucceededEvent event =
        new VerificationSucceededEvent(
            "acme", END, "call-1", "order-42", VN, "gvn-id-1", Optional.of(CALLER), "4321",
            "default");

    JsonNode json = parse(JSON.toJson(event));

    assertSameShape(json, SAMPLE_READER.readTree(VERIFICATION_SUCCEEDED_SAMPLE), "");
    assertThat(fieldNames(json))
        .containsExactlyInAnyOrder("caller", "greenvn_id", "greenvn", "connection_id", "pin");
    assertThat(json.get("pin").isTextual()).isTrue();
    assertThat(json.get("pin").asText()).isEqualTo("4321");
    assertThat(json.get("caller").asText()).isEqualTo("+919876543210");
    assertThat(json.get("greenvn_id").asText()).isEqualTo("gvn-id-1");
    assertThat(json.get("greenvn").asText()).isEqualTo("+914048212136");
    assertThat(json.get("connection_id").asText()).isEqualTo("order-42");
  }

  @Test
  void failedVerificationHasExactlyTheSampleKeysWithThePinAsText() throws Exception {
    VerificationFailedEvent event =
        new VerificationFailedEvent(
            "acme", END, "call-7", VN, START, Optional.of(CALLER), "0042", 2);

    JsonNode json = parse(JSON.toJson(event));

    assertSameShape(json, SAMPLE_READER.readTree(VERIFICATION_FAILED_SAMPLE), "");
    assertThat(fieldNames(json))
        .containsExactlyInAnyOrder("start_time", "caller", "greenvn", "call_sid", "pin");
    assertThat(json.get("pin").isTextual()).isTrue();
    assertThat(json.get("pin").asText()).isEqualTo("0042");
    assertThat(json.get("start_time").asText()).isEqualTo("2026-01-01 05:30:00");
    assertThat(json.get("call_sid").asText()).isEqualTo("call-7");
    assertThat(json.get("caller").asText()).isEqualTo("+919876543210");
  }

  @Test
  void failedVerificationWithNothingKeyedHasAnEmptyPinString() throws Exception {
    VerificationFailedEvent event =
        new VerificationFailedEvent("acme", END, "call-7", VN, START, Optional.empty(), "", 1);

    JsonNode json = parse(JSON.toJson(event));

    assertThat(json.get("pin").isTextual()).isTrue();
    assertThat(json.get("pin").asText()).isEmpty();
    assertThat(json.has("caller")).isTrue();
    assertThat(json.get("caller").isNull()).isTrue();
  }

  @Test
  void outOfAllocationEventNamesTheNumberTheCallAndItsTimes() throws Exception {
    OutOfAllocationEvent event =
        new OutOfAllocationEvent("", END, "call-9", VN, Optional.of(CALLER), START);

    JsonNode json = parse(JSON.toJson(event));

    assertThat(json.get("greenvn").asText()).isEqualTo("+914048212136");
    assertThat(json.get("call_sid").asText()).isEqualTo("call-9");
    assertThat(json.get("caller").asText()).isEqualTo("+919876543210");
    assertThat(json.get("start_time").asText()).isEqualTo("2026-01-01 05:30:00");
    assertThat(json.get("current_time").asText()).isEqualTo("2026-01-01 05:31:12");
  }

  @Test
  void toTreeAndToJsonAgree() throws Exception {
    CallEvent event = callEvent(Optional.of("https://rec.example/1.mp3"));

    assertThat(JSON.toJson(event)).isEqualTo(READER.writeValueAsString(JSON.toTree(event)));
  }

  @Test
  void eventTypesAreTheirKinds() {
    assertThat(callEvent(Optional.empty()).type()).isEqualTo(EventType.CALL);
    assertThat(
            new DeallocationEvent(
                    "acme", END, "c", VN, "g", "twoway", List.of(CALLER), List.of(CALLEE),
                    List.of(), List.of())
                .type())
        .isEqualTo(EventType.DEALLOCATION);
    assertThat(
            new VerificationSucceededEvent(
                    "acme", END, "s", "c", VN, "g", Optional.empty(), "1", "default")
                .type())
        .isEqualTo(EventType.VERIFICATION_SUCCEEDED);
    assertThat(
            new VerificationFailedEvent("acme", END, "s", VN, START, Optional.empty(), "", 1)
                .type())
        .isEqualTo(EventType.VERIFICATION_FAILED);
    assertThat(new OutOfAllocationEvent("", END, "s", VN, Optional.empty(), START).type())
        .isEqualTo(EventType.OUT_OF_ALLOCATION);
  }

  @Test
  void deallocationEventToStringHidesThePins() throws Exception {
    DeallocationEvent event =
        new DeallocationEvent(
            "acme", END, "order-42", VN, "gvn-id-1", "twoway", List.of(CALLER), List.of(CALLEE),
            List.of(Integer.parseInt(SECRET_PIN)), List.of(Integer.parseInt(OTHER_SECRET_PIN)));

    assertThat(event.toString())
        .contains("order-42")
        .doesNotContain(SECRET_PIN)
        .doesNotContain(OTHER_SECRET_PIN);
    // the JSON body, by contrast, must carry them: the check above can fail
    assertThat(JSON.toJson(event)).contains(SECRET_PIN).contains(OTHER_SECRET_PIN);
  }

  @Test
  void verificationSucceededEventToStringHidesThePin() {
    VerificationSucceededEvent event =
        new VerificationSucceededEvent(
            "acme", END, "call-1", "order-42", VN, "gvn-id-1", Optional.of(CALLER), SECRET_PIN,
            "default");

    assertThat(event.toString()).contains("call-1").doesNotContain(SECRET_PIN);
    assertThat(JSON.toJson(event)).contains(SECRET_PIN);
  }

  @Test
  void verificationFailedEventToStringHidesTheDigitsKeyed() {
    VerificationFailedEvent event =
        new VerificationFailedEvent(
            "acme", END, "call-1", VN, START, Optional.of(CALLER), SECRET_PIN, 3);

    assertThat(event.toString()).contains("call-1").doesNotContain(SECRET_PIN);
    assertThat(JSON.toJson(event)).contains(SECRET_PIN);
  }

  @Test
  void allocationToStringHidesItsPins() {
    Allocation allocation =
        new Allocation(
            "acme", "gvn-id-1", "order-42", VN, List.of(CALLER), List.of(CALLEE),
            List.of(Pin.of(Long.parseLong(SECRET_PIN))),
            List.of(Pin.of(Long.parseLong(OTHER_SECRET_PIN))), Usage.TWOWAY, false,
            Preferences.none(), Optional.empty(), Duration.ofHours(1), AllocationState.ACTIVE,
            START, START, START.plus(Duration.ofHours(1)), Optional.empty(), Optional.empty(),
            1);

    assertThat(allocation.toString())
        .contains("order-42")
        .doesNotContain(SECRET_PIN)
        .doesNotContain(OTHER_SECRET_PIN);
    assertThat(allocation.aPartyPins().get(0).digits()).isEqualTo(SECRET_PIN);
  }

  @Test
  void pinToStringHidesItsValue() {
    Pin pin = Pin.of(Long.parseLong(SECRET_PIN));

    assertThat(pin.toString()).doesNotContain(SECRET_PIN).doesNotContain("7351");
    assertThat(List.of(pin).toString()).doesNotContain(SECRET_PIN);
    assertThat(Map.of("pin", pin).toString()).doesNotContain(SECRET_PIN);
    assertThat(pin.digits()).isEqualTo(SECRET_PIN);
  }

  private static CallEvent callEvent(Optional<String> recordingUrl) {
    return new CallEvent(
        "acme", END, "call-1", "order-42", "gvn-id-1", VN, Optional.of(CALLER),
        Optional.of(CALLEE), START, DialCallStatus.COMPLETED, CallType.COMPLETED,
        Duration.ofMillis(45_900), Duration.ofMillis(40_300), recordingUrl,
        Optional.of(
            new CallInsights(
                Disconnector.CALLEE, DialCallStatus.COMPLETED, "CALL_COMPLETED",
                Duration.ofMillis(4_580))),
        "default");
  }

  private static JsonNode parse(String json) throws JsonProcessingException {
    return READER.readTree(json);
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * The same keys at every level, each with the sample's JSON type; arrays are compared by the
   * type of their elements.
   */
  private static void assertSameShape(JsonNode actual, JsonNode sample, String path) {
    assertThat(fieldNames(actual)).as("keys at '%s'", path).isEqualTo(fieldNames(sample));
    List<String> names = new ArrayList<>(fieldNames(sample));
    for (String name : names) {
      JsonNode expectedNode = sample.get(name);
      JsonNode actualNode = actual.get(name);
      String at = path.isEmpty() ? name : path + "." + name;
      assertThat(actualNode.getNodeType()).as("type of '%s'", at)
          .isEqualTo(expectedNode.getNodeType());
      if (expectedNode.isObject()) {
        assertSameShape(actualNode, expectedNode, at);
      } else if (expectedNode.isArray()) {
        Iterator<JsonNode> elements = actualNode.elements();
        JsonNode expectedElement = expectedNode.get(0);
        while (elements.hasNext()) {
          assertThat(elements.next().getNodeType()).as("element type of '%s'", at)
              .isEqualTo(expectedElement.getNodeType());
        }
      }
    }
  }
}
