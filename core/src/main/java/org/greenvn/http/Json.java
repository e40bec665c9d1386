package org.greenvn.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.greenvn.allocation.ErrorCode;

/**
 * Reads request bodies defensively and writes responses. A body must be strict UTF-8 and one JSON
 * value, nested at most {@value #MAX_DEPTH} deep, with no number longer than {@value
 * #MAX_NUMBER_LENGTH} characters and no key twice in an object; anything else is a malformed body
 * (code 5).
 */
final class Json {

  static final int MAX_DEPTH = 32;
  static final int MAX_NUMBER_LENGTH = 64;
  private static final int RECYCLED_BUFFERS = 256;

  static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  // Jackson's default pool keeps buffers per thread: with a virtual thread per
                  // request every parse and write allocated fresh ones (about 25 KB). A shared,
                  // bounded pool reuses them whatever the thread.
                  .recyclerPool(JsonRecyclerPools.newBoundedPool(RECYCLED_BUFFERS))
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /**
   * The body as JSON, or empty when it is empty or only white space.
   *
   * @throws ApiError 400 code 5 when it is not strict UTF-8 or not one well-formed JSON value
   */
  static Optional<JsonNode> parse(byte[] body) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.bad("The request body is not valid UTF-8");
    }
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(text));
    } catch (StreamConstraintsException e) {
      throw ApiError.bad(
          "Malformed JSON: nested deeper than "
              + MAX_DEPTH
              + " or a number longer than "
              + MAX_NUMBER_LENGTH
              + " characters");
    } catch (JsonProcessingException e) {
      // The parser's own message quotes the body, which may hold PINs: give the place only.
      JsonLocation at = e.getLocation();
      throw ApiError.bad(
          at == null
              ? "Malformed JSON"
              : "Malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
  }

  /** The spec's envelope of a success: {@code code} and {@code message} null. */
  static ObjectNode success(JsonNode data) {
    ObjectNode envelope = MAPPER.createObjectNode();
    envelope.put("success", true);
    envelope.put("status", 200);
    envelope.putNull("code");
    envelope.putNull("message");
    envelope.set("data", data);
    return envelope;
  }

  /** The spec's envelope of a refusal: {@code data} null. */
  static ObjectNode error(int status, ErrorCode code, String message) {
    ObjectNode envelope = MAPPER.createObjectNode();
    envelope.put("success", false);
    envelope.put("status", status);
    envelope.put("code", code.code());
    envelope.put("message", message);
    envelope.putNull("data");
    return envelope;
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree could not be written", e);
    }
  }
}
