package org.greenvn.asterisk;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the adapter dials and records the calls of one flow: what Asterisk needs that the engine's
 * {@link org.greenvn.tenant.Flow} does not know about (trunk names, spool paths, URLs).
 *
 * <p>Placeholders: the dial template takes {@code {number}} (E.164 digits without '+') and
 * {@code {e164}} (with '+'); the recording templates take {@code {call_sid}}, {@code {greenvn}}
 * (digits), {@code {greenvn_id}}, {@code {connection_id}} and {@code {flow_id}}. An unknown
 * placeholder is refused when the settings are made.
 *
 * @param dialTemplate one target's dial string, e.g. {@code PJSIP/{number}@carrier}
 * @param recordingFileTemplate MixMonitor's file, e.g.
 *     {@code /var/spool/asterisk/monitor/{call_sid}.wav}; used when the flow records
 * @param recordingUrlTemplate the {@code recording_url} reported, e.g.
 *     {@code https://rec.example.com/{call_sid}.wav}
 */
public record FlowSettings(
    String dialTemplate,
    Optional<String> recordingFileTemplate,
    Optional<String> recordingUrlTemplate) {

  static final Set<String> DIAL_NAMES = Set.of("number", "e164");
  static final Set<String> RECORDING_NAMES =
      Set.of("call_sid", "greenvn", "greenvn_id", "connection_id", "flow_id");

  /** Checks the templates. */
  public FlowSettings {
    Template dial = Template.parse(dialTemplate, DIAL_NAMES, "dialTemplate");
    if (!dialTemplate.contains("{number}") && !dialTemplate.contains("{e164}")) {
      throw new IllegalArgumentException(
          "dialTemplate must place the number with {number} or {e164}: " + dial);
    }
    if (dialTemplate.contains("&") || dialTemplate.contains(",")) {
      throw new IllegalArgumentException(
          "dialTemplate is one target; '&' and ',' are added by the adapter: " + dialTemplate);
    }
    Objects.requireNonNull(recordingFileTemplate, "recordingFileTemplate");
    Objects.requireNonNull(recordingUrlTemplate, "recordingUrlTemplate");
    recordingFileTemplate.ifPresent(
        t -> Template.parse(t, RECORDING_NAMES, "recordingFileTemplate"));
    recordingUrlTemplate.ifPresent(t -> Template.parse(t, RECORDING_NAMES, "recordingUrlTemplate"));
    if (recordingUrlTemplate.isPresent() && recordingFileTemplate.isEmpty()) {
      throw new IllegalArgumentException("A recording URL needs a recording file template");
    }
  }

  /** Settings that dial with this template and record nothing. */
  public static FlowSettings dialing(String dialTemplate) {
    return new FlowSettings(dialTemplate, Optional.empty(), Optional.empty());
  }

  /** These settings, recording into {@code fileTemplate} and reporting {@code urlTemplate}. */
  public FlowSettings withRecording(String fileTemplate, String urlTemplate) {
    return new FlowSettings(dialTemplate, Optional.of(fileTemplate), Optional.of(urlTemplate));
  }

  String dialTarget(String e164) {
    return Template.parse(dialTemplate, DIAL_NAMES, "dialTemplate")
        .render(Map.of("number", e164.substring(1), "e164", e164));
  }

  Optional<String> recordingFile(Map<String, String> values) {
    return recordingFileTemplate.map(
        t -> Template.parse(t, RECORDING_NAMES, "recordingFileTemplate").render(values));
  }

  Optional<String> recordingUrl(Map<String, String> values) {
    return recordingUrlTemplate.map(
        t -> Template.parse(t, RECORDING_NAMES, "recordingUrlTemplate").render(values));
  }
}
