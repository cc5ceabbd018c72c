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

  /** Flyway location of this vendor's key-table migrations. */
  public String migrationLocation() {
    return "classpath:db/colseal/migration/" + folder;
  }

  /** Whether timestamps are stored in a zone-aware type (else DATETIME holding UTC). */
  public boolean zonedTimestamps() {
    return this != MYSQL;
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
