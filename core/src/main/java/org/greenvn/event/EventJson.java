package org.greenvn.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;

/**
 * The JSON bodies of the events, as the GreenVN API's callbacks send them: the spec's field names,
 * in the order of its samples, times as {@code YYYY-MM-DD HH:mm:ss} in the tenant's zone.
 *
 * <p>Where the spec's samples fix a shape it is kept: {@code dial_call_duration} is a string,
 * {@code on_call_duration} a number, {@code recording_url} the string {@code "null"} when there
 * is no recording, a side without PINs is {@code [null]} in a deallocation event. Thread-safe.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DateTimeFormatter timeFormat;

  private EventJson(ZoneId zone) {
    this.timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
  }

  /** Writes times in this zone. */
  public static EventJson forZone(ZoneId zone) {
    return new EventJson(Objects.requireNonNull(zone, "zone"));
  }

  /** The event's body as text. */
  public String toJson(GreenVnEvent event) {
    try {
      return MAPPER.writeValueAsString(toTree(event));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event's body as a tree. */
  public ObjectNode toTree(GreenVnEvent event) {
    if (event instanceof CallEvent e) {
      return call(e);
    } else if (event instanceof DeallocationEvent e) {
      return deallocation(e);
    } else if (event instanceof VerificationSucceededEvent e) {
      return verificationSucceeded(e);
    } else if (event instanceof VerificationFailedEvent e) {
      return verificationFailed(e);
    } else if (event instanceof OutOfAllocationEvent e) {
      return outOfAllocation(e);
    }
    throw new IllegalArgumentException("Unknown event: " + event.getClass());
  }

  private ObjectNode call(CallEvent e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("start_time", time(e.startTime()));
    e.insights()
        .ifPresent(
            insights -> {
              ObjectNode block = node.putObject("insights");
              block.put("DisconnectedBy", insights.disconnectedBy().wireName());
              block.put("Status", insights.status().wireName());
              block.put("DetailedStatus", insights.detailedStatus());
              block.put("RingingDuration", seconds2(insights.ringingDuration().toMillis()));
            });
    node.put("direction", "incoming");
    node.put("source", "greenvn");
    node.put("dial_call_duration", Long.toString(e.dialCallDuration().toSeconds()));
    node.put("connection_id", e.connectionId());
    node.put("dial_call_status", e.dialCallStatus().wireName());
    node.put("greenvn", e.greenvn().e164());
    // The spec's sample of a call without a recording says "null", as a string.
    node.put("recording_url", e.recordingUrl().orElse("null"));
    node.put("on_call_duration", e.onCallDuration().toSeconds());
    node.put("greenvn_id", e.greenvnId());
    node.put("call_type", e.callType().wireName());
    node.put("call_sid", e.callSid());
    node.put("to", number(e.to()));
    node.put("current_time", time(e.occurredAt()));
    node.put("from", number(e.from()));
    return node;
  }

  private ObjectNode deallocation(DeallocationEvent e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("connection_id", e.connectionId());
    numbers(node.putArray("aparty_numbers"), e.aPartyNumbers());
    numbers(node.putArray("bparty_numbers"), e.bPartyNumbers());
    pins(node.putArray("aparty_pins"), e.aPartyPins());
    pins(node.putArray("bparty_pins"), e.bPartyPins());
    node.put("usage", e.usage());
    node.put("state", e.state());
    node.put("greenvn", e.greenvn().e164());
    node.put("greenvn_id", e.greenvnId());
    return node;
  }

  private ObjectNode verificationSucceeded(VerificationSucceededEvent e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("caller", number(e.caller()));
    node.put("greenvn_id", e.greenvnId());
    node.put("greenvn", e.greenvn().e164());
    node.put("connection_id", e.connectionId());
    node.put("pin", e.pin());
    return node;
  }

  private ObjectNode verificationFailed(VerificationFailedEvent e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("start_time", time(e.startTime()));
    node.put("caller", number(e.caller()));
    node.put("greenvn", e.greenvn().e164());
    node.put("call_sid", e.callSid());
    node.put("pin", e.pin());
    return node;
  }

  private ObjectNode outOfAllocation(OutOfAllocationEvent e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("start_time", time(e.startTime()));
    node.put("caller", number(e.caller()));
    node.put("greenvn", e.greenvn().e164());
    node.put("call_sid", e.callSid());
    node.put("current_time", time(e.occurredAt()));
    return node;
  }

  private String time(Instant instant) {
    return timeFormat.format(instant);
  }

  private static String number(Optional<PhoneNumber> number) {
    return number.map(PhoneNumber::e164).orElse(null);
  }

  private static void numbers(ArrayNode array, List<PhoneNumber> numbers) {
    numbers.forEach(n -> array.add(n.e164()));
  }

  private static void pins(ArrayNode array, List<Integer> pins) {
    if (pins.isEmpty()) {
      array.addNull();
    } else {
      pins.forEach(array::add);
    }
  }

  private static String seconds2(long millis) {
    return String.format(java.util.Locale.ROOT, "%d.%02d", millis / 1000, (millis % 1000) / 10);
  }
}
