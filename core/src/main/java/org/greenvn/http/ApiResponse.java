package org.greenvn.http;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.allocation.ErrorCode;

/**
 * A response ready to send: status, body, content type and extra headers, and the error code it
 * carries (for logs and metrics).
 */
record ApiResponse(
    int status,
    byte[] body,
    String contentType,
    Map<String, String> headers,
    Optional<ErrorCode> code) {

  static final String JSON = "application/json; charset=utf-8";

  ApiResponse {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(code, "code");
  }

  /** This response with one more header. */
  ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, body, contentType, more, code);
  }
}
