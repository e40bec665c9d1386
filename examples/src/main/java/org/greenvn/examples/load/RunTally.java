package org.greenvn.examples.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Collects session outcomes from many threads; read once the run is over. */
final class RunTally {

  private final Map<ScenarioKind, long[]> byScenario = new EnumMap<>(ScenarioKind.class);
  private final Map<String, Long> errors = new TreeMap<>();
  private final Map<String, String> errorSamples = new TreeMap<>();
  private final LatencyRecorder setupLatency = new LatencyRecorder();

  private static final int STARTED = 0;
  private static final int COMPLETED = 1;
  private static final int ROUND_TRIPS = 2;
  private static final int MIN = 3;
  private static final int MAX = 4;
  private static final int DEAD = 5;
  private static final int ERRORS = 6;

  synchronized void started(ScenarioKind scenario) {
    row(scenario)[STARTED]++;
  }

  void finished(SessionOutcome outcome) {
    if (outcome.setupNanos() >= 0) {
      setupLatency.record(outcome.setupNanos());
    }
    synchronized (this) {
      long[] row = row(outcome.scenario());
      if (outcome.completed()) {
        row[COMPLETED]++;
        row[ROUND_TRIPS] += outcome.roundTrips();
        row[MIN] = Math.min(row[MIN], outcome.roundTrips());
        row[MAX] = Math.max(row[MAX], outcome.roundTrips());
        row[DEAD] += outcome.deadReplies();
      } else {
        row[ERRORS]++;
        errors.merge(outcome.error(), 1L, Long::sum);
        errorSamples.putIfAbsent(outcome.error(), String.valueOf(outcome.detail()));
      }
    }
  }

  private long[] row(ScenarioKind scenario) {
    return byScenario.computeIfAbsent(
        scenario, s -> new long[] {0, 0, 0, Integer.MAX_VALUE, 0, 0, 0});
  }

  synchronized Map<ScenarioKind, ScenarioStats> scenarios() {
    Map<ScenarioKind, ScenarioStats> stats = new EnumMap<>(ScenarioKind.class);
    byScenario.forEach(
        (scenario, row) ->
            stats.put(
                scenario,
                new ScenarioStats(
                    scenario,
                    row[STARTED],
                    row[COMPLETED],
                    row[ROUND_TRIPS],
                    row[COMPLETED] == 0 ? 0 : (int) row[MIN],
                    (int) row[MAX],
                    row[DEAD],
                    row[ERRORS])));
    return stats;
  }

  synchronized Map<String, Long> errors() {
    return new TreeMap<>(errors);
  }

  /** The first detail seen for each kind of error. */
  synchronized Map<String, String> errorSamples() {
    return new TreeMap<>(errorSamples);
  }

  LatencyRecorder setupLatency() {
    return setupLatency;
  }
}
