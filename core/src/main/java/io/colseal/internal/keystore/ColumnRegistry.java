package io.colseal.internal.keystore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The column registry {@code colseal_column}: the encrypted and blind-index columns applications
 * declare at start-up, which the {@code colseal} command and the audit work from. Rows hold the
 * registry's text values as stored; {@code io.colseal.KeyAdmin} turns them into typed records.
 * Every method is one short transaction of its own ({@link JdbcSupport}).
 */
public final class ColumnRegistry {
  public static final String TABLE = "colseal_column";
  /** The {@code mode} of blind-index columns; encrypted columns hold their encryption mode. */
  public static final String BLIND_INDEX_MODE = "BLIND_INDEX";

  private static final String COLUMNS = "table_name, column_name, table_sql, column_sql, java_type, storage, mode,"
      + " classification, entity, attribute, source_column, normalizer, index_bits, registered_at, last_seen_at";
  /**
   * A concurrent registration of the same column by another instance: the primary key by name
   * (PostgreSQL, MariaDB/MySQL), or H2's index on this table, whose name differs between H2 lines
   * (see {@link DataKeyTable#LOST_RACE}).
   */
  static final String[] SAME_COLUMN = {"colseal_column_pk", "PRIMARY'", "." + TABLE + "("};

  private final JdbcSupport jdbc;

  public ColumnRegistry(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One registry row. {@code sourceColumn}, {@code normalizer} and {@code indexBits} are set for
   * blind-index columns only; the timestamps are null until the registry stamps the row.
   */
  public record Row(String table, String column, String tableSql, String columnSql, String javaType, String storage,
      String mode, String classification, String entity, String attribute, @Nullable String sourceColumn,
      @Nullable String normalizer, @Nullable Integer indexBits, @Nullable Instant registeredAt,
      @Nullable Instant lastSeenAt) {}

  /** Checks that the registry exists with every column colseal reads. */
  public void validate() {
    jdbc.inTransaction("validate the columns", TABLE, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE 1 = 0");
          ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  /**
   * Records {@code row}, or refreshes the row of the same table and column. Idempotent. When
   * instances start together on MariaDB or MySQL, an update that finds no row locks the gap the
   * row would go in, and two such transactions that then insert deadlock; the database rolls one
   * back and {@link JdbcSupport} runs it again, when it finds the other's row.
   */
  public void register(Row row) {
    jdbc.inTransaction("register " + row.table() + '.' + row.column(), TABLE, c -> {
      Instant now = jdbc.clock().instant();
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET table_sql = ?, column_sql = ?,"
          + " java_type = ?, storage = ?, mode = ?, classification = ?, entity = ?, attribute = ?, source_column = ?,"
          + " normalizer = ?, index_bits = ?, last_seen_at = ? WHERE table_name = ? AND column_name = ?")) {
        int i = bind(ps, row);
        jdbc.setInstant(ps, i, now);
        ps.setString(i + 1, row.table());
        ps.setString(i + 2, row.column());
        if (ps.executeUpdate() == 1) {
          return null;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (table_sql, column_sql, java_type,"
          + " storage, mode, classification, entity, attribute, source_column, normalizer, index_bits, registered_at,"
          + " last_seen_at, table_name, column_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int i = bind(ps, row);
        jdbc.setInstant(ps, i, now);
        jdbc.setInstant(ps, i + 1, now);
        ps.setString(i + 2, row.table());
        ps.setString(i + 3, row.column());
        ps.executeUpdate();
      }
      return null;
    }, e -> {
      if (JdbcSupport.isUniqueViolationOf(e, SAME_COLUMN)) {
        return null; // registered by another instance at the same moment; its row is as good as ours
      }
      throw e;
    });
  }

  private static int bind(PreparedStatement ps, Row row) throws SQLException {
    ps.setString(1, row.tableSql());
    ps.setString(2, row.columnSql());
    ps.setString(3, row.javaType());
    ps.setString(4, row.storage());
    ps.setString(5, row.mode());
    ps.setString(6, row.classification());
    ps.setString(7, row.entity());
    ps.setString(8, row.attribute());
    ps.setString(9, row.sourceColumn());
    ps.setString(10, row.normalizer());
    if (row.indexBits() == null) {
      ps.setNull(11, Types.INTEGER);
    } else {
      ps.setInt(11, row.indexBits());
    }
    return 12;
  }

  /** The registered encrypted columns (not blind indexes), ordered by table and column. */
  public List<Row> encryptedColumns() {
    return rows("read the encrypted columns", "mode <> '" + BLIND_INDEX_MODE + "'");
  }

  /** The registered blind-index columns, ordered by table and column. */
  public List<Row> blindIndexColumns() {
    return rows("read the blind-index columns", "mode = '" + BLIND_INDEX_MODE + "'");
  }

  private List<Row> rows(String operation, String where) {
    return jdbc.inTransaction(operation, TABLE, c -> {
      List<Row> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + where
          + " ORDER BY table_name, column_name"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int bits = rs.getInt("index_bits");
          Integer indexBits = rs.wasNull() ? null : bits;
          out.add(new Row(rs.getString("table_name"), rs.getString("column_name"), rs.getString("table_sql"),
              rs.getString("column_sql"), rs.getString("java_type"), rs.getString("storage"), rs.getString("mode"),
              rs.getString("classification"), rs.getString("entity"), rs.getString("attribute"),
              rs.getString("source_column"), rs.getString("normalizer"), indexBits,
              jdbc.requireInstant(rs, "registered_at", TABLE), jdbc.requireInstant(rs, "last_seen_at", TABLE)));
        }
      }
      return out;
    });
  }
}
