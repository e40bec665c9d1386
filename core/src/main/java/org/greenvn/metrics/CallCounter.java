package org.greenvn.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.greenvn.event.CallEvent;
import org.greenvn.event.EventListener;
import org.greenvn.event.GreenVnEvent;
import org.greenvn.event.OutOfAllocationEvent;
import org.greenvn.event.VerificationFailedEvent;
import org.greenvn.event.VerificationSucceededEvent;

/**
 * Counts calls by decision from the engine's events: a call event of a call that dialled the other
 * party is {@code bridged}, one that dialled nobody {@code not_dialled}, an out-of-allocation event
 * {@code not_in_service}; each PIN keyed is a verification.
 */
final class CallCounter implements EventListener {

  private final MeterRegistry registry;

  CallCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(GreenVnEvent event) {
    if (event instanceof CallEvent call) {
      calls(call.tenantSid(), call.to().isPresent() ? "bridged" : "not_dialled");
    } else if (event instanceof OutOfAllocationEvent out) {
      calls(out.tenantSid(), "not_in_service");
    } else if (event instanceof VerificationSucceededEvent ok) {
      verifications(ok.tenantSid(), "success");
    } else if (event instanceof VerificationFailedEvent failed) {
      verifications(failed.tenantSid(), "failure");
    }
  }

  private void calls(String tenantSid, String decision) {
    Counter.builder("greenvn.calls")
        .description("Calls by routing decision")
        .tag("tenant", tenantSid)
        .tag("decision", decision)
        .register(registry)
        .increment();
  }

  private void verifications(String tenantSid, String result) {
    Counter.builder("greenvn.pin.verifications")
        .description("PINs keyed by callers, by result")
        .tag("tenant", tenantSid)
        .tag("result", result)
        .register(registry)
        .increment();
  }

  @Override
  public String toString() {
    return "CallCounter";
  }
}
