package io.colseal.internal.keystore;

import io.colseal.jdbc.DatabaseVendor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The history table {@code colseal_schema_history}, laid out as a Flyway schema history table: the
 * same quoted lower-case names, columns, types, primary key and index that Flyway creates on each
 * database, and rows written as Flyway writes them. So a history that Flyway wrote (colseal before
 * its own migrator, or an application running colseal's scripts with Flyway and {@code
 * table=colseal_schema_history}) is read here, and one written here is read by Flyway.
 *
 * <p>Flyway's own marker rows are understood: {@code BASELINE} (written by {@code baselineOnMigrate}
 * at version 0), {@code TABLE} (H2's "history table created" row at rank -1) and {@code SCHEMA}
 * carry no script and are skipped by the migrator.
 */
final class SchemaHistory {
  static final String TABLE = "colseal_schema_history";
  static final String TYPE_SQL = "SQL";

  /** One row; {@code version} and {@code checksum} are null for marker rows. */
  record Row(
      int installedRank,
      @Nullable String version,
      String description,
      String type,
      String script,
      @Nullable Integer checksum,
      boolean success) {
    boolean isMarker() {
      return type.equals("BASELINE") || type.equals("TABLE") || type.equals("SCHEMA");
    }
  }

  private final DatabaseVendor vendor;

  SchemaHistory(DatabaseVendor vendor) {
    this.vendor = vendor;
  }

  /** Whether the table exists in the connection's current schema (MariaDB, MySQL: database). */
  boolean exists(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String escape = md.getSearchStringEscape();
    String schema = c.getSchema();
    try (ResultSet rs = md.getTables(c.getCatalog(), schema == null ? null : pattern(schema, escape),
        pattern(TABLE, escape), null)) {
      while (rs.next()) {
        if (TABLE.equals(rs.getString("TABLE_NAME"))) {
          return true;
        }
      }
    }
    return false;
  }

  void create(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE " + q(TABLE) + " ("
          + q("installed_rank") + " INT NOT NULL, "
          + q("version") + " VARCHAR(50), "
          + q("description") + " VARCHAR(200) NOT NULL, "
          + q("type") + " VARCHAR(20) NOT NULL, "
          + q("script") + " VARCHAR(1000) NOT NULL, "
          + q("checksum") + " INT, "
          + q("installed_by") + " VARCHAR(100) NOT NULL, "
          + q("installed_on") + " TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "
          + q("execution_time") + " INT NOT NULL, "
          + q("success") + " BOOLEAN NOT NULL, "
          + "CONSTRAINT " + q(TABLE + "_pk") + " PRIMARY KEY (" + q("installed_rank") + "))");
      st.execute("CREATE INDEX " + q(TABLE + "_s_idx") + " ON " + q(TABLE) + " (" + q("success") + ")");
    }
  }

  /** Every row, by installed rank. */
  List<Row> read(Connection c) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + q("installed_rank") + ", " + q("version") + ", "
            + q("description") + ", " + q("type") + ", " + q("script") + ", " + q("checksum") + ", "
            + q("success") + " FROM " + q(TABLE) + " ORDER BY " + q("installed_rank"))) {
      while (rs.next()) {
        int rank = rs.getInt(1);
        String version = rs.getString(2);
        String description = rs.getString(3);
        String type = rs.getString(4);
        String script = rs.getString(5);
        int checksum = rs.getInt(6);
        Integer checksumOrNull = rs.wasNull() ? null : checksum;
        boolean success = rs.getBoolean(7);
        rows.add(new Row(rank, version, description, type, script, checksumOrNull, success));
      }
    }
    return rows;
  }

  /** Records a run of {@code script}; {@code installed_on} is the database's current time. */
  void insert(Connection c, int rank, KeyTableScript script, int checksum, String installedBy, int executionMillis,
      boolean success) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + q(TABLE) + " (" + q("installed_rank") + ", "
        + q("version") + ", " + q("description") + ", " + q("type") + ", " + q("script") + ", " + q("checksum")
        + ", " + q("installed_by") + ", " + q("execution_time") + ", " + q("success")
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, rank);
      ps.setString(2, script.version());
      ps.setString(3, script.description());
      ps.setString(4, TYPE_SQL);
      ps.setString(5, script.fileName());
      ps.setInt(6, checksum);
      ps.setString(7, installedBy.length() > 100 ? installedBy.substring(0, 100) : installedBy);
      ps.setInt(8, executionMillis);
      ps.setBoolean(9, success);
      ps.executeUpdate();
    }
  }

  /** The statement that removes row {@code rank}, for messages that tell an operator to remove it. */
  String deleteStatement(int rank) {
    return "DELETE FROM " + q(TABLE) + " WHERE " + q("installed_rank") + " = " + rank;
  }

  /** The name quoted as Flyway quotes it: exact, lower case, so H2 does not fold it to upper case. */
  private String q(String identifier) {
    return vendor == DatabaseVendor.MYSQL ? "`" + identifier + "`" : "\"" + identifier + "\"";
  }

  private static String pattern(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }
}
