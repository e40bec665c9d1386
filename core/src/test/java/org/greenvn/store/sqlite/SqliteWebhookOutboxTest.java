package org.greenvn.store.sqlite;

import java.nio.file.Path;
import org.greenvn.webhook.WebhookOutbox;
import org.greenvn.webhook.WebhookOutboxContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite outbox against the outbox contract: one file for the class, emptied per test. */
class SqliteWebhookOutboxTest extends WebhookOutboxContract {

  @TempDir static Path dir;
  private static SqliteStore store;

  @BeforeAll
  static void open() {
    store = SqliteStore.open(dir);
  }

  @Override
  protected WebhookOutbox newOutbox() {
    TestSqlite.empty(store);
    return store.webhookOutbox();
  }

  @AfterAll
  static void close() {
    store.close();
  }
}
