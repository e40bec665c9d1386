package org.greenvn.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Request bodies that must each be refused: a valid body of a route with one thing broken, drawn
 * from a seeded random source. Broken means a value of a wrong type or out of range, nesting past
 * the parser's limit, bytes that are not UTF-8, numbers too big for anything, arrays far past the
 * party size, truncation, garbage, a key twice, trailing content, or a root that is no object.
 * Every value used is one the API must refuse, so no body drawn here may change anything.
 */
final class HostileBodies {

  /** A route that takes a body, with the valid body its hostile ones are made from. */
  enum Target {
    CREATE,
    DRY_RUN,
    BULK,
    CALL_PARTY,
    VN
  }

  private static final String MARK = "\u0001BAD\u0001";

  private static final byte[][] BAD_UTF8 = {
    {(byte) 0xC3, 0x28}, // a lead byte without its continuation
    {(byte) 0xA0, (byte) 0xA1}, // continuation bytes alone
    {(byte) 0xC0, (byte) 0xAF}, // an overlong '/'
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate
    {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // five bytes
    {(byte) 0xFF},
    {(byte) 0xFE, (byte) 0xFF},
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
  };

  private static final List<String> BAD_IDS =
      List.of("42", "true", "[]", "{}", "\"\"", "\"   \"", "\"" + "c".repeat(300) + "\"", "1.5");
  private static final List<String> BAD_NUMBER_LISTS =
      List.of(
          "\"+919800000011\"",
          "5",
          "{}",
          "[1]",
          "[true]",
          "[[]]",
          "[]",
          "[\"+91123\"]",
          "[\"not a number\"]",
          "[null]",
          "[{}]",
          "[\"+919800000011\",\"+919800000011\"]",
          "[\"+919800000011\",\"+919800000002\"]"); // the last: on both sides
  private static final List<String> BAD_PIN_LISTS =
      List.of(
          "\"1234\"",
          "5",
          "{}",
          "[1.5]",
          "[-1]",
          "[0]",
          "[true]",
          "[\"12a4\"]",
          "[\"01234\"]",
          "[1e400]",
          "[12345678901234567890123]",
          "[9999999]",
          "[{}]",
          "[[1234]]",
          "[\"\"]",
          "[1111,1111]",
          "[1111,2222]"); // the last: on both sides
  private static final List<String> BAD_USAGES =
      List.of("1", "\"sideways\"", "[]", "{}", "\"\"", "true", "\"oneway|twoway\"");
  private static final List<String> BAD_STRICTNESS =
      List.of("\"maybe\"", "1", "0", "[]", "{}", "\"yes\"", "\"\"");
  private static final List<String> BAD_PREFERENCES =
      List.of(
          "\"KA\"",
          "[]",
          "5",
          "true",
          "{\"region\":5}",
          "{\"region\":\"ZZ\"}",
          "{\"type\":\"satellite\"}",
          "{\"pin_code\":\"abc\"}",
          "{\"colour\":\"x\"}",
          "{\"greenvn\":\"+91123\"}",
          "{\"type\":\"mobile\",\"number_type\":\"landline\"}",
          "{\"greenvn\":5}",
          "{\"region\":[\"KA\"]}",
          "{\"pin_code\":{}}");
  private static final List<String> BAD_POLICIES =
      List.of(
          "\"600s\"",
          "5",
          "[]",
          "{\"duration\":\"-5s\"}",
          "{\"duration\":\"abc\"}",
          "{\"duration\":{}}",
          "{\"duration\":\"0s\"}",
          "{\"duration\":-5}",
          "{\"duration\":\"99999999999d\"}");
  private static final List<String> BAD_FLOWS =
      List.of("\"no-such-flow\"", "{}", "[]", "true", "1.5");
  private static final List<String> BAD_ALLOCATIONS =
      List.of("\"x\"", "5", "{}", "[]", "true", "[1]", "[\"x\"]", "[null]", "[[]]");

  private final SplittableRandom random;

  HostileBodies(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The valid body a target's hostile bodies are made from, as field to JSON value. */
  static Map<String, String> base(Target target) {
    Map<String, String> body = new LinkedHashMap<>();
    switch (target) {
      case CREATE, DRY_RUN -> {
        body.put("connection_id", "\"fz\"");
        body.put("aparty_numbers", "[\"+919800000011\"]");
        body.put("bparty_numbers", "[\"+919800000002\"]");
        body.put("aparty_pins", "[1111]");
        body.put("bparty_pins", "[2222]");
        body.put("usage", "\"twoway\"");
        body.put("strictness", "false");
        body.put("preferences", "{\"region\":\"KA\"}");
        body.put("deallocation_policy", "{\"duration\":\"600s\"}");
        body.put("flow_id", "\"default\"");
      }
      case BULK -> body.put("allocations", "[" + render(base(Target.CREATE)) + "]");
      case CALL_PARTY -> {
        body.put("aparty_numbers", "[\"+919800000011\"]");
        body.put("bparty_numbers", "[\"+919800000002\"]");
        body.put("aparty_pins", "[1111]");
        body.put("bparty_pins", "[2222]");
        body.put("usage", "\"twoway\"");
      }
      case VN -> {
        body.put("strictness", "true");
        body.put("preferences", "{\"region\":\"KA\",\"type\":\"landline\"}");
      }
    }
    return body;
  }

  static String render(Map<String, String> body) {
    StringBuilder out = new StringBuilder("{");
    body.forEach(
        (key, value) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append('"').append(key).append("\":").append(value);
        });
    return out.append('}').toString();
  }

  /** The next hostile body for a target. */
  byte[] next(Target target) {
    Map<String, String> body = base(target);
    List<String> fields = new ArrayList<>(body.keySet());
    String field = fields.get(random.nextInt(fields.size()));
    int kind = random.nextInt(100);
    if (kind < 35) {
      body.put(field, pick(badValues(field)));
      return bytes(render(body));
    } else if (kind < 45) {
      body.put(random.nextBoolean() ? field : "extra", deep(33 + random.nextInt(3000)));
      return bytes(render(body));
    } else if (kind < 55) {
      body.put(random.nextBoolean() ? field : "extra", "\"ab" + MARK + "cd\"");
      return bytes(render(body));
    } else if (kind < 63) {
      body.put(field, giantNumber());
      return bytes(render(body));
    } else if (kind < 71) {
      body.put(field, hugeArray(target));
      return bytes(render(body));
    } else if (kind < 80) {
      String text = render(body);
      return bytes(text.substring(0, 1 + random.nextInt(text.length() - 1)));
    } else if (kind < 85) {
      return garbage();
    } else if (kind < 90) {
      return bytes(pick(List.of("[]", "\"text\"", "42", "true", "null", "[{}]", "-0", "1e999")));
    } else if (kind < 95) {
      String text = render(body);
      return bytes(
          text.substring(0, text.length() - 1) + ",\"" + field + "\":" + body.get(field) + "}");
    } else {
      return bytes(render(body) + pick(List.of("{}", "x", "[]", ",", "\"")));
    }
  }

  private List<String> badValues(String field) {
    return switch (field) {
      case "connection_id" -> BAD_IDS;
      case "aparty_numbers", "bparty_numbers" -> BAD_NUMBER_LISTS;
      case "aparty_pins", "bparty_pins" -> BAD_PIN_LISTS;
      case "usage" -> BAD_USAGES;
      case "strictness" -> BAD_STRICTNESS;
      case "preferences" -> BAD_PREFERENCES;
      case "deallocation_policy" -> BAD_POLICIES;
      case "flow_id" -> BAD_FLOWS;
      case "allocations" -> BAD_ALLOCATIONS;
      default -> throw new IllegalArgumentException(field);
    };
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String deep(int depth) {
    boolean arrays = random.nextBoolean();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      out.append(arrays ? "[" : "{\"a\":");
    }
    out.append("1");
    for (int i = 0; i < depth; i++) {
      out.append(arrays ? "]" : "}");
    }
    return out.toString();
  }

  private String giantNumber() {
    return switch (random.nextInt(5)) {
      case 0 -> "9".repeat(20 + random.nextInt(200));
      case 1 -> "[" + "9".repeat(20 + random.nextInt(200)) + "]";
      case 2 -> "[1e400]";
      case 3 -> "-1e400";
      default -> "[1" + "0".repeat(60) + ".5]";
    };
  }

  /** Far more entries than a side may have (50), up to past the body limit. */
  private String hugeArray(Target target) {
    int size = 51 + random.nextInt(random.nextBoolean() ? 500 : 20_000);
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        out.append(',');
      }
      // Distinct valid numbers, or distinct PINs: only the count is wrong.
      out.append(
          random.nextBoolean() ? "\"+9198" + (10_000_000 + i) + "\"" : Integer.toString(i + 1));
    }
    return out.append(']').toString();
  }

  private byte[] garbage() {
    byte[] bytes = new byte[1 + random.nextInt(200)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    bytes[0] = '{'; // never blank: an empty body is a valid VN update
    return bytes;
  }

  private byte[] bytes(String text) {
    int at = text.indexOf(MARK);
    if (at < 0) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
    out.writeBytes(text.substring(at + MARK.length()).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
