package org.greenvn.asterisk;

import java.time.Duration;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;
import org.asteriskjava.fastagi.command.AgiCommand;

/**
 * The commands the adapter sends, spelled exactly as the captured sessions show them (see
 * {@code fastagi-transcripts}): Asterisk-Java's own command classes quote and order arguments
 * differently from release to release, and the tests assert the wire.
 */
final class AgiCommands {

  private AgiCommands() {}

  static AgiCommand answer() {
    return raw("ANSWER");
  }

  static AgiCommand hangup() {
    return raw("HANGUP");
  }

  static AgiCommand channelStatus() {
    return raw("CHANNEL STATUS");
  }

  static AgiCommand streamFile(String sound) {
    return raw("STREAM FILE " + word(sound) + " \"\"");
  }

  static AgiCommand getData(String sound, Duration timeout, int maxDigits) {
    return raw("GET DATA " + word(sound) + " " + timeout.toMillis() + " " + maxDigits);
  }

  static AgiCommand setCallerId(String number) {
    return raw("SET CALLERID " + quote(number));
  }

  static AgiCommand setVariable(String name, String value) {
    return raw("SET VARIABLE " + word(name) + " " + quote(value));
  }

  static AgiCommand exec(String application, String data) {
    return raw("EXEC " + word(application) + " " + quote(data));
  }

  static AgiCommand getVariable(String name) {
    return raw("GET VARIABLE " + word(name));
  }

  static AgiCommand getFullVariable(String expression) {
    return raw("GET FULL VARIABLE " + quote(expression));
  }

  /** A bare word: Asterisk splits arguments on spaces, so none may hide in one. */
  private static String word(String s) {
    if (s.isEmpty() || s.indexOf(' ') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("Not a single AGI word: '" + s + "'");
    }
    return s;
  }

  /** A quoted argument, with the escapes Asterisk's AGI parser undoes. */
  static String quote(String s) {
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("An AGI argument cannot hold a line break");
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static AgiCommand raw(String text) {
    return new RawCommand(text);
  }

  /** A command sent as it is written. */
  private static final class RawCommand extends AbstractAgiCommand {
    private static final long serialVersionUID = 1L;
    private final String text;

    RawCommand(String text) {
      this.text = text;
    }

    @Override
    public String buildCommand() {
      return text;
    }
  }
}
