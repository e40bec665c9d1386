package org.greenvn.examples.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a load run is shaped: the loopback target, how many calls at once, the count and time
 * bounds, the scenario mix and the allocations to call. Immutable; built with {@link #builder()}.
 */
public final class LoadOptions {

  private final InetAddress address;
  private final String host;
  private final int port;
  private final String scriptPath;
  private final boolean dialplanDriven;
  private final String outcomeScriptPath;
  private final int concurrency;
  private final long maxSessions;
  private final Duration duration;
  private final Duration ramp;
  private final Duration hold;
  private final Duration readTimeout;
  private final Duration connectTimeout;
  private final ScenarioMix mix;
  private final List<Allocation> allocations;
  private final DeadChannelReplies deadChannelReplies;

  private LoadOptions(Builder builder) {
    this.host = builder.host;
    this.address = Loopback.require(builder.host);
    if (builder.port < 1 || builder.port > 65_535) {
      throw new LoadOptionException("port " + builder.port + " is not 1..65535");
    }
    this.port = builder.port;
    this.dialplanDriven = builder.dialplanDriven;
    this.scriptPath =
        path(
            "script",
            builder.scriptPath != null
                ? builder.scriptPath
                : dialplanDriven ? "greenvn-decide" : "greenvn");
    this.outcomeScriptPath = path("outcome-script", builder.outcomeScriptPath);
    if (builder.concurrency < 1 || builder.concurrency > 100_000) {
      throw new LoadOptionException("concurrency " + builder.concurrency + " is not 1..100000");
    }
    this.concurrency = builder.concurrency;
    if (builder.maxSessions < 1) {
      throw new LoadOptionException("sessions " + builder.maxSessions + " must be at least 1");
    }
    this.maxSessions = builder.maxSessions;
    this.duration = positive("duration", builder.duration);
    this.ramp = builder.ramp;
    this.hold = builder.hold;
    this.readTimeout = positive("read-timeout", builder.readTimeout);
    this.connectTimeout = positive("connect-timeout", builder.connectTimeout);
    this.mix = builder.mix;
    this.allocations =
        builder.allocations.isEmpty()
            ? List.of(Allocation.TRANSCRIPT_DEFAULT)
            : List.copyOf(builder.allocations);
    this.deadChannelReplies = builder.deadChannelReplies;
  }

  private static String path(String option, String path) {
    if (!path.matches("[A-Za-z0-9_./-]*")) {
      throw new LoadOptionException(option + " '" + path + "' has characters beyond"
          + " letters, digits, '_', '.', '/', '-'");
    }
    return path;
  }

  private static Duration positive(String option, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new LoadOptionException(option + " must be positive, got " + value);
    }
    return value;
  }

  /** A builder with the defaults: 127.0.0.1:4573/greenvn, 64 at once, 20 s, 1,000,000 calls. */
  public static Builder builder() {
    return new Builder();
  }

  InetAddress address() {
    return address;
  }

  /** The target host as given (a loopback literal). */
  public String host() {
    return host;
  }

  /** The target port. */
  public int port() {
    return port;
  }

  /**
   * The AGI URL Asterisk would report, e.g. {@code agi://127.0.0.1:4573/greenvn}; in
   * dialplan-driven mode, the decide script's.
   */
  public String requestUrl() {
    return url(scriptPath);
  }

  /** The outcome script's URL (dialplan-driven mode), e.g. {@code .../greenvn-outcome}. */
  public String outcomeUrl() {
    return url(outcomeScriptPath);
  }

  private String url(String path) {
    String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "agi://" + literal + ":" + port + "/" + path;
  }

  /**
   * Whether calls are dialplan-driven: a decide script, Dial by the dialplan, then an outcome
   * script from the hangup handler (else one script-driven AGI per call).
   */
  public boolean dialplanDriven() {
    return dialplanDriven;
  }

  /** Calls in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** The count bound: no more calls than this are started. */
  public long maxSessions() {
    return maxSessions;
  }

  /** The time bound: no call starts after this; calls in flight get the read timeout to end. */
  public Duration duration() {
    return duration;
  }

  /** Over how long the concurrent callers start (0: all at once). */
  public Duration ramp() {
    return ramp;
  }

  /** How long each Dial runs before Asterisk answers it (ringing or conversation). */
  public Duration hold() {
    return hold;
  }

  /** The longest silence from the server a call tolerates before it counts as a timeout. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * How long a connect may take before the call fails: 2 s by default, Asterisk's own limit
   * ({@code MAX_AGI_CONNECT} in res_agi.c), after which it fails the AGI.
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The scenario mix. */
  public ScenarioMix mix() {
    return mix;
  }

  /** The allocations called, in turn. */
  public List<Allocation> allocations() {
    return allocations;
  }

  /** What the simulated Asterisk answers after a hang-up. */
  public DeadChannelReplies deadChannelReplies() {
    return deadChannelReplies;
  }

  /** Collects options; {@link #build()} validates them all (ramp and hold when set). */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 4573;
    private String scriptPath;
    private boolean dialplanDriven;
    private String outcomeScriptPath = "greenvn-outcome";
    private int concurrency = 64;
    private long maxSessions = 1_000_000;
    private Duration duration = Duration.ofSeconds(20);
    private Duration ramp = Duration.ZERO;
    private Duration hold = Duration.ZERO;
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private ScenarioMix mix = ScenarioMix.only(ScenarioKind.BRIDGED);
    private final List<Allocation> allocations = new ArrayList<>();
    private DeadChannelReplies deadChannelReplies = DeadChannelReplies.REALISTIC;

    private Builder() {}

    /** The target: {@code 127.0.0.1} or {@code ::1}; anything else is refused on build. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The target port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The AGI URL path ({@code greenvn} in {@code agi://host:port/greenvn}); in dialplan-driven
     * mode the decide script's, {@code greenvn-decide} unless set.
     */
    public Builder scriptPath(String scriptPath) {
      this.scriptPath = scriptPath;
      return this;
    }

    /** Plays dialplan-driven calls (decide, the dialplan's Dial, outcome); script-driven if not. */
    public Builder dialplanDriven(boolean dialplanDriven) {
      this.dialplanDriven = dialplanDriven;
      return this;
    }

    /** The outcome script's path in dialplan-driven mode; {@code greenvn-outcome} unless set. */
    public Builder outcomeScriptPath(String outcomeScriptPath) {
      this.outcomeScriptPath = outcomeScriptPath;
      return this;
    }

    /** Calls in flight at once. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** The count bound. */
    public Builder maxSessions(long maxSessions) {
      this.maxSessions = maxSessions;
      return this;
    }

    /** The time bound. */
    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    /** Over how long the concurrent callers start. */
    public Builder ramp(Duration ramp) {
      this.ramp = nonNegative("ramp", ramp);
      return this;
    }

    /** How long each Dial runs. */
    public Builder hold(Duration hold) {
      this.hold = nonNegative("hold", hold);
      return this;
    }

    /** The longest server silence a call tolerates. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    /** How long a connect may take (default 2 s, as Asterisk). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** The scenario mix. */
    public Builder mix(ScenarioMix mix) {
      this.mix = mix;
      return this;
    }

    /** Adds an allocation to call (in turn with the others). */
    public Builder addAllocation(Allocation allocation) {
      this.allocations.add(allocation);
      return this;
    }

    /** What a dead channel answers. */
    public Builder deadChannelReplies(DeadChannelReplies deadChannelReplies) {
      this.deadChannelReplies = deadChannelReplies;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws LoadOptionException naming the first bad option (a non-loopback host first)
     */
    public LoadOptions build() {
      return new LoadOptions(this);
    }

    private static Duration nonNegative(String option, Duration value) {
      if (value.isNegative()) {
        throw new LoadOptionException(option + " must not be negative");
      }
      return value;
    }
  }
}
