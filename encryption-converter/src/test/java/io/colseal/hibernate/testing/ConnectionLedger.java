package io.colseal.hibernate.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.internal.DriverManagerConnectionProvider;

/**
 * Counts how connections are handed out and given back, to prove that no connection is returned
 * twice: a second {@code close()} of a pooled connection, or a second {@code closeConnection} of a
 * Hibernate pool's connection, is recorded.
 */
public final class ConnectionLedger {
  /** Shared by the Hibernate pool below, which Hibernate instantiates by class name. */
  public static final ConnectionLedger BUILT_IN_POOL = new ConnectionLedger();

  private final Set<Connection> out = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Connection, Integer> closes = new IdentityHashMap<>();
  private final AtomicInteger doubleReturns = new AtomicInteger();

  /** Connections given back while not out (returned twice). */
  public int doubleReturns() {
    return doubleReturns.get();
  }

  public synchronized void reset() {
    out.clear();
    closes.clear();
    doubleReturns.set(0);
  }

  synchronized void lent(Connection c) {
    out.add(c);
  }

  synchronized void returned(Connection c) {
    if (!out.remove(c)) {
      doubleReturns.incrementAndGet();
    }
  }

  /** {@code target}, with every connection it lends counted and each {@code close()} checked. */
  public DataSource around(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          if (method.getName().equals("getConnection")) {
            return tracked((Connection) result);
          }
          return result;
        });
  }

  private Connection tracked(Connection target) {
    Connection[] self = new Connection[1];
    self[0] = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            returned(self[0]);
          }
          return invoke(target, method, args);
        });
    lent(self[0]);
    return self[0];
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Hibernate's own pool (used when only {@code hibernate.connection.url} is set), counted. */
  public static final class RecordingBuiltInPool extends DriverManagerConnectionProvider {
    private static final long serialVersionUID = 1L;

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = super.getConnection();
      BUILT_IN_POOL.lent(c);
      return c;
    }

    @Override
    public void closeConnection(Connection c) throws SQLException {
      BUILT_IN_POOL.returned(c);
      super.closeConnection(c);
    }
  }

  /** A DataSource with no pool: each connection is a new physical one, closed on {@code close()}. */
  public static DataSource unpooled(String url, String user, String password) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, user, password);
      }

      @Override
      public Connection getConnection(String u, String p) throws SQLException {
        return DriverManager.getConnection(url, u, p);
      }

      @Override
      public PrintWriter getLogWriter() {
        return new PrintWriter(java.io.Writer.nullWriter());
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
      }

      @Override
      public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) {
        return false;
      }
    };
  }
}
