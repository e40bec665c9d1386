package org.greenvn.store.postgres;

import java.sql.SQLException;
import java.util.List;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.ClusterExpiryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Two engines on one PostgreSQL schema expire each allocation once. */
class PostgresClusterExpiryTest extends ClusterExpiryContract {

  private TestPostgres pg;

  @BeforeEach
  void database() {
    pg = TestPostgres.require();
  }

  @Override
  protected List<AllocationStore> openTwoStores() {
    String schema = pg.newSchema();
    return List.of(pg.open(schema).allocations(), pg.open(schema).allocations());
  }

  @AfterEach
  void close() throws SQLException {
    if (pg != null) { // null when the test was skipped for want of a database
      pg.close();
    }
  }
}
