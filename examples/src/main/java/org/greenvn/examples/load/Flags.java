package org.greenvn.examples.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} and {@code --name=value} flags; {@code --switch} alone is a switch. */
final class Flags {

  private static final List<String> SWITCHES = List.of("help", "json-only", "floor");

  private final Map<String, List<String>> values;

  private Flags(Map<String, List<String>> values) {
    this.values = values;
  }

  static Flags parse(String[] args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new LoadOptionException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (SWITCHES.contains(name)) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new LoadOptionException("--" + name + " needs a value");
      }
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return new Flags(values);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The single value of a flag; given twice is an error. */
  Optional<String> value(String name) {
    List<String> given = values.get(name);
    if (given == null) {
      return Optional.empty();
    }
    if (given.size() > 1) {
      throw new LoadOptionException("--" + name + " given more than once");
    }
    return Optional.of(given.get(0));
  }

  List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** Rejects flags outside {@code known}, so a typo is not silently ignored. */
  Flags allowOnly(List<String> known) {
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw new LoadOptionException("unknown flag --" + name);
      }
    }
    return this;
  }

  int intValue(String name, String text) {
    try {
      return Integer.parseInt(text.trim().replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new LoadOptionException("--" + name + " '" + text + "' is not a whole number");
    }
  }

  long longValue(String name, String text) {
    try {
      return Long.parseLong(text.trim().replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new LoadOptionException("--" + name + " '" + text + "' is not a whole number");
    }
  }
}
