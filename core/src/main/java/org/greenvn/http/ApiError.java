package org.greenvn.http;

import java.util.Map;
import org.greenvn.allocation.ErrorCode;
import org.greenvn.allocation.GreenVnException;

/**
 * A refusal decided at the HTTP edge, before or around the engine: its HTTP status, the spec's code
 * for the envelope, a message for the client, and headers to send with it.
 */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final ErrorCode code;
  private final transient Map<String, String> headers;

  ApiError(int status, ErrorCode code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  ApiError(int status, ErrorCode code, String message) {
    this(status, code, message, Map.of());
  }

  int status() {
    return status;
  }

  ErrorCode code() {
    return code;
  }

  Map<String, String> headers() {
    return headers;
  }

  static ApiError of(GreenVnException e) {
    return new ApiError(e.code().httpStatus(), e.code(), e.getMessage());
  }

  static ApiError authenticationFailed() {
    return new ApiError(
        401,
        ErrorCode.AUTHENTICATION_FAILED,
        ErrorCode.AUTHENTICATION_FAILED.description(),
        Map.of("WWW-Authenticate", "Basic realm=\"greenvn\", charset=\"UTF-8\""));
  }

  static ApiError permissionDenied() {
    return new ApiError(
        403, ErrorCode.PERMISSION_DENIED, ErrorCode.PERMISSION_DENIED.description());
  }

  static ApiError rateLimited(long retryAfterSeconds) {
    return new ApiError(
        429,
        ErrorCode.TOO_MANY_IN_BULK,
        "Too many requests: retry after " + retryAfterSeconds + " s",
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static ApiError bodyTooLarge(int maxBytes) {
    return new ApiError(
        413, ErrorCode.BAD_PARAMETER, "The request body exceeds " + maxBytes + " bytes");
  }

  static ApiError tooManyInBulk(int max) {
    return new ApiError(
        413,
        ErrorCode.TOO_MANY_IN_BULK,
        ErrorCode.TOO_MANY_IN_BULK.description() + " At most " + max + " per request.");
  }

  static ApiError bad(String message) {
    return new ApiError(400, ErrorCode.BAD_PARAMETER, message);
  }

  static ApiError noRoute() {
    return new ApiError(404, ErrorCode.BAD_PARAMETER, "No such resource in this API");
  }

  static ApiError methodNotAllowed(String allowed) {
    return new ApiError(
        405,
        ErrorCode.BAD_PARAMETER,
        "Method not allowed here; allowed: " + allowed,
        Map.of("Allow", allowed));
  }

  static ApiError idempotencyKeyInUse() {
    return new ApiError(
        409,
        ErrorCode.BAD_PARAMETER,
        "A request with this Idempotency-Key is still being served; retry later");
  }

  static ApiError idempotencyKeyReused() {
    return new ApiError(
        400,
        ErrorCode.BAD_PARAMETER,
        "This Idempotency-Key was used with another request; use a new key");
  }
}
