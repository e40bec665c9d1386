package org.greenvn.asterisk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * The caller's channel as the scripts use it. It adds what Asterisk-Java leaves out: whether the
 * caller is gone (the {@code HANGUP} notice, a {@code 511}, a {@code -1} that a probe confirms),
 * the difference between a dead channel (commands still allowed) and a dead socket, reply timeouts
 * that fit the command, and a missing prompt that never costs the caller the call.
 */
final class CallChannel {

  private final String name;
  private final AgiConnection connection;
  private final Clock clock;
  private final Duration longReplyTimeout;
  private final String fallbackPrompt;
  private boolean deadChannelSeen;
  private Instant answeredAt;
  private Instant sentAt;

  CallChannel(
      String name,
      AgiConnection connection,
      Clock clock,
      Duration longReplyTimeout,
      String fallbackPrompt) {
    this.name = name;
    this.connection = connection;
    this.clock = clock;
    this.longReplyTimeout = longReplyTimeout;
    this.fallbackPrompt = fallbackPrompt;
  }

  /** Whether the caller has hung up, as far as Asterisk has told. */
  boolean callerGone() {
    return deadChannelSeen || connection.hangupNoticed();
  }

  /** When this script answered the channel, if it did. */
  Optional<Instant> answeredAt() {
    return Optional.ofNullable(answeredAt);
  }

  /** Answers the channel unless this script already did. */
  void answer() {
    if (answeredAt == null && !callerGone()) {
      AgiResult reply = send(AgiCommands.answer(), true);
      if (!reply.deadChannel()) {
        // Asterisk answers at once and then waits up to 0.5 s for media before replying;
        // the channel's up time (ANSWEREDTIME) counts from the command, not the reply.
        answeredAt = sentAt;
      }
    }
  }

  /**
   * Plays a sound. A missing file ({@code result=-1}) is skipped: the call goes on without it.
   */
  void play(String sound) {
    if (!callerGone()) {
      send(AgiCommands.streamFile(sound), true);
    }
  }

  /**
   * Plays {@code sound} and collects up to {@code maxDigits} digits.
   *
   * @return the digits keyed (possibly none); empty when the caller hung up
   */
  Optional<String> collectDigits(String sound, Duration timeout, int maxDigits) {
    if (callerGone()) {
      return Optional.empty();
    }
    AgiResult reply = send(AgiCommands.getData(sound, timeout, maxDigits), true);
    if (reply.deadChannel()) {
      return Optional.empty();
    }
    if (!"-1".equals(reply.result())) {
      return Optional.of(reply.result());
    }
    // -1 is a hang-up, or a prompt whose file is missing; only a probe tells which.
    if (!callerStillThere()) {
      return Optional.empty();
    }
    if (sound.equals(fallbackPrompt)) {
      return Optional.of("");
    }
    return collectDigits(fallbackPrompt, timeout, maxDigits);
  }

  private boolean callerStillThere() {
    if (callerGone()) {
      return false;
    }
    AgiResult status = send(AgiCommands.channelStatus(), false);
    return !status.deadChannel() && !callerGone();
  }

  /** Sets a channel variable. */
  void setVariable(String name, String value) {
    send(AgiCommands.setVariable(name, value), false);
  }

  /** Hangs the caller up unless it is gone already. */
  void hangup() {
    if (!callerGone() && !connection.peerGone()) {
      send(AgiCommands.hangup(), false);
    }
  }

  /**
   * Sends a command and reads its reply.
   *
   * @param longReply whether the reply waits for the call to move on (media, Dial)
   * @throws PeerGoneException if the socket closed, timed out or carried garbage
   */
  AgiResult send(AgiCommand command, boolean longReply) {
    if (longReply) {
      connection.awaitLongReply(longReplyTimeout);
    }
    sentAt = clock.instant();
    try {
      connection.writer().sendCommand(command);
      AgiReply reply = connection.reader().readReply();
      AgiResult result = AgiResult.parse(reply.getFirstLine());
      if (result.deadChannel()) {
        deadChannelSeen = true;
      }
      return result;
    } catch (AgiException e) {
      // The reader throws only when the socket is gone (end of stream, timeout, I/O error).
      throw new PeerGoneException("The FastAGI connection ended: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Asterisk-Java throws unchecked exceptions on replies it cannot parse: garbage.
      throw new PeerGoneException("The FastAGI peer sent a malformed reply", e);
    } finally {
      if (longReply) {
        connection.awaitShortReply();
      }
    }
  }

  /** The adapter's clock. */
  Clock clock() {
    return clock;
  }

  /** The caller's channel name. */
  String name() {
    return name;
  }
}
