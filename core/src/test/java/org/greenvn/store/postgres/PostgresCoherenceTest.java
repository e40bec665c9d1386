package org.greenvn.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationState;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.DeallocationCause;
import org.greenvn.allocation.Preferences;
import org.greenvn.allocation.Usage;
import org.greenvn.phone.PhoneNumber;
import org.greenvn.store.TwoNodeCoherenceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two PostgreSQL stores on one schema keep their routing indexes coherent. The schema is made
 * once for the class and emptied before each test: migrating a new one each time is slow.
 */
class PostgresCoherenceTest extends TwoNodeCoherenceContract {

  private static TestPostgres pg;
  private static String schema;
  private final List<PostgresStore> opened = new ArrayList<>();
  private PostgresStore lastB;

  @BeforeAll
  static void database() {
    pg = TestPostgres.require();
    schema = pg.newSchema();
    PostgresStore.builder(pg.url()).schema(schema).open().close(); // migrates
  }

  @BeforeEach
  void empty() throws SQLException {
    pg.truncate(schema);
  }

  @Override
  protected List<Node> openTwoNodes() {
    PostgresStore a = track(builder(schema).open());
    AtomicLong clock = new AtomicLong();
    PostgresStore b = track(builder(schema).ticker(clock::get).open());
    lastB = b;
    return List.of(node(a, new AtomicLong()), node(b, clock));
  }

  private PostgresStore track(PostgresStore store) {
    opened.add(store);
    return store;
  }

  private static PostgresStore.Builder builder(String schema) {
    return PostgresStore.builder(pg.url()).schema(schema).poolSize(3).maxStaleness(BOUND);
  }

  private static Node node(PostgresStore store, AtomicLong clock) {
    return new Node(store.allocations(), store::stopChangeFeed, clock);
  }

  @Test
  void afterItsConnectionDropsTheFeedReconnectsAndRebuildsTheIndex() {
    List<Node> nodes = openTwoNodes();
    AllocationStore a = nodes.get(0).store();
    AllocationStore b = nodes.get(1).store();
    PhoneNumber vn = PhoneNumber.of("+918041234567");
    PhoneNumber caller = PhoneNumber.of("+919800000011");
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Allocation g1 =
        new Allocation(
            "acme", "g1", "conn-g1", vn, List.of(caller), List.of(PhoneNumber.of("+919800000012")),
            List.of(), List.of(), Usage.TWOWAY, false, Preferences.none(), Optional.empty(),
            Duration.ofHours(1), AllocationState.ACTIVE, t0, t0, t0.plusSeconds(3600),
            Optional.empty(), Optional.empty(), 1);
    a.insert(g1);
    assertThat(b.findActiveByNumber(vn, caller)).contains(g1);

    lastB.dropChangeFeedConnection();
    a.replace(g1, g1.toVault(t0.plusSeconds(5), DeallocationCause.DELETED));

    // The notification may have gone to the dropped connection: the resync must catch it.
    awaitOn(() -> b.findActiveByNumber(vn, caller), Optional.empty());
  }

  @AfterEach
  void close() {
    opened.forEach(PostgresStore::close);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (pg != null) {
      pg.close();
    }
  }
}
