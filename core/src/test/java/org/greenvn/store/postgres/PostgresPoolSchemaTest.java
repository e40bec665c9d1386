package org.greenvn.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every pooled connection works in the store's schema, including a connection whose first
 * transaction rolled back (a refused write, or any read: reads end in a rollback). The schema was
 * once set with Hikari's {@code setSchema}, a {@code SET} run inside that first transaction, which
 * the rollback undid: the connection then saw no greenvn tables.
 */
class PostgresPoolSchemaTest {

  @Test
  void connectionsWhoseFirstTransactionRolledBackStayInTheSchema() throws Exception {
    try (TestPostgres pg = TestPostgres.require()) {
      String schema = pg.newSchema();
      pg.open(schema); // migrates the schema
      try (PostgresDatabase db = new PostgresDatabase(pg.url(), null, null, 4, schema, "node")) {
        DataSource pool = db.dataSource();
        // Four at once: the pool must open new connections, each rolled back at once.
        List<Connection> fresh = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          fresh.add(pool.getConnection());
        }
        for (Connection c : fresh) {
          c.rollback();
          c.close();
        }
        List<Connection> again = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          again.add(pool.getConnection());
        }
        try {
          for (Connection c : again) {
            try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM greenvn_allocation")) {
              assertThat(rs.next()).isTrue();
            }
          }
        } finally {
          for (Connection c : again) {
            c.rollback();
            c.close();
          }
        }
      }
    }
  }
}
