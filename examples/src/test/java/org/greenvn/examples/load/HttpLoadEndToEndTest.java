package org.greenvn.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.greenvn.allocation.Allocation;
import org.greenvn.examples.server.ServerConfig;
import org.greenvn.examples.server.ServerConfig.Credential;
import org.greenvn.examples.server.ServerConfig.TenantSettings;
import org.greenvn.examples.server.ServerConfig.WebhookSettings;
import org.greenvn.examples.server.StandaloneServer;
import org.greenvn.inventory.NumberType;
import org.greenvn.inventory.Region;
import org.greenvn.inventory.VnLoad;
import org.greenvn.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HttpLoad against the real standalone server on SQLite over loopback, for about two seconds: what
 * it reports created is exactly what the server holds, and the floor answers the same requests.
 * No figure is asserted; only what was created and read.
 */
class HttpLoadEndToEndTest {

  @TempDir Path dataDir;

  private ServerConfig config() {
    Tenant.Builder tenant = Tenant.builder("bench").defaultDeallocation(Duration.ofHours(1));
    for (int i = 0; i < 10; i++) {
      tenant.number("+91990000000" + i, Region.KA, NumberType.MOBILE);
    }
    return new ServerConfig(
        new ServerConfig.HttpSettings("127.0.0.1", 0, 1 << 20, 100, 1_000_000),
        new ServerConfig.AgiSettings("127.0.0.1", 0),
        new ServerConfig.StoreSettings("sqlite", dataDir, null, null, null, 0),
        List.of(
            new TenantSettings(
                tenant.build(),
                List.of(new Credential("bench-key", "bench-token")),
                new WebhookSettings(Map.of(), Map.of(), List.of(), true, Duration.ofHours(1)),
                Map.of())));
  }

  private static HttpLoadOptions.Builder load(int port) {
    return HttpLoadOptions.builder()
        .port(port)
        .tenant("bench")
        .apiKey("bench-key")
        .apiToken("bench-token")
        .connections(8)
        .warmup(Duration.ofMillis(300))
        .duration(Duration.ofMillis(1_500))
        // Generous: on a loaded CI machine a slow answer must not count as an error.
        .readTimeout(Duration.ofSeconds(60))
        .runTag("e2e");
  }

  @Test
  void theServerHoldsEveryAllocationTheToolReportsCreatedAndServesThemBack() throws Exception {
    try (StandaloneServer server = StandaloneServer.start(config())) {
      int port = server.httpUri().getPort();
      HttpLoadReport created = HttpLoad.run(load(port).build());

      assertThat(created.errors()).isEmpty();
      assertThat(created.ok()).isPositive();
      assertThat(created.statuses()).containsOnlyKeys(200);
      List<String> ids = created.createdIds();
      assertThat(ids).hasSize((int) created.sent());
      assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
      int active =
          server.engine().allocations().utilisation("bench").stream()
              .mapToInt(VnLoad::activeAllocations)
              .sum();
      assertThat(active).isEqualTo(ids.size());
      for (String id : ids) {
        Allocation allocation = server.engine().allocations().get("bench", id);
        assertThat(allocation.isActive()).isTrue();
        assertThat(allocation.connectionId()).startsWith("e2e-");
      }

      HttpLoadReport read =
          HttpLoad.run(
              load(port).kind(HttpRequestKind.GET).ids(ids).duration(Duration.ofMillis(700))
                  .build());
      assertThat(read.errors()).isEmpty();
      assertThat(read.ok()).isPositive().isEqualTo(read.responses());
      assertThat(read.statuses()).containsOnlyKeys(200);
    }
  }

  @Test
  void theFloorAnswersTheSameRequestsWithoutAllocations() throws Exception {
    try (HttpFloorServer floor = HttpFloorServer.start("127.0.0.1", 0)) {
      HttpLoadReport report =
          HttpLoad.run(load(floor.port()).floor(true).duration(Duration.ofMillis(700)).build());
      assertThat(report.errors()).isEmpty();
      assertThat(report.ok()).isPositive().isEqualTo(report.responses());
      assertThat(report.createdIds()).isEmpty();
    }
  }

  @Test
  void aRefusedConnectionIsCountedNotThrown() throws Exception {
    int closedPort;
    try (HttpFloorServer floor = HttpFloorServer.start("127.0.0.1", 0)) {
      closedPort = floor.port();
    }
    HttpLoadReport report = HttpLoad.run(load(closedPort).connections(2).build());
    assertThat(report.errors()).containsKey("connect");
    assertThat(report.ok()).isZero();
  }
}
