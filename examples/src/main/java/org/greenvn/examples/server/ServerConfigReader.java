package org.greenvn.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.greenvn.examples.server.ServerConfig.AgiSettings;
import org.greenvn.examples.server.ServerConfig.Credential;
import org.greenvn.examples.server.ServerConfig.HttpSettings;
import org.greenvn.examples.server.ServerConfig.StoreSettings;
import org.greenvn.examples.server.ServerConfig.TenantSettings;
import org.greenvn.examples.server.ServerConfig.WebhookSettings;
import org.greenvn.asterisk.FlowSettings;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VirtualNumber;
import org.greenvn.tenant.Flow;
import org.greenvn.tenant.PinPolicy;
import org.greenvn.tenant.Prompts;
import org.greenvn.tenant.RingStrategy;
import org.greenvn.tenant.Tenant;

/**
 * Reads the standalone server's JSON configuration. Every field is checked on load and every
 * error names its path; unknown fields are errors, so a typo cannot leave a default in force.
 * Environment variables {@code GREENVN_HTTP_PORT} and {@code GREENVN_AGI_PORT} override the
 * ports.
 */
public final class ServerConfigReader {

  /** The sample configuration inside the examples jar, used when no file is given. */
  public static final String SAMPLE_RESOURCE = "/greenvn-sample.json";

  static final Set<String> EVENT_NAMES =
      Set.of(
          "call", "deallocation", "verification_succeeded", "verification_failed",
          "out_of_allocation");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Map<String, String> env;

  private ServerConfigReader(Map<String, String> env) {
    this.env = env;
  }

  /** A reader that applies this process's environment. */
  public static ServerConfigReader withSystemEnv() {
    return new ServerConfigReader(System.getenv());
  }

  /** A reader that applies the given environment (tests). */
  static ServerConfigReader withEnv(Map<String, String> env) {
    return new ServerConfigReader(Map.copyOf(env));
  }

  /** Reads the file. */
  public ServerConfig read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads the sample configuration shipped in the jar. */
  public ServerConfig readSample() {
    try (InputStream in = ServerConfigReader.class.getResourceAsStream(SAMPLE_RESOURCE)) {
      if (in == null) {
        throw new ConfigException(SAMPLE_RESOURCE + ": missing from the classpath");
      }
      return read(in, "sample configuration");
    } catch (IOException e) {
      throw new ConfigException(SAMPLE_RESOURCE + ": cannot be read", e);
    }
  }

  ServerConfig read(InputStream in, String source) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null) {
      throw new ConfigException(source + ": empty");
    }
    ConfigNode config =
        new ConfigNode(root, "").only(Set.of("http", "agi", "store", "tenants"));
    List<TenantSettings> tenants = new ArrayList<>();
    Set<String> sids = new HashSet<>();
    Set<String> apiKeys = new HashSet<>();
    for (ConfigNode node : config.list("tenants")) {
      TenantSettings tenant = tenant(node);
      if (!sids.add(tenant.tenant().sid())) {
        throw node.error("tenant " + tenant.tenant().sid() + " is configured twice");
      }
      for (Credential credential : tenant.credentials()) {
        if (!apiKeys.add(credential.apiKey())) {
          throw node.error("API key " + credential.apiKey() + " belongs to two tenants");
        }
      }
      tenants.add(tenant);
    }
    if (tenants.isEmpty()) {
      throw config.error("tenants: at least one tenant is needed");
    }
    return new ServerConfig(http(config), agi(config), store(config), tenants);
  }

  private HttpSettings http(ConfigNode config) {
    ConfigNode http =
        config.get("http")
            .only(Set.of("host", "port", "maxBodyBytes", "bulkMax", "requestsPerSecond"));
    return new HttpSettings(
        http.text("host", "127.0.0.1"),
        port("GREENVN_HTTP_PORT", http.integer("port", 8080, 0, 65_535)),
        http.integer("maxBodyBytes", 1 << 20, 1_024, 64 << 20),
        http.integer("bulkMax", 100, 1, 10_000),
        http.integer("requestsPerSecond", 1_000, 1, 1_000_000));
  }

  private AgiSettings agi(ConfigNode config) {
    ConfigNode agi = config.get("agi").only(Set.of("host", "port"));
    int port = port("GREENVN_AGI_PORT", agi.integer("port", 4573, 0, 65_535));
    return new AgiSettings(agi.text("host", "127.0.0.1"), port);
  }

  private static StoreSettings store(ConfigNode config) {
    ConfigNode store =
        config.get("store")
            .only(Set.of("kind", "dataDir", "jdbcUrl", "user", "password", "poolSize"));
    String kind = store.text("kind", "sqlite").toLowerCase(Locale.ROOT);
    switch (kind) {
      case "sqlite", "memory" -> {
        return new StoreSettings(
            kind, Path.of(store.text("dataDir", "greenvn-data")), null, null, null, 0);
      }
      case "postgres" -> {
        return new StoreSettings(
            kind, null, store.text("jdbcUrl"), store.text("user"),
            store.has("password") ? store.text("password") : "",
            store.integer("poolSize", 10, 1, 500));
      }
      default -> throw store.get("kind").error("must be sqlite, postgres or memory: " + kind);
    }
  }

  private int port(String variable, int configured) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return configured;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new ConfigException(variable + ": must be a port from 0 to 65535, not " + value);
  }

  private static TenantSettings tenant(ConfigNode node) {
    node.only(
        Set.of(
            "sid", "credentials", "phoneRegion", "timeZone", "defaultDeallocation",
            "exclusiveNumbers", "maxPartySize", "pinPolicy", "flows", "defaultFlow",
            "inventory", "webhooks"));
    Tenant.Builder tenant =
        Tenant.builder(node.text("sid"))
            .phoneRegion(node.text("phoneRegion", "IN"))
            .timeZone(zone(node))
            .defaultDeallocation(node.duration("defaultDeallocation", Duration.ofHours(24)))
            .exclusiveNumbers(node.bool("exclusiveNumbers", false))
            .maxPartySize(node.integer("maxPartySize", 50, 1, 1_000))
            .pinPolicy(pinPolicy(node.get("pinPolicy")));
    Map<String, FlowSettings> dialplans = new LinkedHashMap<>();
    for (ConfigNode flowNode : node.list("flows")) {
      Flow flow = flow(flowNode);
      try {
        tenant.flow(flow);
      } catch (IllegalArgumentException e) {
        throw flowNode.error(e.getMessage());
      }
      dialplans.put(flow.id(), dialplan(flowNode));
    }
    if (dialplans.isEmpty()) {
      dialplans.put(Flow.DEFAULT_ID, FlowSettings.dialing(DEFAULT_DIAL));
    }
    if (node.has("defaultFlow")) {
      tenant.defaultFlow(node.text("defaultFlow"));
    }
    List<ConfigNode> inventory = node.list("inventory");
    if (inventory.isEmpty()) {
      throw node.get("inventory").error("at least one virtual number is needed");
    }
    for (ConfigNode number : inventory) {
      tenant.number(virtualNumber(number));
    }
    List<Credential> credentials = new ArrayList<>();
    for (ConfigNode credential : node.list("credentials")) {
      credential.only(Set.of("apiKey", "token"));
      credentials.add(new Credential(credential.text("apiKey"), credential.text("token")));
    }
    if (credentials.isEmpty()) {
      throw node.get("credentials").error("at least one API key and token are needed");
    }
    Tenant built;
    try {
      built = tenant.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw node.error(e.getMessage());
    }
    return new TenantSettings(built, credentials, webhooks(node.get("webhooks")), dialplans);
  }

  /** Dials through the channel driver's default endpoint, as a fresh Asterisk would. */
  static final String DEFAULT_DIAL = "PJSIP/{number}";

  private static ZoneId zone(ConfigNode node) {
    return node.choice("timeZone", ZoneId.of("Asia/Kolkata"), ZoneId::of, "a zone id such as "
        + "Asia/Kolkata");
  }

  private static PinPolicy pinPolicy(ConfigNode node) {
    PinPolicy d = PinPolicy.defaults();
    if (node.isMissing()) {
      return d;
    }
    node.only(
        Set.of(
            "lockoutThreshold", "lockoutWindow", "lockoutDuration", "throttleThreshold",
            "throttleWindow", "throttleDuration"));
    return new PinPolicy(
        node.integer("lockoutThreshold", d.lockoutThreshold(), 1, 1_000),
        node.duration("lockoutWindow", d.lockoutWindow()),
        node.duration("lockoutDuration", d.lockoutDuration()),
        node.integer("throttleThreshold", d.throttleThreshold(), 1, 1_000_000),
        node.duration("throttleWindow", d.throttleWindow()),
        node.duration("throttleDuration", d.throttleDuration()));
  }

  private static Flow flow(ConfigNode node) {
    node.only(
        Set.of(
            "id", "pinAttempts", "pinMaxDigits", "pinTimeout", "ringTimeout", "ringStrategy",
            "record", "prompts", "dial", "recordingFile", "recordingUrl"));
    Flow d = Flow.withDefaults(node.text("id"));
    return new Flow(
        d.id(),
        node.integer("pinAttempts", d.pinAttempts(), 1, 10),
        node.integer("pinMaxDigits", d.pinMaxDigits(), 1, 9),
        node.duration("pinTimeout", d.pinTimeout()),
        node.duration("ringTimeout", d.ringTimeout()),
        node.choice(
            "ringStrategy", d.ringStrategy(),
            s -> RingStrategy.valueOf(s.toUpperCase(Locale.ROOT)),
            "simultaneous or sequential"),
        node.bool("record", d.record()),
        prompts(node.get("prompts"), d.prompts()));
  }

  private static Prompts prompts(ConfigNode node, Prompts d) {
    if (node.isMissing()) {
      return d;
    }
    node.only(
        Set.of("enterPin", "invalidPin", "notInService", "oneway", "lockedOut", "goodbye"));
    return new Prompts(
        node.text("enterPin", d.enterPin()),
        node.text("invalidPin", d.invalidPin()),
        node.text("notInService", d.notInService()),
        node.text("oneway", d.oneway()),
        node.text("lockedOut", d.lockedOut()),
        node.text("goodbye", d.goodbye()));
  }

  private static FlowSettings dialplan(ConfigNode node) {
    String dial = node.text("dial", DEFAULT_DIAL);
    try {
      return new FlowSettings(
          dial,
          Optional.ofNullable(node.has("recordingFile") ? node.text("recordingFile") : null),
          Optional.ofNullable(node.has("recordingUrl") ? node.text("recordingUrl") : null));
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  private static VirtualNumber virtualNumber(ConfigNode node) {
    node.only(Set.of("number", "region", "type"));
    String number = node.text("number");
    Region region =
        node.choice("region", null, s -> Region.parse(s).orElseThrow(), "one of "
            + java.util.Arrays.toString(Region.values()));
    NumberType type =
        node.choice("type", null, s -> NumberType.parse(s).orElseThrow(), "mobile or landline");
    if (region == null || type == null) {
      throw node.error("region and type are needed");
    }
    try {
      return VirtualNumber.of(number, region, type);
    } catch (IllegalArgumentException e) {
      throw node.get("number").error(e.getMessage());
    }
  }

  private static WebhookSettings webhooks(ConfigNode node) {
    if (node.isMissing()) {
      return new WebhookSettings(Map.of(), Map.of(), List.of(), false, Duration.ofHours(24));
    }
    node.only(Set.of("urls", "flows", "secrets", "allowPrivateTargets", "retryFor"));
    Map<String, Map<String, String>> flowUrls = new LinkedHashMap<>();
    if (node.has("flows")) {
      for (Map.Entry<String, ConfigNode> flow : node.get("flows").fields()) {
        flowUrls.put(flow.getKey(), urls(flow.getValue()));
      }
    }
    List<String> secrets = new ArrayList<>();
    for (ConfigNode secret : node.list("secrets")) {
      secrets.add(secret.asText());
    }
    return new WebhookSettings(
        node.has("urls") ? urls(node.get("urls")) : Map.of(),
        flowUrls,
        secrets,
        node.bool("allowPrivateTargets", false),
        node.duration("retryFor", Duration.ofHours(24)));
  }

  private static Map<String, String> urls(ConfigNode node) {
    node.only(EVENT_NAMES);
    Map<String, String> urls = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> url : node.fields()) {
      urls.put(url.getKey(), url.getValue().asText());
    }
    return urls;
  }
}
