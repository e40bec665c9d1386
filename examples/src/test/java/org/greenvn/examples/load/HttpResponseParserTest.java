package org.greenvn.examples.load;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

  private static final String CREATED =
      "{\"success\":true,\"status\":200,\"code\":null,\"message\":null,\"data\":"
          + "{\"connection_id\":\"t-1\","
          + "\"greenvn_id\":\"5f0c6b1e-1a2b-4c3d-8e9f-0123456789ab\",\"state\":\"active\"}}";

  private static byte[] response(String head, String body) {
    return (head + "\r\n\r\n" + body).getBytes(US_ASCII);
  }

  @Test
  void readsAWholeResponseAndFindsTheAllocationId() throws Exception {
    byte[] bytes =
        response(
            "HTTP/1.1 200 OK\r\nDate: x\r\ncontent-length: " + CREATED.length()
                + "\r\nContent-Type: application/json",
            CREATED);
    HttpResponseParser.Response response = HttpResponseParser.parse(bytes, bytes.length);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.length()).isEqualTo(bytes.length);
    assertThat(response.close()).isFalse();
    assertThat(HttpResponseParser.greenvnId(bytes, response.bodyOffset(), response.length()))
        .isEqualTo("5f0c6b1e-1a2b-4c3d-8e9f-0123456789ab");
  }

  @Test
  void anIncompleteHeadOrBodyIsNotYetAResponse() throws Exception {
    byte[] bytes = response("HTTP/1.1 200 OK\r\nContent-Length: 10", "0123456789");
    assertThat(HttpResponseParser.parse(bytes, 20)).isNull();
    assertThat(HttpResponseParser.parse(bytes, bytes.length - 1)).isNull();
    assertThat(HttpResponseParser.parse(bytes, bytes.length)).isNotNull();
  }

  @Test
  void connectionCloseAndHttp10AreSeen() throws Exception {
    byte[] close = response("HTTP/1.1 429 Too Many\r\nConnection: close\r\nContent-Length: 0", "");
    assertThat(HttpResponseParser.parse(close, close.length).close()).isTrue();
    assertThat(HttpResponseParser.parse(close, close.length).status()).isEqualTo(429);
    byte[] old = response("HTTP/1.0 200 OK\r\nContent-Length: 0", "");
    assertThat(HttpResponseParser.parse(old, old.length).close()).isTrue();
  }

  @Test
  void unframedOrMalformedResponsesAreProtocolErrors() {
    byte[] chunked = response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked", "5\r\nhello");
    assertThatThrownBy(() -> HttpResponseParser.parse(chunked, chunked.length))
        .isInstanceOf(HttpResponseParser.ProtocolException.class)
        .hasMessageContaining("Transfer-Encoding");
    byte[] unbounded = response("HTTP/1.1 200 OK\r\nContent-Type: text/plain", "x");
    assertThatThrownBy(() -> HttpResponseParser.parse(unbounded, unbounded.length))
        .isInstanceOf(HttpResponseParser.ProtocolException.class)
        .hasMessageContaining("no Content-Length");
    byte[] garbage = response("SMTP ready", "");
    assertThatThrownBy(() -> HttpResponseParser.parse(garbage, garbage.length))
        .isInstanceOf(HttpResponseParser.ProtocolException.class)
        .hasMessageContaining("status line");
    byte[] badLength = response("HTTP/1.1 200 OK\r\nContent-Length: -3", "");
    assertThatThrownBy(() -> HttpResponseParser.parse(badLength, badLength.length))
        .isInstanceOf(HttpResponseParser.ProtocolException.class);
  }

  @Test
  void aNoContentResponseNeedsNoLength() throws Exception {
    byte[] bytes = response("HTTP/1.1 204 No Content", "");
    assertThat(HttpResponseParser.parse(bytes, bytes.length).length()).isEqualTo(bytes.length);
  }

  @Test
  void noIdIsFoundWhereThereIsNoneOrItIsNotPlain() {
    byte[] floor = "{\"success\":true,\"data\":{\"floor\":true}}".getBytes(US_ASCII);
    assertThat(HttpResponseParser.greenvnId(floor, 0, floor.length)).isNull();
    byte[] escaped = "{\"greenvn_id\":\"a\\\"b\"}".getBytes(US_ASCII);
    assertThat(HttpResponseParser.greenvnId(escaped, 0, escaped.length)).isNull();
    byte[] empty = "{\"greenvn_id\":\"\"}".getBytes(US_ASCII);
    assertThat(HttpResponseParser.greenvnId(empty, 0, empty.length)).isNull();
    byte[] cut = "{\"greenvn_id\":\"abc".getBytes(US_ASCII);
    assertThat(HttpResponseParser.greenvnId(cut, 0, cut.length)).isNull();
  }
}
