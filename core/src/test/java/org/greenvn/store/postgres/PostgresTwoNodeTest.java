package org.greenvn.store.postgres;

import java.nio.file.Path;
import java.util.Random;
import org.greenvn.store.durability.StoreSpec;
import org.greenvn.store.durability.TwoNodeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engine processes on one PostgreSQL never double-book, route each other's allocations and
 * expire each allocation once; see {@link TwoNodeHarness}.
 */
class PostgresTwoNodeTest {

  @Test
  void twoEngineProcessesShareOneDatabase(@TempDir Path dir) throws Exception {
    try (TestPostgres pg = TestPostgres.require()) {
      TwoNodeHarness.run(
          StoreSpec.postgres(pg.url(), pg.newSchema()), dir, new Random().nextLong());
    }
  }
}
