package org.greenvn.allocation;

import java.util.Optional;

/**
 * The status codes of the GreenVN API (its Appendix 1), each with its HTTP status and the spec's
 * description.
 */
public enum ErrorCode {
  /** 0: internal service error. */
  INTERNAL_ERROR(0, 500, "Internal Service Error"),
  /** 1: the allocation (or tenant) does not exist. */
  NOT_FOUND(1, 404, "Could not find the given GreenVN"),
  /** 2: unsupported search filters. */
  UNSUPPORTED_FILTER(2, 400, "One or more unsupported search filters provided"),
  /** 3: a mandatory parameter is missing. */
  MISSING_PARAMETER(3, 400, "One or more mandatory parameters not present in request"),
  /** 4: no virtual number can satisfy the request. */
  NO_FREE_VN(4, 452, "No free GreenVNs are available for allocation"),
  /** 5: a parameter has a bad value or type. */
  BAD_PARAMETER(5, 400, "Bad or missing parameters in Request"),
  /** 7: authentication missing or failed. */
  AUTHENTICATION_FAILED(7, 401, "Authentication not provided or failed"),
  /** 8: authenticated, but not permitted. */
  PERMISSION_DENIED(8, 403, "Not permitted to do this operation."),
  /** 9: version header missing or unsupported. */
  VERSION_UNSUPPORTED(9, 400, "Version header not specified or supported for this API"),
  /** 13: a number or PIN repeated within one list. */
  DUPLICATE_IN_GROUP_LIST(13, 409, "All numbers in the group are duplicates"),
  /** 14: the same number (or PIN) on both parties. */
  DUPLICATE_IN_REQUEST(
      14,
      409,
      "a-party numbers and b-party numbers cannot contain the same number for an allocation."),
  /** 15: region not supported. */
  REGION_NOT_SUPPORTED(15, 403, "The region code specified is not supported"),
  /** 16: not a valid E.164 number. */
  INVALID_NUMBER(16, 400, "Invalid Number Received."),
  /** 17: too many allocations in one bulk request. */
  TOO_MANY_IN_BULK(17, 413, "Too many allocation requests in bulk."),
  /** 18: an active allocation already has this connection id. */
  DUPLICATE_CONNECTION_ID(18, 409, "Allocation exists for this connection id"),
  /** 19: a number or PIN is already held on the virtual number by another allocation. */
  DUPLICATE_IN_GROUP(19, 409, "One or more of the numbers is already registered with another pin"),
  /** 20: group and number mapping does not exist. */
  MAPPING_NOT_FOUND(20, 404, "Group and number mapping doesn't exist"),
  /** 22: the allocation was already deallocated. */
  ALREADY_DELETED(22, 410, "This greenvn is already deleted"),
  /** 23: invalid date range. */
  INVALID_DATE_RANGE(23, 400, "An invalid date range was provided in the query"),
  /** 50: the call flow does not exist. */
  INVALID_CALL_FLOW(50, 422, "An invalid call flow is configured");

  private final int code;
  private final int httpStatus;
  private final String description;

  ErrorCode(int code, int httpStatus, String description) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.description = description;
  }

  /** The numeric code of the API envelope's {@code code} field. */
  public int code() {
    return code;
  }

  /** The HTTP status that goes with it. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The spec's description. */
  public String description() {
    return description;
  }

  /** The error with this numeric code, if the spec defines it. */
  public static Optional<ErrorCode> ofCode(int code) {
    for (ErrorCode value : values()) {
      if (value.code == code) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
