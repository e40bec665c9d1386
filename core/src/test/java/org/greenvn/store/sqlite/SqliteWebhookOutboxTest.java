package org.greenvn.store.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greenvn.webhook.WebhookOutbox;
import org.greenvn.webhook.WebhookOutboxContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite outbox against the outbox contract, each test on a new file. */
class SqliteWebhookOutboxTest extends WebhookOutboxContract {

  @TempDir Path dir;
  private final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected WebhookOutbox newOutbox() {
    SqliteStore store = SqliteStore.open(dir.resolve("data-" + opened.size()));
    opened.add(store);
    return store.webhookOutbox();
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteStore::close);
  }
}
