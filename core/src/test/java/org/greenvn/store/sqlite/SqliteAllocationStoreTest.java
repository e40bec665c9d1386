package org.greenvn.store.sqlite;

import java.nio.file.Path;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.AllocationStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store against the store contract: one file for the class, emptied before each test
 * (opening a new file migrates it, which would take most of each test's time).
 */
class SqliteAllocationStoreTest extends AllocationStoreContract {

  @TempDir static Path dir;
  private static SqliteStore store;

  @BeforeAll
  static void open() {
    store = SqliteStore.open(dir);
  }

  @Override
  protected AllocationStore newStore() {
    TestSqlite.empty(store);
    return store.allocations();
  }

  @AfterAll
  static void close() {
    store.close();
  }
}
