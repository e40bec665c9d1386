package org.greenvn.store.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests run against: {@code GREENVN_TEST_PG_URL} (a JDBC URL with user and
 * password; {@code .ci/with-postgres} starts a throw-away cluster and sets it). Without it the
 * PostgreSQL tests are skipped, unless {@code GREENVN_TEST_PG_REQUIRED=1} (as in CI), where they
 * fail. Each store gets a schema of its own, dropped by {@link #close()}.
 */
final class TestPostgres implements AutoCloseable {

  static final String URL_VARIABLE = "GREENVN_TEST_PG_URL";
  static final String REQUIRED_VARIABLE = "GREENVN_TEST_PG_REQUIRED";

  private final String url;
  private final List<String> schemas = new ArrayList<>();
  private final List<PostgresStore> stores = new ArrayList<>();
  private Connection admin;

  private TestPostgres(String url) {
    this.url = url;
  }

  /** The test database, or the test is skipped (or fails, where PostgreSQL is required). */
  static TestPostgres require() {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      if ("1".equals(System.getenv(REQUIRED_VARIABLE))) {
        fail(REQUIRED_VARIABLE + "=1 but " + URL_VARIABLE + " is not set: PostgreSQL tests"
            + " cannot run (start one with .ci/with-postgres)");
      }
      Assumptions.abort(
          "PostgreSQL tests skipped: " + URL_VARIABLE + " is not set (run them with"
              + " .ci/with-postgres mvn -B -pl core test)");
    }
    return new TestPostgres(url);
  }

  String url() {
    return url;
  }

  /** A fresh schema's name, dropped at close. */
  String newSchema() {
    String schema = "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    schemas.add(schema);
    return schema;
  }

  /**
   * Empties the greenvn tables of {@code schema} if it has them: faster than a new schema for
   * tests that each want an empty store.
   */
  void truncate(String schema) throws SQLException {
    // DELETE, not TRUNCATE: a truncation makes new files and waits for the disk, ten times longer.
    execute("DO $$ BEGIN IF to_regclass('" + schema + ".greenvn_allocation') IS NOT NULL THEN"
        + " DELETE FROM " + schema + ".greenvn_route; DELETE FROM " + schema
        + ".greenvn_allocation; DELETE FROM " + schema + ".greenvn_release; DELETE FROM "
        + schema + ".greenvn_webhook; END IF; END $$");
  }

  /** A store in {@code schema}, closed at close. */
  PostgresStore open(String schema) {
    return track(PostgresStore.builder(url).schema(schema).poolSize(4).open());
  }

  /** A store of a builder, closed at close. */
  PostgresStore track(PostgresStore store) {
    stores.add(store);
    return store;
  }

  /** Runs SQL directly, outside any store. */
  void execute(String sql) throws SQLException {
    if (admin == null) {
      admin = DriverManager.getConnection(url);
    }
    try (Statement s = admin.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    for (PostgresStore store : stores) {
      store.close();
    }
    for (String schema : schemas) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
    if (admin != null) {
      admin.close();
    }
  }
}
