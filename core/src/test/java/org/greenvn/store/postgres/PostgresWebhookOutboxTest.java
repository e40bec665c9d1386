package org.greenvn.store.postgres;

import java.sql.SQLException;
import org.greenvn.webhook.WebhookOutbox;
import org.greenvn.webhook.WebhookOutboxContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The PostgreSQL outbox against the outbox contract: one store for the class (opening migrates),
 * its tables emptied before each test.
 */
class PostgresWebhookOutboxTest extends WebhookOutboxContract {

  private static TestPostgres pg;
  private static String schema;
  private static PostgresStore store;

  @BeforeAll
  static void database() {
    pg = TestPostgres.require();
    schema = pg.newSchema();
    store = pg.open(schema);
  }

  @Override
  protected WebhookOutbox newOutbox() {
    try {
      pg.truncate(schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return store.webhookOutbox();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (pg != null) {
      pg.close();
    }
  }
}
