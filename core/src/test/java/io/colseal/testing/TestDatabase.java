package io.colseal.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.colseal.config.Redaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own for one test class or test: a fresh in-memory H2 database, or a fresh
 * schema (PostgreSQL) or database (MariaDB) on the server configured for tests.
 *
 * <p>Servers come from the environment: {@code COLSEAL_TEST_POSTGRES_URL} (default user {@code
 * postgres}, override with {@code COLSEAL_TEST_POSTGRES_USER}/{@code _PASSWORD}) and {@code
 * COLSEAL_TEST_MARIADB_URL} (default user {@code root}). Without a URL, Testcontainers starts one
 * if Docker is available. Otherwise the test is skipped with a message, unless {@code
 * COLSEAL_TEST_REQUIRE_DATABASES=true} (as in CI), which turns the skip into a failure.
 *
 * <p>An H2 database stays until {@link #close()} shuts it down ({@code DB_CLOSE_DELAY=-1}), with or
 * without open connections. Connections from {@link #connect()} bypass the pool: closing one ends
 * its database session.
 */
public final class TestDatabase implements AutoCloseable {
  /** The databases every database-backed suite runs on. */
  public enum Kind {
    H2,
    POSTGRESQL,
    MARIADB
  }

  private final Kind kind;
  private final String url;
  private final String user;
  private final String password;
  private final String adminUrl;
  private final String name;
  private final HikariDataSource dataSource;

  private TestDatabase(Kind kind, String url, String user, String password, String adminUrl, String name) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
    this.adminUrl = adminUrl;
    this.name = name;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(1);
    config.setPoolName("test-" + name);
    this.dataSource = new HikariDataSource(config);
  }

  /**
   * A fresh, empty database of {@code kind}. The system property {@code test.colseal.databases}
   * (comma-separated kinds, as a build execution that swaps the H2 jar sets it) skips the others.
   * Only an {@link EachDatabase} test, or one that says why it uses one database ({@link
   * OneDatabase}), may ask for one.
   */
  public static TestDatabase create(Kind kind) {
    DatabaseCallers.requireDeclared(kind);
    String skip = skipReason(kind);
    if (skip != null) {
      Assumptions.abort(skip);
    }
    String name = "cs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return switch (kind) {
      case H2 -> new TestDatabase(kind, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", "", name);
      case POSTGRESQL -> postgres(name);
      case MARIADB -> mariadb(name);
    };
  }

  /**
   * Why this build run leaves {@code kind} out, or null: the system property {@code
   * test.colseal.databases} (comma-separated kinds) restricts a run that swaps the H2 jar to H2;
   * and a server database with no URL and no Docker is left out unless {@code
   * COLSEAL_TEST_REQUIRE_DATABASES=true}, which makes it a failure instead (as in CI).
   */
  static @org.jspecify.annotations.Nullable String skipReason(Kind kind) {
    String only = System.getProperty("test.colseal.databases", "");
    if (!only.isBlank() && !java.util.Arrays.asList(only.split(",")).contains(kind.name())) {
      return "this build run covers " + only + " only (test.colseal.databases)";
    }
    String prefix = switch (kind) {
      case H2 -> null;
      case POSTGRESQL -> "POSTGRES";
      case MARIADB -> "MARIADB";
    };
    if (prefix == null || "true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"))) {
      return null;
    }
    String url = System.getenv("COLSEAL_TEST_" + prefix + "_URL");
    if ((url == null || url.isBlank()) && !ContainerServers.dockerAvailable()) {
      return "no " + prefix.toLowerCase(Locale.ROOT) + " server: set COLSEAL_TEST_" + prefix
          + "_URL or make Docker available for Testcontainers";
    }
    return null;
  }

  private static TestDatabase postgres(String name) {
    Server s = server("POSTGRES", "postgres", ContainerServers::postgres);
    exec(s.url, s.user, s.password, "CREATE SCHEMA " + name);
    String url = s.url + (s.url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    return new TestDatabase(Kind.POSTGRESQL, url, s.user, s.password, s.url, name);
  }

  private static TestDatabase mariadb(String name) {
    Server s = server("MARIADB", "root", ContainerServers::mariadb);
    exec(s.url, s.user, s.password, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    int slash = s.url.indexOf('/', "jdbc:mariadb://".length());
    String base = slash < 0 ? s.url : s.url.substring(0, slash);
    String query = s.url.contains("?") ? s.url.substring(s.url.indexOf('?')) : "";
    return new TestDatabase(Kind.MARIADB, base + "/" + name + query, s.user, s.password, s.url, name);
  }

  record Server(String url, String user, String password) {}

  private static Server server(String prefix, String defaultUser, java.util.function.Supplier<Server> container) {
    String url = System.getenv("COLSEAL_TEST_" + prefix + "_URL");
    if (url != null && !url.isBlank()) {
      String user = System.getenv().getOrDefault("COLSEAL_TEST_" + prefix + "_USER", defaultUser);
      String password = System.getenv().getOrDefault("COLSEAL_TEST_" + prefix + "_PASSWORD", "");
      return new Server(url, user, password);
    }
    if (ContainerServers.dockerAvailable()) {
      return container.get();
    }
    String message = "no " + prefix.toLowerCase(Locale.ROOT) + " server: set COLSEAL_TEST_" + prefix
        + "_URL or make Docker available for Testcontainers";
    if ("true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"))) {
      throw new IllegalStateException(message + " (COLSEAL_TEST_REQUIRE_DATABASES=true)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private static void exec(String url, String user, String password, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + Redaction.maskUrl(url), e);
    }
  }

  public Kind kind() {
    return kind;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** A new connection outside the pool, for raw reads in assertions. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() {
    dataSource.close();
    switch (kind) {
      case H2 -> exec(url, user, password, "SHUTDOWN");
      case POSTGRESQL -> exec(adminUrl, user, password, "DROP SCHEMA " + name + " CASCADE");
      case MARIADB -> exec(adminUrl, user, password, "DROP DATABASE " + name);
    }
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
