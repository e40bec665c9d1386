package org.greenvn.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.greenvn.allocation.Allocation;
import org.greenvn.allocation.AllocationConflictException;
import org.greenvn.allocation.AllocationConflictException.Kind;
import org.greenvn.allocation.AllocationStore;
import org.greenvn.allocation.Pin;
import org.greenvn.allocation.StaleAllocationException;
import org.greenvn.phone.PhoneNumber;

/**
 * An {@link AllocationStore} in a SQL database, with the routing look-ups served from memory.
 *
 * <p><b>No double booking, by the database.</b> Each number and PIN of an active allocation is a
 * row of {@code greenvn_route} whose primary key is (virtual number, key), and active allocations
 * have a unique index on (tenant, connection id). A write inserts those rows in its transaction;
 * if one is held, the write is rolled back and refused with an
 * {@link AllocationConflictException} of the right kind. So two processes on one database can
 * never both win, whatever their memory says. {@link #replace} is a compare-and-replace on the
 * version column, under a row lock.
 *
 * <p><b>Routing index and its staleness bound.</b> {@link #findActiveByNumber},
 * {@link #findActiveByPin} and {@link #hasActiveWithPins} answer from an in-memory index of the
 * active allocations, loaded at start. A miss is never trusted: it falls through to the database
 * (and caches what it finds), so an allocation created through another process routes here at
 * once. A hit reflects this process's own writes at once, and every write committed by another
 * process more than the store's <em>maximum staleness</em> ago (one second unless configured):
 * the database's change feed (PostgreSQL's LISTEN/NOTIFY, or SQLite's change log) refreshes the
 * index and reports how far it got; while the feed is further behind than that bound (a lost
 * connection, a resync), hits are not trusted either and every look-up goes to the database. In
 * practice the lag is that of one notification, milliseconds.
 *
 * <p>Every other look-up reads the database. Thread-safe.
 */
public final class JdbcAllocationStore implements AllocationStore {

  private static final int LOCK_STRIPES = 64;

  private static final String SELECT_BODY = "SELECT body FROM greenvn_allocation ";

  private final SqlDatabase db;
  private final RoutingIndex index = new RoutingIndex();
  private final long maxStalenessNanos;
  private final LongSupplier ticker;
  private final ReentrantLock[] stripes = new ReentrantLock[LOCK_STRIPES];
  private volatile long syncedAt;
  private volatile boolean everSynced;

  /**
   * A store over {@code db}, whose schema is migrated already. Its index is empty and untrusted
   * until the change feed calls {@link #resync()} and {@link #synced(long)}.
   *
   * @param db the database
   * @param maxStaleness how far behind other processes' writes an index hit may be
   * @param ticker {@link System#nanoTime()}, or a test's
   */
  public JdbcAllocationStore(SqlDatabase db, Duration maxStaleness, LongSupplier ticker) {
    this.db = Objects.requireNonNull(db, "db");
    if (maxStaleness.isNegative()) {
      throw new IllegalArgumentException("maxStaleness must not be negative: " + maxStaleness);
    }
    this.maxStalenessNanos = maxStaleness.toNanos();
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    for (int i = 0; i < LOCK_STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void insert(Allocation allocation) {
    if (!allocation.isActive()) {
      throw new IllegalArgumentException("Only active allocations are inserted");
    }
    byte[] body = AllocationCodec.encode(allocation);
    db.write(
        c -> {
          if (exists(c, allocation.greenvnId())) {
            throw new IllegalArgumentException("Allocation exists: " + allocation.greenvnId());
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO greenvn_allocation (greenvn_id, tenant_sid, connection_id, greenvn,"
                      + " active, expires_at, vaulted_at, version, body)"
                      + " VALUES (?, ?, ?, ?, 1, ?, NULL, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, allocation.greenvnId());
            insert.setString(2, allocation.tenantSid());
            insert.setString(3, allocation.connectionId());
            insert.setString(4, allocation.greenvn().e164());
            insert.setLong(5, RouteKeys.nanos(allocation.expiresAt()));
            insert.setLong(6, allocation.version());
            insert.setBytes(7, body);
            if (insert.executeUpdate() == 0) {
              if (exists(c, allocation.greenvnId())) {
                throw new IllegalArgumentException("Allocation exists: " + allocation.greenvnId());
              }
              throw new AllocationConflictException(Kind.CONNECTION_ID, allocation.greenvn());
            }
          }
          insertRoutes(c, allocation);
          db.recordChange(c, allocation.greenvnId());
          return allocation;
        },
        index::put);
  }

  @Override
  public void replace(Allocation current, Allocation next) {
    Objects.requireNonNull(next, "next");
    if (!current.greenvnId().equals(next.greenvnId())
        || !current.tenantSid().equals(next.tenantSid())) {
      throw new IllegalArgumentException("replace must keep the allocation's id and tenant");
    }
    byte[] body = AllocationCodec.encode(next);
    // Held until the index has the result, so this process's own changes of one allocation reach
    // the index in the order the database committed them.
    ReentrantLock stripe = stripes[Math.floorMod(next.greenvnId().hashCode(), LOCK_STRIPES)];
    stripe.lock();
    try {
      db.write(c -> replaceIn(c, current, next, body), this::indexCommitted);
    } finally {
      stripe.unlock();
    }
  }

  private Allocation replaceIn(Connection c, Allocation current, Allocation next, byte[] body)
      throws SQLException {
    Allocation stored;
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT version, body FROM greenvn_allocation WHERE greenvn_id = ?" + db.forUpdate())) {
      select.setString(1, current.greenvnId());
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next() || rs.getLong(1) != current.version()) {
          throw new StaleAllocationException(current.greenvnId());
        }
        stored = AllocationCodec.decode(rs.getBytes(2));
      }
    }
    boolean storedActive = stored.isActive();
    String storedGreenvn = stored.greenvn().e164();
    if (next.isActive() && !storedActive) {
      throw new IllegalArgumentException("A vaulted allocation stays in the vault");
    }
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE greenvn_allocation SET connection_id = ?, greenvn = ?, active = ?,"
                + " expires_at = ?, vaulted_at = ?, version = ?, body = ? WHERE greenvn_id = ?")) {
      update.setString(1, next.connectionId());
      update.setString(2, next.greenvn().e164());
      update.setInt(3, next.isActive() ? 1 : 0);
      update.setLong(4, RouteKeys.nanos(next.expiresAt()));
      if (next.isActive()) {
        update.setNull(5, Types.BIGINT);
      } else {
        update.setLong(5, RouteKeys.nanos(next.deallocatedAt().orElse(next.updatedAt())));
      }
      update.setLong(6, next.version());
      update.setBytes(7, body);
      update.setString(8, next.greenvnId());
      update.executeUpdate();
    }
    if (storedActive) {
      deleteRoutes(c, stored);
    }
    if (next.isActive()) {
      insertRoutes(c, next);
    }
    if (storedActive && (!next.isActive() || !next.greenvn().e164().equals(storedGreenvn))) {
      recordRelease(c, next.tenantSid(), storedGreenvn, next.updatedAt());
    }
    db.recordChange(c, next.greenvnId());
    return next;
  }

  private void indexCommitted(Allocation next) {
    if (next.isActive()) {
      index.put(next);
    } else {
      index.remove(next.greenvnId());
    }
  }

  /** Deletes the route rows of {@code a}, by their keys. */
  private static void deleteRoutes(Connection c, Allocation a) throws SQLException {
    long greenvn = RouteKeys.digits(a.greenvn());
    long[] keys = RouteKeys.of(a);
    if (keys.length == 0) {
      return;
    }
    try (PreparedStatement delete =
        c.prepareStatement(
            "DELETE FROM greenvn_route WHERE greenvn = ? AND route_key = ? AND greenvn_id = ?")) {
      for (long key : keys) {
        delete.setLong(1, greenvn);
        delete.setLong(2, key);
        delete.setString(3, a.greenvnId());
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  /**
   * Inserts the route rows of {@code a}, each once and in ascending order (so that concurrent
   * writers lock keys in one order and cannot deadlock), and throws the conflict if one is held.
   */
  private static void insertRoutes(Connection c, Allocation a) throws SQLException {
    long greenvn = RouteKeys.digits(a.greenvn());
    long[] keys = RouteKeys.of(a);
    int[] inserted;
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO greenvn_route (greenvn, route_key, greenvn_id) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      for (long key : keys) {
        insert.setLong(1, greenvn);
        insert.setLong(2, key);
        insert.setString(3, a.greenvnId());
        insert.addBatch();
      }
      inserted = keys.length == 0 ? new int[0] : insert.executeBatch();
    }
    boolean pinHeld = false;
    for (int i = 0; i < keys.length; i++) {
      if (inserted[i] == 0) {
        if (!RouteKeys.isPin(keys[i])) {
          throw new AllocationConflictException(Kind.NUMBER, a.greenvn());
        }
        pinHeld = true;
      }
    }
    if (pinHeld) {
      throw new AllocationConflictException(Kind.PIN, a.greenvn());
    }
  }

  private static void recordRelease(Connection c, String tenantSid, String greenvn, Instant at)
      throws SQLException {
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO greenvn_release (tenant_sid, greenvn, released_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (tenant_sid, greenvn) DO UPDATE SET released_at ="
                + " CASE WHEN excluded.released_at > greenvn_release.released_at"
                + " THEN excluded.released_at ELSE greenvn_release.released_at END")) {
      upsert.setString(1, tenantSid);
      upsert.setString(2, greenvn);
      upsert.setLong(3, RouteKeys.nanos(at));
      upsert.executeUpdate();
    }
  }

  private static boolean exists(Connection c, String greenvnId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT 1 FROM greenvn_allocation WHERE greenvn_id = ?")) {
      select.setString(1, greenvnId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public int purgeVaultedBefore(Instant cutoff, int limit) {
    if (limit <= 0) {
      return 0;
    }
    return db.write(
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM greenvn_allocation WHERE greenvn_id IN (SELECT greenvn_id FROM"
                      + " greenvn_allocation WHERE active = 0 AND vaulted_at < ?"
                      + " ORDER BY vaulted_at, greenvn_id LIMIT ?)")) {
            delete.setLong(1, RouteKeys.nanos(cutoff));
            delete.setInt(2, limit);
            return delete.executeUpdate();
          }
        },
        purged -> {});
  }

  // ---------------------------------------------------------------- routing look-ups

  @Override
  public Optional<Allocation> findActiveByNumber(PhoneNumber greenvn, PhoneNumber number) {
    return findActiveByRoute(RouteKeys.digits(greenvn), RouteKeys.digits(number));
  }

  @Override
  public Optional<Allocation> findActiveByPin(PhoneNumber greenvn, Pin pin) {
    return findActiveByRoute(RouteKeys.digits(greenvn), RouteKeys.pin(pin));
  }

  private Optional<Allocation> findActiveByRoute(long greenvn, long key) {
    if (isFresh()) {
      byte[] hit = index.route(greenvn, key);
      if (hit != null) {
        return Optional.of(AllocationCodec.decode(hit));
      }
    }
    long epoch = index.epoch();
    Optional<Allocation> found =
        db.read(
            c -> {
              try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT a.body FROM greenvn_route r JOIN greenvn_allocation a"
                          + " ON a.greenvn_id = r.greenvn_id"
                          + " WHERE r.greenvn = ? AND r.route_key = ?")) {
                select.setLong(1, greenvn);
                select.setLong(2, key);
                return one(select);
              }
            });
    found.ifPresent(a -> cacheIfUnchanged(a, epoch));
    return found;
  }

  /**
   * Caches what a look-up read, unless the index changed since the read began: then a change may
   * have removed it meanwhile, and caching it would bring it back.
   */
  private void cacheIfUnchanged(Allocation a, long epoch) {
    synchronized (index) {
      if (index.epoch() == epoch && a.isActive()) {
        index.put(a);
      }
    }
  }

  @Override
  public boolean hasActiveWithPins(PhoneNumber greenvn) {
    long vn = RouteKeys.digits(greenvn);
    if (isFresh() && index.hasPins(vn)) {
      return true;
    }
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT 1 FROM greenvn_route WHERE greenvn = ? AND route_key < 0 LIMIT 1")) {
            select.setLong(1, vn);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  private boolean isFresh() {
    return everSynced && ticker.getAsLong() - syncedAt <= maxStalenessNanos;
  }

  // ---------------------------------------------------------------- other look-ups

  @Override
  public Optional<Allocation> find(String greenvnId) {
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(SELECT_BODY + "WHERE greenvn_id = ?")) {
            select.setString(1, greenvnId);
            return one(select);
          }
        });
  }

  @Override
  public Optional<Allocation> findActiveByConnectionId(String tenantSid, String connectionId) {
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  SELECT_BODY + "WHERE tenant_sid = ? AND connection_id = ? AND active = 1")) {
            select.setString(1, tenantSid);
            select.setString(2, connectionId);
            return one(select);
          }
        });
  }

  @Override
  public List<Allocation> dueForExpiry(Collection<String> tenantSids, Instant now, int limit) {
    List<String> tenants = List.copyOf(new LinkedHashSet<>(tenantSids));
    if (tenants.isEmpty() || limit <= 0) {
      return List.of();
    }
    String placeholders = String.join(", ", Collections.nCopies(tenants.size(), "?"));
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  SELECT_BODY + "WHERE active = 1 AND expires_at <= ? AND tenant_sid IN ("
                      + placeholders + ") ORDER BY expires_at, greenvn_id LIMIT ?")) {
            int i = 1;
            select.setLong(i++, RouteKeys.nanos(now));
            for (String tenant : tenants) {
              select.setString(i++, tenant);
            }
            select.setInt(i, limit);
            return all(select);
          }
        });
  }

  @Override
  public Map<PhoneNumber, Integer> activeCountByGreenvn(String tenantSid) {
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT greenvn, count(*) FROM greenvn_allocation"
                      + " WHERE tenant_sid = ? AND active = 1 GROUP BY greenvn")) {
            select.setString(1, tenantSid);
            Map<PhoneNumber, Integer> counts = new HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                counts.put(new PhoneNumber(rs.getString(1)), rs.getInt(2));
              }
            }
            return Map.copyOf(counts);
          }
        });
  }

  @Override
  public Map<PhoneNumber, Instant> lastReleaseByGreenvn(String tenantSid) {
    return db.read(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT greenvn, released_at FROM greenvn_release WHERE tenant_sid = ?")) {
            select.setString(1, tenantSid);
            Map<PhoneNumber, Instant> releases = new HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                releases.put(new PhoneNumber(rs.getString(1)), RouteKeys.instant(rs.getLong(2)));
              }
            }
            return Map.copyOf(releases);
          }
        });
  }

  private static Optional<Allocation> one(PreparedStatement select) throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? Optional.of(AllocationCodec.decode(rs.getBytes(1))) : Optional.empty();
    }
  }

  private static List<Allocation> all(PreparedStatement select) throws SQLException {
    List<Allocation> out = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        out.add(AllocationCodec.decode(rs.getBytes(1)));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- the change feed's side

  /**
   * Rebuilds the routing index from the database: at start, and when the change feed may have
   * missed changes (a reconnection). Call {@link #synced(long)} after it.
   *
   * @return how many active allocations were indexed
   */
  public int resync() {
    synchronized (index) {
      index.clear();
      return db.read(
          c -> {
            int loaded = 0;
            try (PreparedStatement select =
                c.prepareStatement(SELECT_BODY + "WHERE active = 1")) {
              select.setFetchSize(4096);
              try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  index.put(rs.getBytes(1));
                  loaded++;
                }
              }
            }
            return loaded;
          });
    }
  }

  /** Reloads these allocations into the index, as another process changed them. */
  public void refresh(Collection<String> greenvnIds) {
    if (greenvnIds.isEmpty()) {
      return;
    }
    List<String> ids = List.copyOf(new LinkedHashSet<>(greenvnIds));
    // Read under the index's lock: no own change can slip between the read and the update and be
    // overwritten by the older value read here.
    synchronized (index) {
      Map<String, Allocation> current = new HashMap<>();
      for (int from = 0; from < ids.size(); from += 500) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
        String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
        for (Allocation a :
            db.read(
                c -> {
                  try (PreparedStatement select =
                      c.prepareStatement(
                          SELECT_BODY + "WHERE greenvn_id IN (" + placeholders + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                      select.setString(i + 1, chunk.get(i));
                    }
                    return all(select);
                  }
                })) {
          current.put(a.greenvnId(), a);
        }
      }
      for (String id : ids) {
        Allocation a = current.get(id);
        if (a != null && a.isActive()) {
          index.put(a);
        } else {
          index.remove(id);
        }
      }
    }
  }

  /**
   * The change feed has applied every change other processes committed before {@code nanoTime}
   * (a reading of the store's ticker taken before the feed last heard from the database).
   */
  public void synced(long nanoTime) {
    syncedAt = nanoTime;
    everSynced = true;
  }

  /** How many active allocations the routing index holds. */
  public int indexedCount() {
    return index.size();
  }
}
