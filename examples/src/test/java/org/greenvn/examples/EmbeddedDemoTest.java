package org.greenvn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddedDemoTest {

  @Test
  void demoWalksThroughBridgePinJoinRefusalAndExpiry() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EmbeddedDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("decision: Bridge[")
        .contains("targets=[+919800000001]")
        .contains("event CALL: {")
        .contains("\"dial_call_status\":\"completed\"")
        .contains("decision: PromptPin[")
        .contains("event VERIFICATION_SUCCEEDED: {")
        .contains("after PIN: Reject[reason=ONEWAY")
        .contains("refused: code 14, HTTP 409")
        .contains("expired: 1")
        .contains("event DEALLOCATION: {")
        .contains("the customer calls again: Reject[reason=NOT_IN_SERVICE");
    // The pin code 560041 is in Bengaluru: a KA number is chosen.
    assertThat(out).containsPattern("greenvn=\\+91(8041234567|9000000001)");
  }
}
