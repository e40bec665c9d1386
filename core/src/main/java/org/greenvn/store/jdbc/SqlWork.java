package org.greenvn.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on a connection inside a transaction that a {@link SqlDatabase} opened and will end.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {

  /**
   * Does the work. A {@link RuntimeException} (a refusal such as a conflict) rolls back whatever
   * the work wrote and reaches the caller as it is.
   */
  T run(Connection connection) throws SQLException;
}
