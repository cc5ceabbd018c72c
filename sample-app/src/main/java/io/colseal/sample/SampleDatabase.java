package io.colseal.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.colseal.config.Redaction;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The application's database: a HikariCP pool, the application schema (Flyway, {@code
 * db/migration/<vendor>}, history in {@code flyway_schema_history}) and the reset the demo does
 * before writing. colseal's key table is not created here: colseal migrates it itself, with a
 * history table of its own, when the SessionFactory starts.
 */
final class SampleDatabase {
  /** Application tables, children first, as the demo empties them. */
  static final List<String> TABLES = List.of("bank_account", "payment_card", "customer");

  /** The databases the sample's migrations are written for. */
  enum Vendor {
    H2("h2"),
    POSTGRESQL("postgresql"),
    /** MariaDB 10.3+; MySQL lacks the sequences the schema uses. */
    MARIADB("mariadb");

    private final String folder;

    Vendor(String folder) {
      this.folder = folder;
    }

    String migrationLocation() {
      return "classpath:db/migration/" + folder;
    }

    static Vendor of(DatabaseMetaData meta) throws SQLException {
      String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("h2")) {
        return H2;
      }
      if (product.contains("postgres")) {
        return POSTGRESQL;
      }
      if (product.contains("mariadb")
          || (product.contains("mysql") && meta.getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb"))) {
        return MARIADB;
      }
      throw new IllegalStateException("the sample runs on H2, PostgreSQL and MariaDB, not on "
          + meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
    }
  }

  private SampleDatabase() {}

  /** A connection pool for {@code settings}; the caller closes it. */
  static HikariDataSource open(DemoSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("colseal-sample");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.jdbcUser());
    config.setPassword(settings.jdbcPassword());
    config.setMaximumPoolSize(4);
    if (settings.jdbcUrl().startsWith("jdbc:postgresql:")) {
      // Lets the driver send one multi-row INSERT per JDBC batch.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      // Hikari's message can contain the URL; keep credentials out of what the demo prints.
      throw new IllegalStateException("cannot connect to " + Redaction.maskUrl(settings.jdbcUrl()) + " as "
          + settings.jdbcUser() + ": " + rootMessage(e), e);
    }
  }

  /** Detects the database product. */
  static Vendor vendor(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return Vendor.of(c.getMetaData());
    }
  }

  /** Brings the application schema up to date. */
  static MigrateResult migrate(DataSource dataSource, Vendor vendor) {
    return Flyway.configure(SampleDatabase.class.getClassLoader())
        .dataSource(dataSource)
        .locations(vendor.migrationLocation())
        // Lets the demo share a database that holds other tables, such as PostgreSQL's "test".
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .cleanDisabled(true)
        .load()
        .migrate();
  }

  /** Deletes every row of the application tables, so each run starts from the same state. */
  static void clear(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      for (String table : TABLES) {
        st.executeUpdate("DELETE FROM " + table);
      }
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return Redaction.maskUrl(String.valueOf(t.getMessage()));
  }
}
