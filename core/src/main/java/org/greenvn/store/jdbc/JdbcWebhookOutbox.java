package org.greenvn.store.jdbc;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.greenvn.event.EventType;
import org.greenvn.webhook.PendingWebhook;
import org.greenvn.webhook.WebhookOutbox;

/**
 * A {@link WebhookOutbox} in the {@code greenvn_webhook} table: an added delivery is committed
 * durably before {@link #add} returns. {@link #claimDue} leases entries by moving their next
 * attempt to the end of the lease; on PostgreSQL it skips rows another node is claiming at the
 * same moment ({@code FOR UPDATE SKIP LOCKED}), so concurrent dispatchers never get the same entry
 * while its lease runs. Thread-safe.
 */
public final class JdbcWebhookOutbox implements WebhookOutbox {

  private static final Comparator<PendingWebhook> OLDEST_FIRST =
      Comparator.comparing(PendingWebhook::createdAt).thenComparing(PendingWebhook::id);

  private final SqlDatabase db;

  /** An outbox over {@code db}, whose schema is migrated already. */
  public JdbcWebhookOutbox(SqlDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void add(PendingWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    db.write(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO greenvn_webhook (id, tenant_sid, event_type, url, body, created_at,"
                      + " attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, webhook.id());
            insert.setString(2, webhook.tenantSid());
            insert.setString(3, webhook.type().name());
            insert.setString(4, webhook.url().toString());
            insert.setString(5, webhook.body());
            insert.setLong(6, RouteKeys.nanos(webhook.createdAt()));
            insert.setInt(7, webhook.attempts());
            insert.setLong(8, RouteKeys.nanos(webhook.nextAttemptAt()));
            return insert.executeUpdate();
          }
        },
        added -> {});
  }

  @Override
  public List<PendingWebhook> claimDue(Instant now, Duration lease, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    long leasedUntil = RouteKeys.nanos(now.plus(lease));
    return db.write(
        c -> {
          List<PendingWebhook> due = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT id, tenant_sid, event_type, url, body, created_at, attempts,"
                      + " next_attempt_at FROM greenvn_webhook WHERE next_attempt_at <= ?"
                      + " ORDER BY created_at, id LIMIT ?" + db.forUpdateSkipLocked())) {
            select.setLong(1, RouteKeys.nanos(now));
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                due.add(read(rs));
              }
            }
          }
          lease(c, due, leasedUntil);
          due.sort(OLDEST_FIRST);
          return List.copyOf(due);
        },
        claimed -> {});
  }

  private static void lease(Connection c, List<PendingWebhook> due, long until)
      throws SQLException {
    if (due.isEmpty()) {
      return;
    }
    try (PreparedStatement update =
        c.prepareStatement("UPDATE greenvn_webhook SET next_attempt_at = ? WHERE id = ?")) {
      for (PendingWebhook entry : due) {
        update.setLong(1, until);
        update.setString(2, entry.id());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static PendingWebhook read(ResultSet rs) throws SQLException {
    return new PendingWebhook(
        rs.getString(1),
        rs.getString(2),
        EventType.valueOf(rs.getString(3)),
        URI.create(rs.getString(4)),
        rs.getString(5),
        RouteKeys.instant(rs.getLong(6)),
        rs.getInt(7),
        RouteKeys.instant(rs.getLong(8)));
  }

  @Override
  public void delivered(String id) {
    delete(id);
  }

  @Override
  public void retryLater(String id, int attempts, Instant nextAttemptAt) {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative: " + attempts);
    }
    db.write(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE greenvn_webhook SET attempts = ?, next_attempt_at = ? WHERE id = ?")) {
            update.setInt(1, attempts);
            update.setLong(2, RouteKeys.nanos(nextAttemptAt));
            update.setString(3, id);
            return update.executeUpdate();
          }
        },
        updated -> {});
  }

  @Override
  public void abandon(String id) {
    delete(id);
  }

  private void delete(String id) {
    db.write(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM greenvn_webhook WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate();
          }
        },
        deleted -> {});
  }

  @Override
  public long backlog() {
    return db.read(
        c -> {
          try (PreparedStatement count =
                  c.prepareStatement("SELECT count(*) FROM greenvn_webhook");
              ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
