package io.colseal.jdbc;

import io.colseal.exception.ColsealConfigException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases colseal's key table supports, and what differs between them. */
public enum DatabaseVendor {
  H2("h2"),
  POSTGRESQL("postgresql"),
  /** MariaDB and MySQL share one set of scripts. */
  MYSQL("mysql");

  private final String folder;

  DatabaseVendor(String folder) {
    this.folder = folder;
  }

  /**
   * Class-path folder of this vendor's key-table scripts, {@code db/colseal/migration/<vendor>}:
   * what colseal's built-in migrator runs, and what an application's Flyway or Liquibase may run
   * instead.
   */
  public String migrationFolder() {
    return "db/colseal/migration/" + folder;
  }

  /** Flyway location of this vendor's key-table scripts: {@code classpath:} + {@link #migrationFolder()}. */
  public String migrationLocation() {
    return "classpath:" + migrationFolder();
  }

  /** Whether timestamps are stored in a zone-aware type (else DATETIME holding UTC). */
  public boolean zonedTimestamps() {
    return this != MYSQL;
  }

  /**
   * Whether DDL statements take part in transactions, so that a failed script rolls back whole
   * (PostgreSQL). H2, MariaDB and MySQL commit each DDL statement on its own.
   */
  public boolean transactionalDdl() {
    return this == POSTGRESQL;
  }

  public static DatabaseVendor of(Connection connection) throws SQLException {
    return fromProductName(connection.getMetaData().getDatabaseProductName());
  }

  public static DatabaseVendor fromProductName(String productName) {
    String p = productName.toLowerCase(Locale.ROOT);
    if (p.contains("h2")) {
      return H2;
    }
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return MYSQL;
    }
    throw new ColsealConfigException(
        "database '" + productName + "' is not supported for the key table (H2, PostgreSQL, MariaDB, MySQL)");
  }
}
