package org.greenvn.store.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.TwoNodeCoherenceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Two SQLite stores on one file keep their routing indexes coherent. */
class SqliteCoherenceTest extends TwoNodeCoherenceContract {

  @TempDir Path dir;
  private final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected List<Node> openTwoNodes() {
    SqliteStore a = SqliteStore.builder(dir).maxStaleness(BOUND).open();
    opened.add(a);
    AtomicLong clock = new AtomicLong();
    SqliteStore b = SqliteStore.builder(dir).maxStaleness(BOUND).ticker(clock::get).open();
    opened.add(b);
    return List.of(node(a, new AtomicLong()), node(b, clock));
  }

  private static Node node(SqliteStore store, AtomicLong clock) {
    return new Node(store.allocations(), store::stopChangeFeed, clock);
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteStore::close);
  }
}
