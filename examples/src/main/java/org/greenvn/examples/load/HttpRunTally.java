package org.greenvn.examples.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an HTTP run has seen so far: requests sent, responses by status, errors by kind with the
 * first message of each, latencies and created ids. A response counts toward rates and latency
 * only when its request was sent in the measured window (after the warm-up). Used by the one
 * thread of {@link HttpLoad}: not thread-safe.
 */
final class HttpRunTally {

  private final boolean expectsIds;
  private final LatencyRecorder latency = new LatencyRecorder();
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private final Map<String, String> errorSamples = new TreeMap<>();
  private final List<String> createdIds = new ArrayList<>();
  private long sent;
  private long measuredResponses;
  private long measuredOk;
  private long warmupResponses;

  /**
   * @param expectsIds whether a success must carry an allocation id (creates on the API, not on
   *     the floor)
   */
  HttpRunTally(boolean expectsIds) {
    this.expectsIds = expectsIds;
  }

  /** A request went out. */
  void sent() {
    sent++;
  }

  /**
   * A whole response came back.
   *
   * @param measured whether its request was sent in the measured window
   * @param greenvnId the id a create's body carried, or null
   * @return whether it was a success: 200, and an allocation id where one is expected
   */
  boolean response(boolean measured, int status, long latencyNanos, String greenvnId) {
    statuses.merge(status, 1L, Long::sum);
    boolean ok = status == 200;
    if (ok && expectsIds) {
      if (greenvnId == null) {
        error("no-id", "a 200 create response without a greenvn_id");
        ok = false;
      } else {
        createdIds.add(greenvnId);
      }
    }
    if (measured) {
      measuredResponses++;
      latency.record(latencyNanos);
      if (ok) {
        measuredOk++;
      }
    } else {
      warmupResponses++;
    }
    return ok;
  }

  /** A request failed without a response: {@code kind} such as {@code connect}, {@code io}. */
  void error(String errorKind, String sample) {
    errors.merge(errorKind, 1L, Long::sum);
    errorSamples.putIfAbsent(errorKind, sample);
  }

  long sentCount() {
    return sent;
  }

  long measuredResponses() {
    return measuredResponses;
  }

  long measuredOk() {
    return measuredOk;
  }

  long warmupResponses() {
    return warmupResponses;
  }

  LatencyRecorder latency() {
    return latency;
  }

  Map<Integer, Long> statuses() {
    return statuses;
  }

  Map<String, Long> errors() {
    return errors;
  }

  Map<String, String> errorSamples() {
    return errorSamples;
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Ids of every successful create, warm-up included, in the order their responses came. */
  List<String> createdIds() {
    return createdIds;
  }
}
