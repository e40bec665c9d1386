package org.greenvn.asterisk.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code agi_*} block a FastAGI session opens with, in the order and spelling Asterisk 22
 * sends it (see {@code fastagi-transcripts}): every key, empty values kept ({@code agi_accountcode:
 * }), {@code unknown} for an unset rdnis, {@code agi_arg_n} last, an empty line at the end.
 *
 * <pre>{@code
 * AgiEnvironment env = AgiEnvironment.builder()
 *     .callerId("919876543210").dnid("+914048212136").uniqueId("1795881501.1").build();
 * }</pre>
 */
public final class AgiEnvironment {

  private final List<String[]> entries;

  private AgiEnvironment(List<String[]> entries) {
    this.entries = entries;
  }

  /** A builder with the values of the captured sessions. */
  public static Builder builder() {
    return new Builder();
  }

  /** The value of a key such as {@code agi_callerid}, if present. */
  public Optional<String> get(String key) {
    return entries.stream().filter(e -> e[0].equals(key)).map(e -> e[1]).findFirst();
  }

  /** The block as sent on the wire: {@code key: value\n} lines and an empty line. */
  public String toWire() {
    StringBuilder out = new StringBuilder(640);
    for (String[] e : entries) {
      out.append(e[0]).append(": ").append(e[1]).append('\n');
    }
    return out.append('\n').toString();
  }

  @Override
  public String toString() {
    return toWire();
  }

  /** Builds an {@link AgiEnvironment}. */
  public static final class Builder {
    private String script = "greenvn";
    private String query = "";
    private String host = "127.0.0.1:4573";
    private String channel;
    private String type = "Local";
    private String uniqueId = "1795881501.1";
    private String callerId = "919876543210";
    private String callerIdName;
    private String dnid = "+914048212136";
    private String context = "vn-inbound";
    private String extension;
    private String priority = "2";
    private Optional<String> linkedId = Optional.empty();
    private final List<String> args = new ArrayList<>();

    private Builder() {}

    /** The AGI URL path ({@code agi_network_script}); {@code greenvn} unless set. */
    public Builder script(String script) {
      this.script = Objects.requireNonNull(script, "script");
      return this;
    }

    /** A query string for {@code agi_request}, e.g. {@code vn=+914048212136} (no '?'). */
    public Builder query(String query) {
      this.query = Objects.requireNonNull(query, "query");
      return this;
    }

    /** The host:port in {@code agi_request}. */
    public Builder host(String hostAndPort) {
      this.host = Objects.requireNonNull(hostAndPort, "hostAndPort");
      return this;
    }

    /** {@code agi_channel}; by default a Local channel named after the caller and the VN. */
    public Builder channel(String channel) {
      this.channel = Objects.requireNonNull(channel, "channel");
      return this;
    }

    /** {@code agi_type}; {@code Local} unless set. */
    public Builder type(String type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** {@code agi_uniqueid}. */
    public Builder uniqueId(String uniqueId) {
      this.uniqueId = Objects.requireNonNull(uniqueId, "uniqueId");
      return this;
    }

    /** {@code agi_linkedid}, which only some setups send (e.g. through a custom AGI). */
    public Builder linkedId(String linkedId) {
      this.linkedId = Optional.of(linkedId);
      return this;
    }

    /** {@code agi_callerid} (and the name, unless set): {@code unknown} when withheld. */
    public Builder callerId(String callerId) {
      this.callerId = Objects.requireNonNull(callerId, "callerId");
      return this;
    }

    /** {@code agi_calleridname}. */
    public Builder callerIdName(String name) {
      this.callerIdName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** {@code agi_dnid} (and the extension, unless set). */
    public Builder dnid(String dnid) {
      this.dnid = Objects.requireNonNull(dnid, "dnid");
      return this;
    }

    /** {@code agi_context}. */
    public Builder context(String context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    /** {@code agi_extension}. */
    public Builder extension(String extension) {
      this.extension = Objects.requireNonNull(extension, "extension");
      return this;
    }

    /** {@code agi_priority}. */
    public Builder priority(String priority) {
      this.priority = Objects.requireNonNull(priority, "priority");
      return this;
    }

    /** Adds {@code agi_arg_n}: the arguments after the URL in {@code AGI(url,arg1,...)}. */
    public Builder arg(String value) {
      args.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The environment. */
    public AgiEnvironment build() {
      String ext = extension != null ? extension : dnid;
      String chan =
          channel != null ? channel : "Local/" + callerId + "*" + ext + "@caller-sim-00000001;2";
      List<String[]> e = new ArrayList<>();
      add(e, "agi_network", "yes");
      add(e, "agi_network_script", script);
      add(e, "agi_request",
          "agi://" + host + "/" + script + (query.isEmpty() ? "" : "?" + query));
      add(e, "agi_channel", chan);
      add(e, "agi_language", "en");
      add(e, "agi_type", type);
      add(e, "agi_uniqueid", uniqueId);
      linkedId.ifPresent(l -> add(e, "agi_linkedid", l));
      add(e, "agi_version", "22.10.1");
      add(e, "agi_callerid", callerId);
      add(e, "agi_calleridname", callerIdName != null ? callerIdName : callerId);
      add(e, "agi_callingpres", "0");
      add(e, "agi_callingani2", "0");
      add(e, "agi_callington", "0");
      add(e, "agi_callingtns", "0");
      add(e, "agi_dnid", dnid);
      add(e, "agi_rdnis", "unknown");
      add(e, "agi_context", context);
      add(e, "agi_extension", ext);
      add(e, "agi_priority", priority);
      add(e, "agi_enhanced", "0.0");
      add(e, "agi_accountcode", "");
      add(e, "agi_threadid", "140520088454848");
      for (int i = 0; i < args.size(); i++) {
        add(e, "agi_arg_" + (i + 1), args.get(i));
      }
      return new AgiEnvironment(List.copyOf(e));
    }

    private static void add(List<String[]> e, String key, String value) {
      if (value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(key + " cannot hold a line break");
      }
      e.add(new String[] {key, value});
    }
  }
}
