package org.greenvn.examples.soak;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a soak did and found: counts of operations, calls, events and webhook deliveries, the heap
 * and threads before and after, and every violation.
 *
 * @param jvm the JVM that ran it
 * @param options how it ran
 * @param elapsed the whole run, start-up to the last check
 * @param counts operations and calls by kind and outcome
 * @param events webhooks accepted by event type
 * @param webhookRequests requests the receiver got (retries included)
 * @param webhookRefusals requests it refused with a 5xx
 * @param webhookSlow requests it answered after a delay
 * @param webhookRedeliveries ids delivered again after a 2xx
 * @param allocationsChecked acknowledged allocations compared with the server
 * @param callsChecked calls compared with their events
 * @param baseline heap and threads after warm-up
 * @param end heap and threads after the drain
 * @param violations everything found wrong; empty when the soak passed
 */
record SoakReport(
    String jvm,
    SoakOptions options,
    Duration elapsed,
    Map<String, Long> counts,
    Map<String, Long> events,
    long webhookRequests,
    long webhookRefusals,
    long webhookSlow,
    long webhookRedeliveries,
    int allocationsChecked,
    int callsChecked,
    ResourceSnapshot baseline,
    ResourceSnapshot end,
    List<Violation> violations) {

  /** Whether nothing was found wrong. */
  boolean passed() {
    return violations.isEmpty();
  }

  /** The thread families whose counts differ, e.g. {@code ; pool-#-thread-# 3 -> 1}. */
  private String threadChanges() {
    Set<String> families = new TreeSet<>(baseline.threads().keySet());
    families.addAll(end.threads().keySet());
    StringBuilder changes = new StringBuilder();
    for (String family : families) {
      int before = baseline.threads().getOrDefault(family, 0);
      int after = end.threads().getOrDefault(family, 0);
      if (before != after) {
        changes.append(changes.length() == 0 ? "; changed: " : ", ")
            .append('\'').append(family).append("' ").append(before).append(" -> ").append(after);
      }
    }
    return changes.toString();
  }

  /** The summary as text, violations (at most 100) last. */
  String toText() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "greenvn soak: %s after %ds (warm-up %ds, load %ds, %d HTTP + %d call workers), %s%n",
        passed() ? "PASSED" : "FAILED with " + violations.size() + " violations",
        elapsed.toSeconds(), options.warmup().toSeconds(), options.duration().toSeconds(),
        options.httpWorkers(), options.callWorkers(), jvm));
    out.append("operations and calls:\n");
    counts.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-48s %9d%n", k, v)));
    out.append("events received (one per webhook id):\n");
    events.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-48s %9d%n", k, v)));
    out.append(String.format(Locale.ROOT,
        "webhooks: %d requests, %d refused (5xx), %d answered slowly, %d redelivered after"
            + " a 2xx%n", webhookRequests, webhookRefusals, webhookSlow, webhookRedeliveries));
    out.append(String.format(Locale.ROOT,
        "checked: %d acknowledged allocations, %d calls%n", allocationsChecked, callsChecked));
    if (baseline != null && end != null) {
      out.append(String.format(Locale.ROOT,
          "heap after GC: %.1f MiB at the baseline, %.1f MiB at the end (%+.1f MiB, slack %d"
              + " MiB)%n", baseline.heapUsedBytes() / 1048576.0, end.heapUsedBytes() / 1048576.0,
          (end.heapUsedBytes() - baseline.heapUsedBytes()) / 1048576.0,
          options.heapSlackMiB()));
      out.append(String.format(Locale.ROOT,
          "live threads: %d at the baseline, %d at the end%s%n", baseline.liveThreads(),
          end.liveThreads(), threadChanges()));
    }
    int shown = 0;
    for (Violation v : violations) {
      if (shown++ == 100) {
        out.append("  ... ").append(violations.size() - 100).append(" more\n");
        break;
      }
      out.append("VIOLATION ").append(v).append('\n');
    }
    return out.toString();
  }
}
