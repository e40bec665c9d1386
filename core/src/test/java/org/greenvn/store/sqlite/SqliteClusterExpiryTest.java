package org.greenvn.store.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.ClusterExpiryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Two engines on one SQLite file expire each allocation once. */
class SqliteClusterExpiryTest extends ClusterExpiryContract {

  @TempDir Path dir;
  private final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected List<AllocationStore> openTwoStores() {
    opened.add(SqliteStore.open(dir));
    opened.add(SqliteStore.open(dir));
    return List.of(opened.get(0).allocations(), opened.get(1).allocations());
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteStore::close);
  }
}
