package org.greenvn.store.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad PostgreSQL settings are refused before anything connects. */
class PostgresStoreBuilderTest {

  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/greenvn";

  @Test
  void aUrlOfAnotherDatabaseIsRefused() {
    assertThatThrownBy(() -> PostgresStore.builder("jdbc:sqlite:/tmp/x.db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void aSchemaNameThatIsNotAPlainIdentifierIsRefused() {
    for (String bad : new String[] {"Public", "a;drop", "", "1abc", "x".repeat(60)}) {
      assertThatThrownBy(() -> PostgresStore.builder(URL).schema(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("schema");
    }
  }

  @Test
  void sizesAndDurationsMustBePositive() {
    assertThatThrownBy(() -> PostgresStore.builder(URL).poolSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize");
    assertThatThrownBy(() -> PostgresStore.builder(URL).heartbeat(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heartbeat");
  }
}
