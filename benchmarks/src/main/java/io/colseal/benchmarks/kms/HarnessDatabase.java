package io.colseal.benchmarks.kms;

import io.colseal.benchmarks.kms.HarnessOptions.Scenario;
import io.colseal.benchmarks.kms.HarnessTables.HarnessTable;
import io.colseal.config.Redaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A PostgreSQL schema of one scenario: created fresh with the harness tables, and the key table
 * when the scenario asks for it beforehand; read after the run, and dropped by {@link #close()}.
 */
final class HarnessDatabase implements AutoCloseable {
  /** One row of {@code colseal_data_key}. */
  record KeyRow(String table, int version, String state, String createdBy) {}

  private static final String KEY_TABLE_MIGRATIONS = "classpath:db/colseal/migration/postgresql";

  private final String serverUrl;
  private final String user;
  private final String password;
  private final String schema;

  private HarnessDatabase(String serverUrl, String user, String password, String schema) {
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    this.schema = schema;
  }

  /**
   * Creates a schema named for {@code scenario}: the key table first if {@link
   * Scenario#keyTableBeforehand()} (Flyway wants an empty schema), then empty {@code tables}.
   */
  static HarnessDatabase create(HarnessOptions options, Scenario scenario, List<HarnessTable> tables)
      throws HarnessException {
    String schema = ("colseal_kms_" + UUID.randomUUID().toString().substring(0, 8) + "_" + scenario.id())
        .replace('-', '_').toLowerCase(Locale.ROOT);
    HarnessDatabase db = new HarnessDatabase(options.jdbcUrl(), options.user(), options.password(), schema);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
      if (scenario.keyTableBeforehand()) {
        db.migrateKeyTable();
      }
      for (HarnessTable t : tables) {
        st.execute(HarnessTables.createTable(t).replaceFirst("CREATE TABLE ", "CREATE TABLE " + schema + "."));
      }
    } catch (SQLException | HarnessException e) {
      db.close();
      throw new HarnessException("cannot create schema " + schema + " on " + Redaction.maskUrl(options.jdbcUrl())
          + ": " + e.getMessage(), e);
    }
    return db;
  }

  String schema() {
    return schema;
  }

  /**
   * Creates colseal's key table from the migrations colseal ships, the way an application's own
   * Flyway runs them (its own history table; see {@code docs/reference/key-table.md}, option 2).
   */
  private void migrateKeyTable() throws HarnessException {
    try {
      Flyway.configure(HarnessDatabase.class.getClassLoader())
          .dataSource(processUrl(), user, password)
          .locations(KEY_TABLE_MIGRATIONS)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new HarnessException("cannot create the key table in " + schema + ": " + e.getMessage(), e);
    }
  }

  /** The URL the processes use: the server's, with this schema as the current one. */
  String processUrl() {
    return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** The key table's rows, ordered by table and version; empty if no process created the table. */
  List<KeyRow> keys() throws HarnessException {
    List<KeyRow> out = new ArrayList<>();
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT table_name, key_version, state, created_by FROM " + schema
            + ".colseal_data_key ORDER BY table_name, key_version")) {
      while (rs.next()) {
        out.add(new KeyRow(rs.getString(1), rs.getInt(2), rs.getString(3), String.valueOf(rs.getString(4))));
      }
    } catch (SQLException e) {
      throw new HarnessException("cannot read " + schema + ".colseal_data_key: " + e.getMessage(), e);
    }
    return out;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(serverUrl, user, password);
  }

  /** Drops the schema and everything in it. */
  @Override
  public void close() {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop schema " + schema + ": " + e.getMessage());
    }
  }
}
