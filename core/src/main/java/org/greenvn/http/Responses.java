package org.greenvn.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.greenvn.allocation.ErrorCode;

/** Envelopes made into responses. */
final class Responses {

  private Responses() {}

  /** 200 with the envelope of a success around {@code data}. */
  static ApiResponse ok(JsonNode data) {
    return new ApiResponse(
        200, Json.bytes(Json.success(data)), ApiResponse.JSON, Map.of(), Optional.empty());
  }

  /** The envelope of a refusal, with its status and headers. */
  static ApiResponse error(ApiError e) {
    return new ApiResponse(
        e.status(),
        Json.bytes(Json.error(e.status(), e.code(), e.getMessage())),
        ApiResponse.JSON,
        e.headers(),
        Optional.of(e.code()));
  }

  /** 500 code 0: the server failed; the details are in its log, not in the response. */
  static ApiResponse internalError() {
    return error(
        new ApiError(500, ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.description()));
  }

  /** A text body, such as the Prometheus exposition. */
  static ApiResponse text(String text, String contentType) {
    return new ApiResponse(
        200, text.getBytes(StandardCharsets.UTF_8), contentType, Map.of(), Optional.empty());
  }
}
