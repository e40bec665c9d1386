package org.greenvn.store.sqlite;

import java.nio.file.Path;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.RestartContract;
import org.greenvn.webhook.WebhookOutbox;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store keeps the engine's state across a restart on the same data directory. */
class SqliteRestartTest extends RestartContract {

  @TempDir Path dir;

  @Override
  protected Opened open() {
    SqliteStore store = SqliteStore.open(dir);
    return new Opened() {
      @Override
      public AllocationStore allocations() {
        return store.allocations();
      }

      @Override
      public WebhookOutbox outbox() {
        return store.webhookOutbox();
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }
}
