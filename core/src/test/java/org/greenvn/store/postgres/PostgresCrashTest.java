package org.greenvn.store.postgres;

import java.nio.file.Path;
import org.greenvn.store.durability.CrashHarness;
import org.greenvn.store.durability.StoreSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of an engine at a random moment loses no acknowledged write of the PostgreSQL store;
 * see {@link CrashHarness}. The server keeps running: it is the engine that dies. 20 trials by
 * default; {@code .ci/with-postgres mvn -B -pl core test -Dtest=PostgresCrashTest
 * -Dgreenvn.crash.trials=1000} runs 1,000.
 */
class PostgresCrashTest {

  @Test
  void acknowledgedWritesSurviveSigkill(@TempDir Path dir) throws Exception {
    try (TestPostgres pg = TestPostgres.require()) {
      CrashHarness.run(StoreSpec.postgres(pg.url(), pg.newSchema()), dir,
          CrashHarness.trials(), CrashHarness.seed());
    }
  }
}
