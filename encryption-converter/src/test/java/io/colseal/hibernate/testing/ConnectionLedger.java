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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/**
 * Counts how connections are handed out and given back, to prove that no connection is returned
 * twice: a second {@code close()} of a pooled connection, or a second {@code closeConnection} of a
 * Hibernate pool's connection, is recorded.
 */
public final class ConnectionLedger {
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

  /**
   * Hibernate's own pool (used when only {@code hibernate.connection.url} is set), counted in this
   * ledger: a proxy over a new instance of it, with every interface it has (so Hibernate configures,
   * starts and stops it as its own). A proxy rather than a subclass: the class is {@code
   * DriverManagerConnectionProvider} on Hibernate 7 and {@code DriverManagerConnectionProviderImpl}
   * on 6.6.
   */
  public ConnectionProvider builtInPool() {
    Object pool;
    try {
      pool = builtInPoolClass().getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = pool.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
          interfaces.add(i);
        }
      }
    }
    return (ConnectionProvider) Proxy.newProxyInstance(ConnectionProvider.class.getClassLoader(),
        interfaces.toArray(new Class<?>[0]), (proxy, method, args) -> {
          switch (method.getName()) {
            case "getConnection" -> {
              Connection c = (Connection) invoke(pool, method, args);
              lent(c);
              return c;
            }
            case "closeConnection" -> returned((Connection) args[0]);
            case "equals" -> {
              return proxy == args[0];
            }
            case "hashCode" -> {
              return System.identityHashCode(proxy);
            }
            default -> { }
          }
          return invoke(pool, method, args);
        });
  }

  private static Class<?> builtInPoolClass() {
    String pkg = "org.hibernate.engine.jdbc.connections.internal.";
    try {
      return Class.forName(pkg + "DriverManagerConnectionProvider");
    } catch (ClassNotFoundException hibernate66) {
      try {
        return Class.forName(pkg + "DriverManagerConnectionProviderImpl");
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("no built-in connection pool in this Hibernate", e);
      }
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
