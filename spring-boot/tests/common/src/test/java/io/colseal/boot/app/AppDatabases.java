package io.colseal.boot.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL database of the Boot test applications: a schema of its own per JVM on the server
 * {@code COLSEAL_TEST_POSTGRES_URL} names (user {@code COLSEAL_TEST_POSTGRES_USER}, default {@code
 * postgres}, password {@code COLSEAL_TEST_POSTGRES_PASSWORD}), dropped when the JVM ends, so the
 * test classes share one cached Spring context and the three Boot lines never meet. Without a URL
 * the test is skipped, or fails with {@code COLSEAL_TEST_REQUIRE_DATABASES=true} (as in CI).
 *
 * <p>Not colseal-core's {@code TestDatabase}: it links Testcontainers 2 eagerly, and these
 * applications have Boot's dependencies only (Boot 3.5 manages Testcontainers 1.x), so they use
 * a configured server and never start containers.
 */
final class AppDatabases {
  /** A schema on the server, as Spring's {@code spring.datasource.*} takes it. */
  record Schema(String url, String user, String password) {}

  private static Schema postgres;

  private AppDatabases() {}

  static synchronized Schema postgres() {
    if (postgres == null) {
      String server = System.getenv("COLSEAL_TEST_POSTGRES_URL");
      if (server == null || server.isBlank()) {
        String message = "no PostgreSQL server: set COLSEAL_TEST_POSTGRES_URL";
        if ("true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"))) {
          throw new IllegalStateException(message + " (COLSEAL_TEST_REQUIRE_DATABASES=true)");
        }
        Assumptions.abort(message);
      }
      String user = System.getenv().getOrDefault("COLSEAL_TEST_POSTGRES_USER", "postgres");
      String password = System.getenv().getOrDefault("COLSEAL_TEST_POSTGRES_PASSWORD", "");
      String schema = "boot_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      exec(server, user, password, "CREATE SCHEMA " + schema);
      Runtime.getRuntime().addShutdownHook(new Thread(
          () -> exec(server, user, password, "DROP SCHEMA " + schema + " CASCADE"), "drop-" + schema));
      String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      postgres = new Schema(url, user, password);
    }
    return postgres;
  }

  private static void exec(String url, String user, String password, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on the PostgreSQL test server", e);
    }
  }
}
