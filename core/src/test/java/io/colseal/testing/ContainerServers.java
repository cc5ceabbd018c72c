package io.colseal.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Database servers from Testcontainers, started once per JVM when no server URL is configured. */
final class ContainerServers {
  private static volatile JdbcDatabaseContainer<?> postgres;
  private static volatile JdbcDatabaseContainer<?> mariadb;

  private ContainerServers() {}

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static synchronized TestDatabase.Server postgres() {
    if (postgres == null) {
      PostgreSQLContainer c = new PostgreSQLContainer("postgres:16-alpine");
      c.start();
      postgres = c;
    }
    return new TestDatabase.Server(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
  }

  static synchronized TestDatabase.Server mariadb() {
    if (mariadb == null) {
      MariaDBContainer c = new MariaDBContainer("mariadb:11.4");
      c.withUsername("root");
      c.start();
      mariadb = c;
    }
    return new TestDatabase.Server(mariadb.getJdbcUrl(), "root", mariadb.getPassword());
  }
}
