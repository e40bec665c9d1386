package org.greenvn.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachedStatementsTest {

  private Connection connection;
  private CachedStatements cached;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
    }
    cached = new CachedStatements(connection);
  }

  @AfterEach
  void close() throws SQLException {
    cached.close();
    connection.close();
  }

  private long count() throws SQLException {
    try (PreparedStatement select = cached.connection().prepareStatement("SELECT count(*) FROM t");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theSameSqlGivesTheSameStatementStillOpenAfterClose() throws SQLException {
    Connection c = cached.connection();
    PreparedStatement first;
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
      first = insert;
      insert.setInt(1, 1);
      insert.setString(2, "a");
      insert.executeUpdate();
    }
    assertThat(first.isClosed()).isFalse();
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
      assertThat(insert).isSameAs(first);
      insert.setInt(1, 2);
      insert.setString(2, "b");
      insert.executeUpdate();
    }
    assertThat(count()).isEqualTo(2);
    assertThat(count()).isEqualTo(2); // a cached query runs again after its result set closed
  }

  @Test
  void closingClearsWhatTheLastWriteBound() throws SQLException {
    Connection c = cached.connection();
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, "kept?");
      insert.addBatch();
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
      // Neither the batch nor the values of the write before reach this one.
      insert.setInt(1, 7);
      insert.executeUpdate();
    }
    try (PreparedStatement select = c.prepareStatement("SELECT k, v FROM t");
        ResultSet rs = select.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(7);
      assertThat(rs.getString(2)).isNull();
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void beyondTheBoundStatementsArePlainAndReallyClose() throws SQLException {
    Connection c = cached.connection();
    for (int i = 0; i < CachedStatements.MAX_CACHED; i++) {
      c.prepareStatement("SELECT " + i).close();
    }
    PreparedStatement extra = c.prepareStatement("SELECT 'one too many'");
    assertThat(c.prepareStatement("SELECT 'one too many'")).isNotSameAs(extra);
    extra.close();
    assertThat(extra.isClosed()).isTrue();
    assertThat(c.prepareStatement("SELECT 0")).isSameAs(c.prepareStatement("SELECT 0"));
  }

  @Test
  void writesCannotCloseTheWriterAndCloseReleasesTheStatements() throws SQLException {
    PreparedStatement statement = cached.connection().prepareStatement("SELECT 1");
    assertThatThrownBy(() -> cached.connection().close()).isInstanceOf(SQLException.class);
    assertThat(connection.isClosed()).isFalse();
    cached.close();
    assertThat(statement.isClosed()).isTrue();
  }
}
