package org.greenvn.store.postgres;

import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.AllocationStoreContract;
import org.greenvn.store.jdbc.JdbcAllocationStore;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The PostgreSQL store against the store contract. Opening a store migrates its schema, which
 * takes most of a second here; so one store serves the class, and each test gets it emptied: its
 * tables truncated and its routing index rebuilt from them.
 */
class PostgresAllocationStoreTest extends AllocationStoreContract {

  private static TestPostgres pg;
  private static PostgresStore store;
  private static String schema;

  @BeforeAll
  static void database() {
    pg = TestPostgres.require();
    schema = pg.newSchema();
    store = pg.open(schema);
  }

  @Override
  protected AllocationStore newStore() {
    try {
      pg.truncate(schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    JdbcAllocationStore allocations = (JdbcAllocationStore) store.allocations();
    allocations.resync();
    return allocations;
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (pg != null) {
      pg.close();
    }
  }
}
