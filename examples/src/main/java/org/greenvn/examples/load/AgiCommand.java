package org.greenvn.examples.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One command line a FastAGI server sent, split the way Asterisk splits it: words separated by
 * blanks, double-quoted arguments with backslash escapes. The verb is the longest known command
 * name at the start ({@code GET FULL VARIABLE}); unknown commands keep their first word as verb.
 */
final class AgiCommand {

  /** Multi-word verbs first, so the longest name wins. */
  private static final String[][] VERBS = {
    {"GET", "FULL", "VARIABLE"},
    {"CONTROL", "STREAM", "FILE"},
    {"WAIT", "FOR", "DIGIT"},
    {"ASYNCAGI", "BREAK"},
    {"CHANNEL", "STATUS"},
    {"DATABASE", "DEL"},
    {"DATABASE", "DELTREE"},
    {"DATABASE", "GET"},
    {"DATABASE", "PUT"},
    {"GET", "DATA"},
    {"GET", "OPTION"},
    {"GET", "VARIABLE"},
    {"RECEIVE", "CHAR"},
    {"RECEIVE", "TEXT"},
    {"RECORD", "FILE"},
    {"SAY", "ALPHA"},
    {"SAY", "DIGITS"},
    {"SAY", "NUMBER"},
    {"SAY", "PHONETIC"},
    {"SAY", "DATE"},
    {"SAY", "TIME"},
    {"SAY", "DATETIME"},
    {"SEND", "IMAGE"},
    {"SEND", "TEXT"},
    {"SET", "AUTOHANGUP"},
    {"SET", "CALLERID"},
    {"SET", "CONTEXT"},
    {"SET", "EXTENSION"},
    {"SET", "MUSIC"},
    {"SET", "PRIORITY"},
    {"SET", "VARIABLE"},
    {"STREAM", "FILE"},
    {"TDD", "MODE"},
    {"ANSWER"},
    {"EXEC"},
    {"GOSUB"},
    {"HANGUP"},
    {"NOOP"},
    {"VERBOSE"},
  };

  private final String verb;
  private final boolean known;
  private final List<String> args;

  private AgiCommand(String verb, boolean known, List<String> args) {
    this.verb = verb;
    this.known = known;
    this.args = args;
  }

  static AgiCommand parse(String line) {
    List<String> words = split(line);
    if (words.isEmpty()) {
      return new AgiCommand("", false, List.of());
    }
    for (String[] candidate : VERBS) {
      if (startsWith(words, candidate)) {
        List<String> rest = words.subList(candidate.length, words.size());
        return new AgiCommand(
            String.join(" ", candidate), true, Collections.unmodifiableList(new ArrayList<>(rest)));
      }
    }
    return new AgiCommand(
        words.get(0).toUpperCase(Locale.ROOT), false, List.copyOf(words.subList(1, words.size())));
  }

  private static boolean startsWith(List<String> words, String[] verb) {
    if (words.size() < verb.length) {
      return false;
    }
    for (int i = 0; i < verb.length; i++) {
      if (!words.get(i).equalsIgnoreCase(verb[i])) {
        return false;
      }
    }
    return true;
  }

  /** Asterisk's argument splitting: blanks separate, quotes group, backslash escapes. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if ((c == ' ' || c == '\t') && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** The command name in upper case, e.g. {@code GET VARIABLE} or {@code EXEC}. */
  String verb() {
    return verb;
  }

  /** Whether {@link #verb()} is one of Asterisk's AGI commands. */
  boolean known() {
    return known;
  }

  List<String> args() {
    return args;
  }

  String arg(int index) {
    return index < args.size() ? args.get(index) : "";
  }

  /** Whether this is {@code EXEC <application>}, application compared case-insensitively. */
  boolean isExecOf(String application) {
    return verb.equals("EXEC") && arg(0).equalsIgnoreCase(application);
  }

  @Override
  public String toString() {
    return verb + " " + args;
  }
}
