package io.colseal.internal.keystore;

import io.colseal.jdbc.DatabaseVendor;

import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.exception.KeyTableException;
import io.colseal.SchemaManagement;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates or checks the key table according to {@code colseal.key-table.schema-management}.
 *
 * <p>{@code migrate} runs colseal's own Flyway migrations ({@code db/colseal/migration/<vendor>})
 * with a history table of its own, {@code colseal_schema_history}, so it never touches the
 * application's Flyway history. Migrations of several processes starting at once are serialised
 * by Flyway's database lock; within one JVM they are also serialised here.
 */
public final class KeyTableSchema {
  public static final String HISTORY_TABLE = "colseal_schema_history";
  private static final Object JVM_LOCK = new Object();

  private KeyTableSchema() {}

  public static void apply(SchemaManagement management, ConnectionSource connections, JdbcKeyTable keyTable) {
    switch (management) {
      case MIGRATE -> migrate(connections, keyTable.vendor());
      case VALIDATE -> validate(keyTable);
      case NONE -> {}
    }
  }

  private static void validate(JdbcKeyTable keyTable) {
    try {
      keyTable.validateSchema();
    } catch (KeyTableException e) {
      throw new ColsealConfigException(
          "key table " + JdbcKeyTable.TABLE + " is missing or lacks columns; run colseal's migrations"
              + " (colseal.key-table.schema-management=migrate, or include "
              + keyTable.vendor().migrationLocation() + " in your Flyway locations)",
          e);
    }
  }

  private static void migrate(ConnectionSource connections, DatabaseVendor vendor) {
    synchronized (JVM_LOCK) {
      try {
        Flyway.configure(KeyTableSchema.class.getClassLoader())
            .dataSource(new ConnectionSourceDataSource(connections))
            .locations(vendor.migrationLocation())
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .baselineDescription("colseal baseline")
            .cleanDisabled(true)
            .load()
            .migrate();
      } catch (FlywayException e) {
        throw new ColsealConfigException("colseal key-table migration failed: " + e.getMessage(), e);
      }
    }
  }

  /** A DataSource over a ConnectionSource whose connections go back through {@code release}. */
  private static final class ConnectionSourceDataSource implements DataSource {
    private final ConnectionSource source;

    ConnectionSourceDataSource(ConnectionSource source) {
      this.source = source;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection target = source.open();
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("close") && method.getParameterCount() == 0) {
                  source.release(target);
                  return null;
                }
                try {
                  return method.invoke(target, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("colseal uses the application's connections");
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
  }
}
