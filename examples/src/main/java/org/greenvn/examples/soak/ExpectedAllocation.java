package org.greenvn.examples.soak;

import java.io.Serializable;
/**
 * An allocation the server acknowledged, as the ledger says it must end.
 *
 * @param greenvnId its id
 * @param connectionId its connection id
 * @param parties its last acknowledged VN and parties, with the callers that joined by PIN
 * @param end where it must be
 * @param certain false when one of its operations got no answer (a timeout): then only the
 *     checks that hold whatever that operation did are made
 */
record ExpectedAllocation(
    String greenvnId, String connectionId, Parties parties, EndState end, boolean certain)
    implements Serializable {}
