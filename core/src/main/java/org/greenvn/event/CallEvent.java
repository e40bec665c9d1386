package org.greenvn.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.greenvn.phone.PhoneNumber;

/**
 * A call through an allocation ended.
 *
 * @param tenantSid the tenant
 * @param occurredAt when the call ended ({@code current_time})
 * @param callSid the PBX's identifier of the call ({@code call_sid})
 * @param connectionId the allocation's {@code connection_id}
 * @param greenvnId the allocation's {@code greenvn_id}
 * @param greenvn the number dialled ({@code greenvn})
 * @param from the caller ({@code from}); empty for a withheld caller id
 * @param to the number called out ({@code to}); empty when nobody was dialled
 * @param startTime when the call arrived ({@code start_time})
 * @param dialCallStatus how the second leg ended ({@code dial_call_status})
 * @param callType how the whole call ended ({@code call_type})
 * @param dialCallDuration the second leg's length, ring time included ({@code dial_call_duration})
 * @param onCallDuration the conversation's length ({@code on_call_duration})
 * @param recordingUrl where the recording is ({@code recording_url}), if recorded
 * @param insights the call-insights block, if known
 * @param flowId the allocation's call flow (its {@code flow_id}, else the tenant's default flow);
 *     not in the JSON body, it picks the flow's webhook URL when the tenant sets one
 */
public record CallEvent(
    String tenantSid,
    Instant occurredAt,
    String callSid,
    String connectionId,
    String greenvnId,
    PhoneNumber greenvn,
    Optional<PhoneNumber> from,
    Optional<PhoneNumber> to,
    Instant startTime,
    DialCallStatus dialCallStatus,
    CallType callType,
    Duration dialCallDuration,
    Duration onCallDuration,
    Optional<String> recordingUrl,
    Optional<CallInsights> insights,
    String flowId)
    implements GreenVnEvent {

  /** Checks for nulls. */
  public CallEvent {
    Objects.requireNonNull(tenantSid, "tenantSid");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(callSid, "callSid");
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(greenvnId, "greenvnId");
    Objects.requireNonNull(greenvn, "greenvn");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(dialCallStatus, "dialCallStatus");
    Objects.requireNonNull(callType, "callType");
    Objects.requireNonNull(dialCallDuration, "dialCallDuration");
    Objects.requireNonNull(onCallDuration, "onCallDuration");
    Objects.requireNonNull(recordingUrl, "recordingUrl");
    Objects.requireNonNull(insights, "insights");
    Objects.requireNonNull(flowId, "flowId");
  }

  @Override
  public EventType type() {
    return EventType.CALL;
  }
}
