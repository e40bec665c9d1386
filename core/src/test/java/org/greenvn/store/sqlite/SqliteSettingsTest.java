package org.greenvn.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite connections carry the durability settings the store promises. */
class SqliteSettingsTest {

  @TempDir Path dir;

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void byDefaultTheFileIsInWalModeWithFullSyncAndABusyTimeout() throws Exception {
    try (SqliteDatabase db =
            new SqliteDatabase(
                dir.resolve("a.db"), SqliteStore.Synchronous.FULL, Duration.ofSeconds(5), "n");
        Connection c = db.connect()) {
      assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(c, "synchronous")).isEqualTo("2"); // FULL
      assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
      assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
    }
  }

  @Test
  void normalSyncIsTakenWhenAskedFor() throws Exception {
    try (SqliteDatabase db =
            new SqliteDatabase(
                dir.resolve("b.db"), SqliteStore.Synchronous.NORMAL, Duration.ofMillis(250), "n");
        Connection c = db.connect()) {
      assertThat(pragma(c, "synchronous")).isEqualTo("1"); // NORMAL
      assertThat(pragma(c, "busy_timeout")).isEqualTo("250");
    }
  }

  @Test
  void theStoreIsOneFileUnderItsDataDirectoryMadeIfMissing() {
    Path data = dir.resolve("nested/data");
    try (SqliteStore store = SqliteStore.open(data)) {
      assertThat(store.file()).isEqualTo(data.resolve(SqliteStore.FILE_NAME));
      assertThat(Files.isRegularFile(store.file())).isTrue();
    }
  }

  @Test
  void badSettingsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> SqliteStore.builder(dir).busyTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("busyTimeout");
    assertThatThrownBy(() -> SqliteStore.builder(dir).maxStaleness(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxStaleness");
  }
}
