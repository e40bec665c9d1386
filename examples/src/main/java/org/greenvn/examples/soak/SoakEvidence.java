package org.greenvn.examples.soak;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything the soak gathered, for {@link SoakChecker}: what was acknowledged and played, what
 * the receiver got, what the server shows and stores, and the JVM's resources.
 *
 * @param allocations every acknowledged allocation with where it must end
 * @param calls every call played with the events it must cause
 * @param deliveries every webhook the receiver accepted, one per webhook id
 * @param apiReads the allocations read back over the API after the drain, by id
 * @param storedActive the active allocations in the SQLite file after the server stopped
 * @param metricsBacklog {@code greenvn_webhook_backlog} from {@code /metrics} after the drain
 * @param storedOutboxRows webhook rows left in the SQLite file after the server stopped
 * @param undeliveredWebhookIds ids the receiver refused and never saw again with a 2xx
 * @param badSignatures requests whose signature did not verify
 * @param operationalErrors what broke on the way (5xx, timeouts, unexpected answers, broken
 *     calls), each already a violation
 */
record SoakEvidence(
    List<ExpectedAllocation> allocations,
    List<ExpectedCall> calls,
    List<Delivery> deliveries,
    Map<String, ObservedAllocation> apiReads,
    List<ObservedAllocation> storedActive,
    long metricsBacklog,
    long storedOutboxRows,
    List<String> undeliveredWebhookIds,
    int badSignatures,
    List<String> operationalErrors) implements Serializable {}
