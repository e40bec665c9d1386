package org.greenvn.examples.load;

import java.util.concurrent.atomic.AtomicInteger;

/** A level that goes up and down, remembering its highest value (sessions open, calls held). */
final class Gauge {

  private final AtomicInteger current = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  void enter() {
    int now = current.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
  }

  void exit() {
    current.decrementAndGet();
  }

  int current() {
    return current.get();
  }

  int peak() {
    return peak.get();
  }
}
