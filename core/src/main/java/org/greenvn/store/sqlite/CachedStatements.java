package org.greenvn.store.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer connection as its writes see it: {@code prepareStatement(sql)} hands back the same
 * prepared statement for the same SQL, and closing it only clears its parameters and batch. The
 * driver keeps no cache of its own, so without this every write parsed and planned each of its
 * statements again on the single writer thread, which every create waits for.
 *
 * <p>Only the writer thread uses it, one write at a time: no locking. At most {@value
 * #MAX_CACHED} statements are kept; statements beyond that are plain ones, closed when closed.
 */
final class CachedStatements {

  static final int MAX_CACHED = 64;

  private final Connection connection;
  /** By SQL, the statement writes get, which keeps its {@code close()}. */
  private final Map<String, PreparedStatement> cache = new HashMap<>();
  /** The driver's statements behind the cached ones, closed by {@link #close()}. */
  private final List<PreparedStatement> owned = new ArrayList<>();
  private final Connection view;

  CachedStatements(Connection connection) {
    this.connection = connection;
    this.view =
        (Connection)
            Proxy.newProxyInstance(
                CachedStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                this::onConnection);
  }

  /** The connection to hand to writes. */
  Connection connection() {
    return view;
  }

  /** Closes every cached statement (before the connection itself is closed). */
  void close() throws SQLException {
    SQLException first = null;
    for (PreparedStatement statement : owned) {
      try {
        statement.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    cache.clear();
    owned.clear();
    if (first != null) {
      throw first;
    }
  }

  private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("prepareStatement")
        && args != null
        && args.length == 1
        && args[0] instanceof String sql) {
      return prepared(sql);
    }
    if (method.getName().equals("close") && (args == null || args.length == 0)) {
      throw new SQLException("The writer connection is the store's; writes do not close it");
    }
    return invoke(connection, method, args);
  }

  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement cached = cache.get(sql);
    if (cached == null) {
      PreparedStatement statement = connection.prepareStatement(sql);
      if (cache.size() >= MAX_CACHED) {
        return statement;
      }
      cached = reusable(statement);
      cache.put(sql, cached);
      owned.add(statement);
    }
    return cached;
  }

  private static PreparedStatement reusable(PreparedStatement statement) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close":
              if (args == null || args.length == 0) {
                // Kept for the next write; what this one bound must not leak into it.
                statement.clearParameters();
                statement.clearBatch();
                return null;
              }
              break;
            case "isClosed":
              if (args == null || args.length == 0) {
                return statement.isClosed();
              }
              break;
            default:
              break;
          }
          return invoke(statement, method, args);
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            CachedStatements.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
