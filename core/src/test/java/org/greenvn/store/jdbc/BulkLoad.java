package org.greenvn.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.greenvn.allocation.Allocation;

/**
 * Writes active allocations straight into a migrated greenvn schema, as the store itself would
 * lay them out (allocation row, route rows, no change-log rows), but in the caller's transaction
 * and batched: for building large databases for benchmarks. It checks nothing; the caller makes
 * sure no number or PIN is held twice.
 */
public final class BulkLoad {

  private final PreparedStatement allocation;
  private final PreparedStatement route;

  /** Prepares the inserts on {@code c}; the caller owns the transaction. */
  public BulkLoad(Connection c) throws SQLException {
    this.allocation = c.prepareStatement(
        "INSERT INTO greenvn_allocation (greenvn_id, tenant_sid, connection_id, greenvn, active,"
            + " expires_at, vaulted_at, version, body) VALUES (?, ?, ?, ?, 1, ?, NULL, ?, ?)");
    this.route = c.prepareStatement(
        "INSERT INTO greenvn_route (greenvn, route_key, greenvn_id) VALUES (?, ?, ?)");
  }

  /** Adds {@code a} (active) to the batch. */
  public void add(Allocation a) throws SQLException {
    allocation.setString(1, a.greenvnId());
    allocation.setString(2, a.tenantSid());
    allocation.setString(3, a.connectionId());
    allocation.setString(4, a.greenvn().e164());
    allocation.setLong(5, RouteKeys.nanos(a.expiresAt()));
    allocation.setLong(6, a.version());
    allocation.setBytes(7, AllocationCodec.encode(a));
    allocation.addBatch();
    long greenvn = RouteKeys.digits(a.greenvn());
    for (long key : RouteKeys.of(a)) {
      route.setLong(1, greenvn);
      route.setLong(2, key);
      route.setString(3, a.greenvnId());
      route.addBatch();
    }
  }

  /** Sends the batch (the allocation rows first: the route rows refer to them). */
  public void flush() throws SQLException {
    allocation.executeBatch();
    route.executeBatch();
  }
}
