package org.greenvn.examples.soak;

import java.io.Serializable;
/**
 * A call the soak played and the events it must have caused.
 *
 * @param callSid the call's {@code agi_uniqueid}, reported as {@code call_sid}
 * @param scenario the soak's name for what the call did
 * @param greenvnId the allocation its call event must name, or null when it has none
 * @param callStatus the call event's {@code dial_call_status}, or null when no call event is due
 * @param joinCaller the caller a successful verification event must name, or null when none is
 *     due
 * @param failedVerifications how many failed verification events must name the call
 * @param outOfAllocation whether one out-of-allocation event must name the call
 * @param certain false when the call raced its allocation's expiry or broke on the wire: then
 *     only "at most one of each event" is checked
 */
record ExpectedCall(
    String callSid,
    String scenario,
    String greenvnId,
    String callStatus,
    String joinCaller,
    int failedVerifications,
    boolean outOfAllocation,
    boolean certain) implements Serializable {}
