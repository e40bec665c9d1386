package org.greenvn.asterisk;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.asteriskjava.fastagi.AgiRequest;

/**
 * What the {@code agi_*} environment block says about a call: its id, the caller id (empty when
 * withheld) and the dialled number.
 *
 * @param callSid {@code agi_linkedid} when Asterisk sends one (it names the whole call across
 *     Local channels and transfers), else {@code agi_uniqueid}
 * @param channel {@code agi_channel}, the caller's channel name
 * @param callerId the caller's number as delivered; empty for unknown, anonymous or withheld
 * @param dialledNumber the number dialled, read where the settings say
 * @param arguments the AGI arguments, {@code agi_arg_1} first
 */
record CallRequest(
    String callSid,
    String channel,
    String callerId,
    String dialledNumber,
    java.util.List<String> arguments) {

  private static final Set<String> WITHHELD =
      Set.of("", "unknown", "anonymous", "private", "restricted", "withheld", "unavailable");

  /** Reads a request; empty when it lacks a unique id, which no real Asterisk omits. */
  static Optional<CallRequest> read(AgiRequest request, DialledNumberSource source) {
    return read(request.getRequest(), source);
  }

  /** Reads the environment as Asterisk-Java keeps it: keys without {@code agi_}. */
  static Optional<CallRequest> read(Map<String, String> env, DialledNumberSource source) {
    String uniqueId = value(env, "uniqueid");
    if (uniqueId.isEmpty()) {
      return Optional.empty();
    }
    String linkedId = value(env, "linkedid");
    java.util.List<String> args = new java.util.ArrayList<>();
    for (int i = 1; env.containsKey("arg_" + i); i++) {
      args.add(value(env, "arg_" + i));
    }
    String dialled =
        switch (source) {
          case DNID -> value(env, "dnid");
          case EXTENSION -> value(env, "extension");
          case ARGUMENT -> args.isEmpty() ? urlParameter(value(env, "request"), "vn") : args.get(0);
        };
    if ("unknown".equalsIgnoreCase(dialled)) {
      dialled = "";
    }
    String caller = value(env, "callerid");
    if (WITHHELD.contains(caller.toLowerCase(Locale.ROOT))) {
      caller = "";
    }
    return Optional.of(
        new CallRequest(
            linkedId.isEmpty() ? uniqueId : linkedId,
            value(env, "channel"),
            caller,
            dialled,
            java.util.List.copyOf(args)));
  }

  /** A parameter of {@code agi://host/path?name=value}, as Asterisk sends it (not encoded). */
  private static String urlParameter(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return "";
    }
    for (String pair : url.substring(query + 1).split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return "";
  }

  private static String value(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null ? "" : v.strip();
  }
}
