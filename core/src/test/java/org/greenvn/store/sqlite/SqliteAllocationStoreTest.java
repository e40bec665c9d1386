package org.greenvn.store.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.AllocationStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store against the store contract, each test on a new file. */
class SqliteAllocationStoreTest extends AllocationStoreContract {

  @TempDir Path dir;
  private final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected AllocationStore newStore() {
    SqliteStore store = SqliteStore.open(dir.resolve("data-" + opened.size()));
    opened.add(store);
    return store.allocations();
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteStore::close);
  }
}
