package org.greenvn.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes the server serves: each a method and a path template whose {@code {name}} segments are
 * parameters. A path that several templates match goes to those with the most literal segments, so
 * {@code /greenvn/bulk} is the bulk create, never an allocation named {@code bulk}.
 */
enum Endpoint {
  CREATE("POST", "/v1/tenants/{sid}/greenvn"),
  BULK_CREATE("POST", "/v1/tenants/{sid}/greenvn/bulk"),
  DRY_RUN("POST", "/v1/tenants/{sid}/greenvn/dry-run"),
  GET("GET", "/v1/tenants/{sid}/greenvn/{greenvn_id}"),
  DELETE("DELETE", "/v1/tenants/{sid}/greenvn/{greenvn_id}"),
  UPDATE_CALL_PARTY("PUT", "/v1/tenants/{sid}/greenvn/{greenvn_id}/call-party"),
  UPDATE_VN("PUT", "/v1/tenants/{sid}/greenvn/{greenvn_id}/vn"),
  POOL("GET", "/v1/tenants/{sid}/pool"),
  HEALTH("GET", "/health"),
  METRICS("GET", "/metrics");

  /** A request's endpoint and the values of its path parameters. */
  record Match(Endpoint endpoint, Map<String, String> parameters) {}

  private static final int MAX_SEGMENTS = 16;
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

  private final String method;
  private final String template;
  private final String[] segments;
  private final int literals;

  Endpoint(String method, String template) {
    this.method = method;
    this.template = template;
    this.segments = template.substring(1).split("/");
    int count = 0;
    for (String segment : segments) {
      if (!segment.startsWith("{")) {
        count++;
      }
    }
    this.literals = count;
  }

  String method() {
    return method;
  }

  String template() {
    return template;
  }

  /** The method as a metric tag: one of the HTTP methods, or {@code other}, so tags stay few. */
  static String knownMethod(String method) {
    return KNOWN_METHODS.contains(method) ? method : "other";
  }

  /** Whether it acts for one tenant, named by {@code {sid}}, and so needs its credentials. */
  boolean tenantScoped() {
    return template.startsWith("/v1/tenants/");
  }

  /**
   * The endpoint of a request.
   *
   * @param rawPath the path as sent, percent-encoded
   * @throws ApiError 404 when no route has this path, 405 when none has it with this method
   */
  static Match resolve(String method, String rawPath) {
    List<String> path = segments(rawPath);
    List<Match> candidates = new ArrayList<>();
    int best = -1;
    for (Endpoint endpoint : values()) {
      Map<String, String> parameters = endpoint.match(path);
      if (parameters == null) {
        continue;
      }
      if (endpoint.literals > best) {
        candidates.clear();
        best = endpoint.literals;
      }
      if (endpoint.literals == best) {
        candidates.add(new Match(endpoint, parameters));
      }
    }
    if (candidates.isEmpty()) {
      throw ApiError.noRoute();
    }
    for (Match candidate : candidates) {
      if (candidate.endpoint().method.equals(method)) {
        return candidate;
      }
    }
    TreeSet<String> allowed = new TreeSet<>();
    candidates.forEach(c -> allowed.add(c.endpoint().method));
    throw ApiError.methodNotAllowed(String.join(", ", allowed));
  }

  private Map<String, String> match(List<String> path) {
    if (path.size() != segments.length) {
      return null;
    }
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.startsWith("{")) {
        if (path.get(i).isEmpty()) {
          return null;
        }
        parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
      } else if (!segment.equals(path.get(i))) {
        return null;
      }
    }
    return parameters;
  }

  /** The decoded segments of a path; one trailing slash is ignored. */
  private static List<String> segments(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw ApiError.noRoute();
    }
    String path =
        rawPath.length() > 1 && rawPath.endsWith("/")
            ? rawPath.substring(0, rawPath.length() - 1)
            : rawPath;
    String[] raw = path.substring(1).split("/", -1);
    if (raw.length > MAX_SEGMENTS) {
      throw ApiError.noRoute();
    }
    List<String> decoded = new ArrayList<>(raw.length);
    for (String segment : raw) {
      decoded.add(decode(segment));
    }
    return decoded;
  }

  /** Percent-decodes a segment as UTF-8; {@code +} stays a plus, as in a path it is one. */
  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          throw ApiError.noRoute();
        }
        int high = Character.digit(segment.charAt(i + 1), 16);
        int low = Character.digit(segment.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw ApiError.noRoute();
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.noRoute();
    }
  }
}
