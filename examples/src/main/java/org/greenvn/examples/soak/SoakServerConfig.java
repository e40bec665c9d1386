package org.greenvn.examples.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.greenvn.examples.server.ServerConfig;
import org.greenvn.examples.server.ServerConfigReader;

/**
 * The configuration the soak runs the standalone server with, written as a JSON file in the data
 * directory and read by the server's own reader: SQLite in that temporary directory, HTTP and
 * FastAGI on loopback ephemeral ports, one tenant whose webhooks go to the soak's receiver.
 */
final class SoakServerConfig {

  static final String API_KEY = "soak-key";
  static final String TOKEN = "soak-token-not-secret";

  private SoakServerConfig() {}

  static ServerConfig of(Path dataDir, WebhookReceiver receiver, String secret) {
    ObjectNode root = ApiClient.JSON.createObjectNode();
    // No rate limit worth the name: a 429 would be the soak's own doing.
    root.putObject("http").put("host", "127.0.0.1").put("port", 0)
        .put("requestsPerSecond", 1_000_000);
    root.putObject("agi").put("host", "127.0.0.1").put("port", 0);
    root.putObject("store").put("kind", "sqlite").put("dataDir", dataDir.toString());
    ObjectNode tenant = root.putArray("tenants").addObject();
    tenant.put("sid", SoakNumbers.TENANT);
    tenant.putArray("credentials").addObject().put("apiKey", API_KEY).put("token", TOKEN);
    tenant.put("defaultDeallocation", "1h");
    // Each wrong-PIN caller is new and keys 3 wrong PINs: neither the lock-out nor the VN's
    // throttle may step in, or the failed-verification count would depend on timing.
    tenant.putObject("pinPolicy").put("lockoutThreshold", 1_000)
        .put("throttleThreshold", 1_000_000);
    tenant.putArray("flows").addObject().put("id", "default")
        .put("dial", "PJSIP/{number}@carrier").put("pinAttempts", 3).put("pinMaxDigits", 6);
    ArrayNode inventory = tenant.putArray("inventory");
    for (Map.Entry<String, List<String>> region : SoakNumbers.INVENTORY.entrySet()) {
      for (String number : region.getValue()) {
        inventory.addObject().put("number", number).put("region", region.getKey())
            .put("type", "landline");
      }
    }
    ObjectNode webhooks = tenant.putObject("webhooks");
    ObjectNode urls = webhooks.putObject("urls");
    for (String type :
        List.of("call", "deallocation", "verification_succeeded", "verification_failed",
            "out_of_allocation")) {
      urls.put(type, receiver.url(type));
    }
    webhooks.putArray("secrets").add(secret);
    webhooks.put("allowPrivateTargets", true).put("retryFor", "10m");
    Path file = dataDir.resolve("soak-config.json");
    try {
      Files.writeString(file, root.toPrettyString(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // GREENVN_HTTP_PORT and GREENVN_AGI_PORT would override the ephemeral ports; Soak refuses
    // to start while they are set.
    return ServerConfigReader.withSystemEnv().read(file);
  }
}
