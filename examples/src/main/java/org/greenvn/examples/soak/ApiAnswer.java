package org.greenvn.examples.soak;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP answer of the API: its status, the envelope's code and data, or why there was none.
 *
 * @param status the HTTP status, 0 when no answer came
 * @param code the envelope's {@code code}, 0 when it was null
 * @param data the envelope's {@code data}
 * @param failure why no answer came (timeout, I/O), or null
 */
record ApiAnswer(int status, int code, JsonNode data, String failure) {

  boolean ok() {
    return status == 200;
  }

  boolean answered() {
    return failure == null;
  }

  @Override
  public String toString() {
    return failure != null ? "no answer (" + failure + ")" : "HTTP " + status + " code " + code;
  }
}
