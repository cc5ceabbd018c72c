package io.colseal.cli.testing;

import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A database both this JVM and a colseal child process can reach: an H2 file database in a temp
 * directory (AUTO_SERVER, so both processes may hold it open), or a fresh PostgreSQL schema or
 * MariaDB database from {@link TestDatabase}.
 *
 * @param owner the server database to drop afterwards, null for H2
 * @param childPassword the password the child is given: the canary for H2 (the database is created
 *     with it) and PostgreSQL (trust authentication ignores it), the real one for MariaDB
 */
public record CliDatabase(TestDatabase.Kind kind, String url, String user, String password, String childPassword,
    TestDatabase owner) implements AutoCloseable {

  public static CliDatabase create(TestDatabase.Kind kind, Path dir) {
    if (kind == TestDatabase.Kind.H2) {
      String url = "jdbc:h2:file:" + dir.resolve("colseal-h2").toAbsolutePath() + ";AUTO_SERVER=TRUE";
      return new CliDatabase(kind, url, "sa", Cli.CANARY, Cli.CANARY, null);
    }
    TestDatabase db = TestDatabase.create(kind);
    String child = kind == TestDatabase.Kind.POSTGRESQL ? Cli.CANARY : db.password();
    return new CliDatabase(kind, db.url(), db.user(), db.password(), child, db);
  }

  public Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return DriverManager.getConnection(url, p);
  }

  /** A new connection per use, so the H2 file is free whenever this JVM is idle. */
  public ConnectionSource connections() {
    return new ConnectionSource() {
      @Override
      public Connection open() throws SQLException {
        return connect();
      }

      @Override
      public void release(Connection connection) throws SQLException {
        connection.close();
      }
    };
  }

  @Override
  public void close() {
    if (owner != null) {
      owner.close();
    }
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
