package org.greenvn.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.greenvn.allocation.AllocationRequest;
import org.greenvn.allocation.CallPartyUpdate;
import org.greenvn.allocation.ErrorCode;
import org.greenvn.allocation.GreenVnException;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.VnUpdate;

/**
 * Turns request bodies into the engine's requests, accepting what the spec's own samples send:
 * {@code strictness} as a boolean or as {@code "true"}/{@code "false"}, PINs as numbers or as
 * strings of digits, the number type as {@code type} or {@code number_type}. A value of the wrong
 * type is code 5; a preference the API does not know is code 2. Values are only shaped here: the
 * engine checks them (and answers 3, 5, 13, 14, 15, 16, 50).
 */
final class RequestBodies {

  private static final Set<String> PREFERENCE_KEYS =
      Set.of("greenvn", "region", "pin_code", "type", "number_type");
  private static final int MAX_ECHOED_KEY = 40;

  private RequestBodies() {}

  /** The body of a create: an object; absent means empty, so the engine names what is missing. */
  static AllocationRequest allocationRequest(Optional<JsonNode> body) {
    JsonNode o = object(body, "An allocation request");
    AllocationRequest.Builder request =
        AllocationRequest.builder()
            .connectionId(text(o, "connection_id"))
            .aPartyNumbers(textList(o, "aparty_numbers"))
            .bPartyNumbers(textList(o, "bparty_numbers"))
            .aPartyPins(pinList(o, "aparty_pins"))
            .bPartyPins(pinList(o, "bparty_pins"))
            .usage(text(o, "usage"))
            .strict(strictness(o))
            .preferences(preferences(o))
            .flowId(idText(o, "flow_id", "flow_id"));
    JsonNode policy = o.get("deallocation_policy");
    if (present(policy)) {
      if (!policy.isObject()) {
        throw ApiError.bad("deallocation_policy must be an object");
      }
      request.deallocationDuration(duration(policy));
    }
    return request.build();
  }

  /** The body of a call-party update. */
  static CallPartyUpdate callPartyUpdate(Optional<JsonNode> body) {
    JsonNode o = object(body, "The request body");
    return CallPartyUpdate.builder()
        .aPartyNumbers(textList(o, "aparty_numbers"))
        .bPartyNumbers(textList(o, "bparty_numbers"))
        .aPartyPins(pinList(o, "aparty_pins"))
        .bPartyPins(pinList(o, "bparty_pins"))
        .usage(text(o, "usage"))
        .build();
  }

  /** The body of a VN update; an empty body asks for any free number. */
  static VnUpdate vnUpdate(Optional<JsonNode> body) {
    if (body.isEmpty()) {
      return VnUpdate.anyNumber();
    }
    JsonNode o = object(body, "The request body");
    return new VnUpdate(strictness(o), preferences(o));
  }

  /** The object of a body, or of a bulk item; absent is an empty object. */
  static JsonNode object(Optional<JsonNode> body, String what) {
    if (body.isEmpty()) {
      return Json.MAPPER.createObjectNode();
    }
    if (!body.get().isObject()) {
      throw ApiError.bad(what + " must be a JSON object");
    }
    return body.get();
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static String text(JsonNode o, String field) {
    return text(o, field, field);
  }

  /** A string member; {@code label} names it in a refusal, e.g. {@code preferences.region}. */
  private static String text(JsonNode o, String field, String label) {
    JsonNode value = o.get(field);
    if (!present(value)) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiError.bad(label + " must be a string");
    }
    return value.textValue();
  }

  /** An identifier: a string, or a whole number written as one. */
  private static String idText(JsonNode o, String field, String label) {
    JsonNode value = o.get(field);
    if (present(value) && value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    return text(o, field, label);
  }

  private static List<String> textList(JsonNode o, String field) {
    JsonNode value = o.get(field);
    if (!present(value)) {
      return null;
    }
    if (!value.isArray()) {
      throw ApiError.bad(field + " must be an array of strings");
    }
    List<String> values = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (element.isNull()) {
        values.add(null); // the engine refuses it with its own message
      } else if (element.isTextual()) {
        values.add(element.textValue());
      } else {
        throw ApiError.bad(field + " must be an array of strings");
      }
    }
    return values;
  }

  /** PINs as numbers ({@code 1234}) or strings of digits ({@code "1234"}). */
  private static List<Long> pinList(JsonNode o, String field) {
    JsonNode value = o.get(field);
    if (!present(value)) {
      return null;
    }
    if (!value.isArray()) {
      throw ApiError.bad(field + " must be an array of positive integers");
    }
    List<Long> pins = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      pins.add(pin(field, element));
    }
    return pins;
  }

  private static Long pin(String field, JsonNode element) {
    if (element.isNull()) {
      return null; // the engine refuses it with its own message
    }
    if (element.isIntegralNumber() && element.canConvertToLong()) {
      return element.longValue();
    }
    if (element.isTextual()) {
      String digits = element.textValue().strip();
      // A leading zero would not be the PIN a caller keys; more than 18 digits is no PIN.
      if (!digits.isEmpty()
          && digits.length() <= 18
          && digits.charAt(0) != '0'
          && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Long.parseLong(digits);
      }
    }
    throw ApiError.bad(field + " must be an array of positive integers");
  }

  /** {@code strictness}: a boolean, or {@code "true"}/{@code "false"} as the samples send. */
  private static boolean strictness(JsonNode o) {
    JsonNode value = o.get("strictness");
    if (!present(value)) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()) {
      String text = value.textValue().strip().toLowerCase(Locale.ROOT);
      if (text.equals("true")) {
        return true;
      }
      if (text.equals("false")) {
        return false;
      }
    }
    throw ApiError.bad("strictness must be true or false");
  }

  private static Preferences preferences(JsonNode o) {
    JsonNode value = o.get("preferences");
    if (!present(value)) {
      return Preferences.none();
    }
    if (!value.isObject()) {
      throw ApiError.bad("preferences must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!PREFERENCE_KEYS.contains(key)) {
        String shown = key.length() > MAX_ECHOED_KEY ? key.substring(0, MAX_ECHOED_KEY) : key;
        throw new GreenVnException(
            ErrorCode.UNSUPPORTED_FILTER,
            "Unsupported preference '" + shown + "': use greenvn, region, pin_code or type");
      }
    }
    String type = text(value, "type", "preferences.type");
    String numberType = text(value, "number_type", "preferences.number_type");
    if (type != null && numberType != null && !type.strip().equalsIgnoreCase(numberType.strip())) {
      throw ApiError.bad("preferences.type and preferences.number_type disagree");
    }
    return Preferences.builder()
        .greenvn(text(value, "greenvn", "preferences.greenvn"))
        .region(text(value, "region", "preferences.region"))
        .pinCode(idText(value, "pin_code", "preferences.pin_code"))
        .type(type != null ? type : numberType)
        .build();
  }

  /** {@code deallocation_policy.duration}: {@code "600s"}, or a number of seconds. */
  private static String duration(JsonNode policy) {
    JsonNode value = policy.get("duration");
    if (!present(value)) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (!value.isTextual()) {
      throw ApiError.bad("deallocation_policy.duration must be a string such as \"600s\"");
    }
    return value.textValue();
  }
}
