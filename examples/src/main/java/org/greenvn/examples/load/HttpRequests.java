package org.greenvn.examples.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The requests of a run, as the bytes sent on the wire (HTTP/1.1, keep-alive). Request {@code i}
 * of a create run is a create whose connection id ({@code RUNTAG-(firstIndex+i)}) and parties
 * ({@code +919} and {@code +918} followed by {@code firstIndex+i} in 9 digits) no other request of
 * the run, and no run with a disjoint index range, uses; request {@code i} of a GET run reads id
 * {@code i mod ids}. Every request carries the tenant's HTTP Basic credentials, as an API client's
 * would.
 */
final class HttpRequests {

  private static final String A_PREFIX = "+919";
  private static final String B_PREFIX = "+918";

  private final HttpRequestKind kind;
  private final String createHead;
  private final String getHead;
  private final String getTail;
  private final String createPath;
  private final String runTag;
  private final long firstIndex;
  private final List<String> ids;

  HttpRequests(HttpLoadOptions options) {
    this.kind = options.kind();
    this.runTag = options.runTag();
    this.firstIndex = options.firstIndex();
    this.ids = options.ids();
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (options.apiKey() + ":" + options.apiToken()).getBytes(StandardCharsets.UTF_8));
    String hostHeader = options.baseUrl().substring("http://".length());
    this.createPath = "/v1/tenants/" + options.tenant() + "/greenvn";
    String common =
        " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: Basic " + credentials + "\r\n";
    this.createHead =
        "POST " + createPath + common + "Content-Type: application/json\r\nContent-Length: ";
    this.getHead = "GET " + createPath + "/";
    this.getTail = common + "\r\n";
  }

  /** The request's path, for the report. */
  String pathTemplate() {
    return kind == HttpRequestKind.CREATE ? createPath : createPath + "/{greenvn_id}";
  }

  /** The bytes of request {@code i} (0-based within the run). */
  byte[] request(long i) {
    if (kind == HttpRequestKind.GET) {
      String id = ids.get((int) (i % ids.size()));
      return (getHead + id + getTail).getBytes(StandardCharsets.US_ASCII);
    }
    byte[] body = createBody(i).getBytes(StandardCharsets.US_ASCII);
    byte[] head = (createHead + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return request;
  }

  /** The connection id of create {@code i}. */
  String connectionId(long i) {
    return runTag + "-" + (firstIndex + i);
  }

  /** The A party of create {@code i}. */
  String aParty(long i) {
    return A_PREFIX + nineDigits(firstIndex + i);
  }

  /** The B party of create {@code i}. */
  String bParty(long i) {
    return B_PREFIX + nineDigits(firstIndex + i);
  }

  /**
   * The body of create {@code i}: the spec's create with one party a side, two-way, held for an
   * hour, so that a run's allocations stay active while it is checked.
   */
  String createBody(long i) {
    return "{\"connection_id\":\""
        + connectionId(i)
        + "\",\"aparty_numbers\":[\""
        + aParty(i)
        + "\"],\"bparty_numbers\":[\""
        + bParty(i)
        + "\"],\"usage\":\"twoway\",\"deallocation_policy\":{\"duration\":\"1h\"}}";
  }

  private static String nineDigits(long n) {
    if (n < 0 || n >= HttpLoadOptions.PARTY_SPACE) {
      throw new IllegalArgumentException("party index out of range: " + n);
    }
    String digits = Long.toString(n);
    return "000000000".substring(digits.length()) + digits;
  }
}
