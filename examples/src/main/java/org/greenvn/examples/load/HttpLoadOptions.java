package org.greenvn.examples.load;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How an HTTP load run is shaped: the loopback target, the tenant and its credentials, what each
 * request does, how many connections at once, and the count and time bounds. Immutable; built
 * with {@link #builder()} or {@link #parse(String[])}. The API token never appears in {@link
 * #toString()}.
 */
public final class HttpLoadOptions {

  /**
   * Each run's creates take the party numbers {@code firstIndex} to {@code firstIndex +
   * maxRequests - 1} of a space this large: A parties are {@code +919} and B parties {@code +918}
   * followed by 9 digits.
   */
  static final long PARTY_SPACE = 1_000_000_000L;

  private static final long MAX_REQUESTS_BOUND = 50_000_000L;
  private static final Duration MAX_DURATION = Duration.ofMinutes(30);
  private static final List<String> FLAGS =
      List.of(
          "host", "port", "kind", "tenant", "api-key", "api-token", "connections", "duration",
          "warmup", "max-requests", "first-index", "run-tag", "ids", "ids-out", "read-timeout",
          "connect-timeout", "floor", "json-only", "help");

  private final String host;
  private final InetAddress address;
  private final int port;
  private final HttpRequestKind kind;
  private final String tenant;
  private final String apiKey;
  private final String apiToken;
  private final int connections;
  private final Duration duration;
  private final Duration warmup;
  private final long maxRequests;
  private final long firstIndex;
  private final String runTag;
  private final List<String> ids;
  private final Duration readTimeout;
  private final Duration connectTimeout;
  private final boolean floor;

  private HttpLoadOptions(Builder b) {
    this.host = b.host;
    this.address = Loopback.require(b.host);
    if (b.port < 1 || b.port > 65_535) {
      throw new LoadOptionException("--port " + b.port + " is not 1..65535");
    }
    this.port = b.port;
    this.kind = b.kind;
    this.tenant = token("tenant", b.tenant, "[A-Za-z0-9_-]{1,64}");
    this.apiKey = token("api-key", b.apiKey, "[!-9;-~]{1,255}");
    if (b.apiToken == null || b.apiToken.isEmpty() || !b.apiToken.matches("[ -~]{1,255}")) {
      throw new LoadOptionException("--api-token must be 1 to 255 printable ASCII characters");
    }
    this.apiToken = b.apiToken;
    if (b.connections < 1 || b.connections > 10_000) {
      throw new LoadOptionException("--connections " + b.connections + " is not 1..10000");
    }
    this.connections = b.connections;
    this.duration = bounded("duration", b.duration, false);
    this.warmup = bounded("warmup", b.warmup, true);
    if (b.maxRequests < 1 || b.maxRequests > MAX_REQUESTS_BOUND) {
      throw new LoadOptionException(
          "--max-requests " + b.maxRequests + " is not 1.." + MAX_REQUESTS_BOUND);
    }
    this.maxRequests = b.maxRequests;
    if (b.firstIndex < 0 || b.firstIndex + b.maxRequests > PARTY_SPACE) {
      throw new LoadOptionException(
          "--first-index " + b.firstIndex + " plus --max-requests " + b.maxRequests
              + " must stay within " + PARTY_SPACE + " party numbers");
    }
    this.firstIndex = b.firstIndex;
    this.runTag = token("run-tag", b.runTag, "[A-Za-z0-9_.-]{1,40}");
    this.ids = List.copyOf(b.ids);
    for (String id : ids) {
      token("ids", id, "[A-Za-z0-9_.-]{1,128}");
    }
    if (kind == HttpRequestKind.GET && ids.isEmpty()) {
      throw new LoadOptionException("--kind get needs allocation ids (--ids FILE)");
    }
    this.readTimeout = bounded("read-timeout", b.readTimeout, false);
    this.connectTimeout = bounded("connect-timeout", b.connectTimeout, false);
    this.floor = b.floor;
  }

  private static String token(String option, String value, String pattern) {
    if (value == null || !value.matches(pattern)) {
      throw new LoadOptionException("--" + option + " '" + value + "' must match " + pattern);
    }
    return value;
  }

  private static Duration bounded(String option, Duration value, boolean zeroAllowed) {
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new LoadOptionException("--" + option + " must be positive, got " + value);
    }
    if (value.compareTo(MAX_DURATION) > 0) {
      throw new LoadOptionException("--" + option + " must be at most 30 minutes");
    }
    return value;
  }

  /** A builder with the defaults: 127.0.0.1:8080, creates for tenant demo, 64 connections, 10 s. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The options of the command line: {@code --port}, {@code --kind create|get}, {@code
   * --connections}, {@code --duration}, ... (see {@link #usage()}); {@code --ids FILE} reads one
   * allocation id a line. {@code --help} and {@code --json-only} are read by {@link HttpLoad}.
   *
   * @throws LoadOptionException for an unknown flag or a value out of bounds
   */
  public static HttpLoadOptions parse(String[] args) {
    Flags flags = Flags.parse(args).allowOnly(FLAGS);
    Builder b = builder();
    flags.value("host").ifPresent(b::host);
    flags.value("port").ifPresent(v -> b.port(flags.intValue("port", v)));
    flags.value("kind").ifPresent(v -> b.kind(HttpRequestKind.parse(v)));
    flags.value("tenant").ifPresent(b::tenant);
    flags.value("api-key").ifPresent(b::apiKey);
    flags.value("api-token").ifPresent(b::apiToken);
    flags.value("connections").ifPresent(v -> b.connections(flags.intValue("connections", v)));
    flags.value("duration").ifPresent(v -> b.duration(Durations.parse("--duration", v)));
    flags.value("warmup").ifPresent(v -> b.warmup(Durations.parse("--warmup", v)));
    flags.value("max-requests")
        .ifPresent(v -> b.maxRequests(flags.longValue("max-requests", v)));
    flags.value("first-index").ifPresent(v -> b.firstIndex(flags.longValue("first-index", v)));
    flags.value("run-tag").ifPresent(b::runTag);
    flags.value("ids").ifPresent(v -> b.ids(AllocationIds.read(Path.of(v))));
    flags.value("read-timeout")
        .ifPresent(v -> b.readTimeout(Durations.parse("--read-timeout", v)));
    flags.value("connect-timeout")
        .ifPresent(v -> b.connectTimeout(Durations.parse("--connect-timeout", v)));
    b.floor(flags.has("floor"));
    return b.build();
  }

  /** The id file to write created allocation ids to, from {@code --ids-out}, if given. */
  static Optional<Path> idsOut(String[] args) {
    return Flags.parse(args).value("ids-out").map(Path::of);
  }

  /** The flags, for {@code --help}. */
  static String usage() {
    return String.join(
        "\n",
        "Usage: HttpLoad [flags]",
        "  --host 127.0.0.1|::1     target (loopback only; default 127.0.0.1)",
        "  --port N                 target port (default 8080)",
        "  --kind create|get        POST creates, or GETs of --ids (default create)",
        "  --tenant SID             tenant in the path (default demo)",
        "  --api-key K --api-token T  HTTP Basic credentials",
        "                           (default demo-key / demo-token-change-me)",
        "  --connections N          keep-alive connections, one request in flight on each",
        "                           (default 64)",
        "  --duration D             measured time, e.g. 20s (default 10s)",
        "  --warmup D               load before measuring, not counted (default 0s)",
        "  --max-requests N         most requests sent, warm-up included (default 5000000)",
        "  --first-index N          first create's index: connection id RUNTAG-N, parties",
        "                           +919/+918 then N in 9 digits (default 0); give each run",
        "                           against the same server its own range",
        "  --run-tag TAG            connection id prefix (default load-<epoch seconds>)",
        "  --ids FILE               allocation ids to GET, one a line (needed by --kind get)",
        "  --ids-out FILE           write the created allocation ids, one a line",
        "  --read-timeout D         a response slower than this is an error (default 10s)",
        "  --connect-timeout D      (default 2s)",
        "  --floor                  the target is the floor (HttpFloorServer): a 200 is a",
        "                           success without an allocation id",
        "  --json-only              print only the JSON summary line");
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

  /** What each request does. */
  public HttpRequestKind kind() {
    return kind;
  }

  /** The tenant whose path is loaded. */
  public String tenant() {
    return tenant;
  }

  /** The HTTP Basic user name. */
  public String apiKey() {
    return apiKey;
  }

  String apiToken() {
    return apiToken;
  }

  /** Keep-alive connections, each with one request in flight at a time. */
  public int connections() {
    return connections;
  }

  /** The measured time. */
  public Duration duration() {
    return duration;
  }

  /** The load before the measured time, not counted in rates or latency. */
  public Duration warmup() {
    return warmup;
  }

  /** The most requests sent, warm-up included. */
  public long maxRequests() {
    return maxRequests;
  }

  /** The index of the run's first create (its connection id and party numbers). */
  public long firstIndex() {
    return firstIndex;
  }

  /** The prefix of the connection ids. */
  public String runTag() {
    return runTag;
  }

  /** The allocation ids a GET run reads, in turn. */
  public List<String> ids() {
    return ids;
  }

  /** How long a response may take before it counts as an error. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** How long a connect may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Whether the target is the floor, whose 200 answers carry no allocation id. */
  public boolean floor() {
    return floor;
  }

  /** {@code http://host:port}. */
  public String baseUrl() {
    String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + literal + ":" + port;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "kind=%s%s tenant=%s connections=%d duration=%s warmup=%s max-requests=%d first-index=%d"
            + " run-tag=%s ids=%d read-timeout=%s",
        kind.label(),
        floor ? " floor" : "",
        tenant,
        connections,
        Durations.format(duration),
        Durations.format(warmup),
        maxRequests,
        firstIndex,
        runTag,
        ids.size(),
        Durations.format(readTimeout));
  }

  /** Collects options; {@link #build()} checks them. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private HttpRequestKind kind = HttpRequestKind.CREATE;
    private String tenant = "demo";
    private String apiKey = "demo-key";
    private String apiToken = "demo-token-change-me";
    private int connections = 64;
    private Duration duration = Duration.ofSeconds(10);
    private Duration warmup = Duration.ZERO;
    private long maxRequests = 5_000_000;
    private long firstIndex;
    private String runTag = "load-" + System.currentTimeMillis() / 1000;
    private final List<String> ids = new ArrayList<>();
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private boolean floor;

    private Builder() {}

    /** {@code 127.0.0.1} or {@code ::1}; anything else is refused by {@link #build()}. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The target port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** What each request does. */
    public Builder kind(HttpRequestKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /** The tenant in the path. */
    public Builder tenant(String sid) {
      this.tenant = sid;
      return this;
    }

    /** The HTTP Basic user name. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** The HTTP Basic password. */
    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    /** Keep-alive connections, one request in flight on each. */
    public Builder connections(int connections) {
      this.connections = connections;
      return this;
    }

    /** The measured time. */
    public Builder duration(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration");
      return this;
    }

    /** Load before the measured time, not counted. */
    public Builder warmup(Duration warmup) {
      this.warmup = Objects.requireNonNull(warmup, "warmup");
      return this;
    }

    /** The most requests sent, warm-up included. */
    public Builder maxRequests(long maxRequests) {
      this.maxRequests = maxRequests;
      return this;
    }

    /** The index of the run's first create. */
    public Builder firstIndex(long firstIndex) {
      this.firstIndex = firstIndex;
      return this;
    }

    /** The prefix of the connection ids. */
    public Builder runTag(String runTag) {
      this.runTag = runTag;
      return this;
    }

    /** Adds allocation ids for a GET run. */
    public Builder ids(List<String> ids) {
      this.ids.addAll(ids);
      return this;
    }

    /** How long a response may take before it counts as an error. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
      return this;
    }

    /** How long a connect may take. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** Whether the target is the floor: a 200 is then a success without an allocation id. */
    public Builder floor(boolean floor) {
      this.floor = floor;
      return this;
    }

    /**
     * The options.
     *
     * @throws LoadOptionException for a non-loopback host or a value out of bounds
     */
    public HttpLoadOptions build() {
      return new HttpLoadOptions(this);
    }
  }
}
