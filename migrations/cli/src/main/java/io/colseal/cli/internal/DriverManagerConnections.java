package io.colseal.cli.internal;

import io.colseal.config.Redaction;
import io.colseal.jdbc.ConnectionSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A new JDBC connection per key-table operation, from {@link DriverManager}: the CLI runs a handful
 * of statements, so a pool would only add start-up time. {@link #toString()} masks credentials.
 */
public final class DriverManagerConnections implements ConnectionSource {
  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;

  public DriverManagerConnections(String url, @Nullable String user, @Nullable String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection open() throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(url, p);
  }

  @Override
  public void release(Connection connection) throws SQLException {
    connection.close();
  }

  @Override
  public String describe() {
    return Redaction.location(url);
  }

  @Override
  public String toString() {
    return "ConnectionSource[" + Redaction.maskUrl(url) + "]";
  }
}
