package org.greenvn.examples.server;

import org.greenvn.allocation.AllocationStore;
import org.greenvn.examples.server.ServerConfig.StoreSettings;
import org.greenvn.store.InMemoryAllocationStore;
import org.greenvn.store.postgres.PostgresStore;
import org.greenvn.store.sqlite.SqliteStore;
import org.greenvn.webhook.InMemoryWebhookOutbox;
import org.greenvn.webhook.WebhookOutbox;

/** The store the configuration names: allocations and the webhook outbox, closed together. */
final class ServerStore implements AutoCloseable {

  private final AllocationStore allocations;
  private final WebhookOutbox outbox;
  private final AutoCloseable closer;
  private final String description;

  private ServerStore(
      AllocationStore allocations, WebhookOutbox outbox, AutoCloseable closer, String description) {
    this.allocations = allocations;
    this.outbox = outbox;
    this.closer = closer;
    this.description = description;
  }

  static ServerStore open(StoreSettings settings) {
    switch (settings.kind()) {
      case "sqlite" -> {
        SqliteStore sqlite = SqliteStore.open(settings.dataDir());
        return new ServerStore(
            sqlite.allocations(), sqlite.webhookOutbox(), sqlite, "SQLite at " + sqlite.file());
      }
      case "postgres" -> {
        PostgresStore postgres =
            PostgresStore.open(
                settings.jdbcUrl(), settings.user(), settings.password(), settings.poolSize());
        return new ServerStore(
            postgres.allocations(), postgres.webhookOutbox(), postgres,
            "PostgreSQL at " + settings.jdbcUrl());
      }
      case "memory" -> {
        return new ServerStore(
            new InMemoryAllocationStore(), new InMemoryWebhookOutbox(), () -> {},
            "memory (lost when the server stops)");
      }
      default -> throw new ConfigException("store.kind: unknown store " + settings.kind());
    }
  }

  AllocationStore allocations() {
    return allocations;
  }

  WebhookOutbox outbox() {
    return outbox;
  }

  @Override
  public String toString() {
    return description;
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new IllegalStateException("Closing the store failed: " + description, e);
    }
  }
}
