package org.greenvn.store.sqlite;

import java.nio.file.Path;
import org.greenvn.store.durability.CrashHarness;
import org.greenvn.store.durability.StoreSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at a random moment loses no acknowledged write of the SQLite store and leaves the file
 * sound; see {@link CrashHarness}. 20 trials by default; {@code mvn -B -pl core test
 * -Dtest=SqliteCrashTest -Dgreenvn.crash.trials=1000} runs 1,000.
 */
class SqliteCrashTest {

  @Test
  void acknowledgedWritesSurviveSigkill(@TempDir Path dir) throws Exception {
    CrashHarness.run(StoreSpec.sqlite(dir.resolve("data")), dir.resolve("logs"),
        CrashHarness.trials(), CrashHarness.seed());
  }
}
