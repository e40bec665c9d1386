package org.greenvn.store.postgres;

import java.sql.SQLException;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.store.RestartContract;
import org.greenvn.webhook.WebhookOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The PostgreSQL store keeps the engine's state across a restart on the same schema. */
class PostgresRestartTest extends RestartContract {

  private TestPostgres pg;
  private String schema;

  @BeforeEach
  void database() {
    pg = TestPostgres.require();
    schema = pg.newSchema();
  }

  @Override
  protected Opened open() {
    PostgresStore store = PostgresStore.builder(pg.url()).schema(schema).poolSize(3).open();
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

  @AfterEach
  void dropSchema() throws SQLException {
    if (pg != null) { // null when the test was skipped for want of a database
      pg.close();
    }
  }
}
