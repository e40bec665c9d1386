package org.greenvn.examples.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The soak's short form, as CI runs it: the real standalone server on loopback under creates,
 * updates, VN moves, deletes, calls of every kind, short expiries and a receiver that refuses
 * and stalls webhooks, then every check. It passes, and it did exercise what it checks.
 */
class SoakTest {

  @Test
  void theShortSoakPasses() throws Exception {
    SoakReport report = Soak.run(SoakOptions.ci(), System.out);
    System.out.print(report.toText());

    assertThat(report.violations()).as(report.toText()).isEmpty();
    // What the checks had to work on: allocations, expiries, calls with their events, retries.
    assertThat(report.counts()).containsKey("create.ok (short expiry)");
    assertThat(report.counts()).containsKeys("call.a-bridged", "call.pin-right", "call.pin-wrong");
    assertThat(report.events()).containsKeys(
        "call", "deallocation", "verification_succeeded", "verification_failed",
        "out_of_allocation");
    assertThat(report.webhookRefusals()).isPositive();
    assertThat(report.callsChecked()).isPositive();
  }
}
