package io.colseal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where colseal gets connections for its key table. The Hibernate integration adapts the session
 * factory's {@code ConnectionProvider}; plain JDBC users pass a {@link DataSource}. colseal uses each
 * connection for one short key-table operation in its own transaction and gives it back.
 */
public interface ConnectionSource {
  Connection open() throws SQLException;

  void release(Connection connection) throws SQLException;

  /**
   * Where the connections go, for error messages: host and database where known, never
   * credentials. By default the {@code toString()}, which must not contain credentials either.
   */
  default String describe() {
    return toString();
  }

  /** Connections from {@code dataSource}, released with {@link Connection#close()}. */
  static ConnectionSource of(DataSource dataSource) {
    return new ConnectionSource() {
      @Override
      public Connection open() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public void release(Connection connection) throws SQLException {
        connection.close();
      }

      @Override
      public String toString() {
        return "ConnectionSource[" + dataSource.getClass().getSimpleName() + "]";
      }
    };
  }
}
