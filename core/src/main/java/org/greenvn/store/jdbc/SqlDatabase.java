package org.greenvn.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * A database the SQL stores write to: how it runs transactions, and the few SQL phrases that
 * differ between databases. Implemented once per database.
 */
public interface SqlDatabase {

  /**
   * Runs {@code work} in a write transaction and returns once it is durably committed; then, in
   * commit order for one database handle, passes the result to {@code afterCommit}.
   *
   * @throws StoreException if the database failed; the work's own runtime exceptions are rethrown
   *     as they are, after the work's writes were rolled back
   */
  <T> T write(SqlWork<T> work, Consumer<? super T> afterCommit);

  /** Runs {@code work} on a connection that sees every committed write. */
  <T> T read(SqlWork<T> work);

  /** What follows a SELECT to lock the rows it reads until the end of the transaction. */
  String forUpdate();

  /** What follows a SELECT to lock the rows it reads, skipping rows another one locked. */
  String forUpdateSkipLocked();

  /**
   * Records, inside the transaction of {@code connection}, that the allocation changed, so other
   * processes on the database refresh their routing index.
   */
  void recordChange(Connection connection, String greenvnId) throws SQLException;
}
