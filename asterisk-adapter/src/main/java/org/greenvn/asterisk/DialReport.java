package org.greenvn.asterisk;

import java.time.Duration;
import java.util.OptionalLong;
import org.greenvn.event.DialCallStatus;

/**
 * What Asterisk says after a Dial, read in one round trip ({@link #EXPRESSION}), and the real
 * durations made from it.
 *
 * <p>Why not {@code ANSWEREDTIME} as it is: Asterisk counts it from the answer of the caller's
 * own leg. When Dial answered that leg (no prompt before), it is the conversation; when the
 * script answered it first (a PIN prompt), it includes the prompt: 11.7 s for a 5.5 s
 * conversation in the captured {@code pin-prompt-correct} session. The second leg's length is
 * the time Dial ran, measured here; the conversation is then the answer mark when the dialplan
 * has one (the {@code U()} subroutine), else {@code ANSWEREDTIME} less the caller's up time before
 * Dial, which still holds the ringing.
 *
 * @param dialStatus {@code DIALSTATUS}
 * @param answeredTimeMs {@code ANSWEREDTIME_MS}, when set
 * @param hangupCause {@code HANGUPCAUSE}
 * @param hangupSource {@code CHANNEL(hangupsource)}: the channel that hung up, often empty
 * @param dialedPeerNumber {@code DIALEDPEERNUMBER}: the target that answered, after its tech
 * @param answerMarkTalkMs the conversation by the answer mark, when the dialplan has one
 */
record DialReport(
    String dialStatus,
    OptionalLong answeredTimeMs,
    String hangupCause,
    String hangupSource,
    String dialedPeerNumber,
    OptionalLong answerMarkTalkMs) {

  /** The variables read after Dial; the last two feed the answer mark. */
  static final String EXPRESSION =
      "${DIALSTATUS}|${ANSWEREDTIME_MS}|${HANGUPCAUSE}|${CHANNEL(hangupsource)}"
          + "|${DIALEDPEERNUMBER}|${SHARED(GREENVN_ANSWERED_AT)}|${STRFTIME(,,%s%3q)}";

  /** Reads the reply to {@code GET FULL VARIABLE} of {@link #EXPRESSION}. */
  static DialReport parse(AgiResult reply) {
    String[] f = reply.extra().split("\\|", -1);
    String status = field(f, 0);
    OptionalLong answered = number(field(f, 1));
    OptionalLong markAt = number(field(f, 5));
    OptionalLong now = number(field(f, 6));
    OptionalLong mark =
        markAt.isPresent() && now.isPresent() && now.getAsLong() >= markAt.getAsLong()
            ? OptionalLong.of(now.getAsLong() - markAt.getAsLong())
            : OptionalLong.empty();
    return new DialReport(status, answered, field(f, 2), field(f, 3), field(f, 4), mark);
  }

  private static String field(String[] fields, int i) {
    return i < fields.length ? fields[i].strip() : "";
  }

  private static OptionalLong number(String s) {
    try {
      return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The API's {@code dial_call_status} for a {@code DIALSTATUS}. */
  static DialCallStatus mapStatus(String dialStatus) {
    return switch (dialStatus) {
      case "ANSWER" -> DialCallStatus.COMPLETED;
      case "BUSY" -> DialCallStatus.BUSY;
      case "NOANSWER" -> DialCallStatus.NO_ANSWER;
      case "CANCEL" -> DialCallStatus.CANCELED;
      default -> DialCallStatus.FAILED; // CHANUNAVAIL, CONGESTION, DONTCALL, INVALIDARGS, ...
    };
  }

  boolean answered() {
    return "ANSWER".equals(dialStatus);
  }

  /**
   * The conversation's length.
   *
   * @param dialWall how long Dial ran, measured by the adapter
   * @param callerUpBeforeDial how long the caller's leg was up when Dial started; empty when Dial
   *     answered it
   */
  Duration talk(Duration dialWall, java.util.Optional<Duration> callerUpBeforeDial) {
    if (!answered()) {
      return Duration.ZERO;
    }
    long talkMs;
    if (answerMarkTalkMs.isPresent()) {
      talkMs = answerMarkTalkMs.getAsLong();
    } else if (answeredTimeMs.isEmpty()) {
      talkMs = dialWall.toMillis();
    } else if (callerUpBeforeDial.isEmpty()) {
      talkMs = answeredTimeMs.getAsLong();
    } else {
      talkMs = answeredTimeMs.getAsLong() - callerUpBeforeDial.get().toMillis();
    }
    return Duration.ofMillis(Math.max(0, Math.min(talkMs, dialWall.toMillis())));
  }
}
