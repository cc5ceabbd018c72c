package io.colseal.operations.internal.job;

import io.colseal.RegisteredColumn;
import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.DatabaseVendor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * One table as the job sees it: its SQL name, its primary key (from {@link
 * DatabaseMetaData#getPrimaryKeys}) and its registered encrypted columns.
 *
 * @param table the normalised name (registry, key table, job tables)
 */
public record TableLayout(String table, String tableSql, List<KeyColumn> key, List<RegisteredColumn> columns) {
  public TableLayout {
    key = List.copyOf(key);
    columns = List.copyOf(columns);
  }

  /**
   * A primary-key column.
   *
   * @param name as the metadata spells it
   * @param sql the identifier to use in SQL
   * @param display the name in reports ({@code id}, lower-cased where the database upper-cases)
   * @param textual whether it has a character type (others are bound by their text on PostgreSQL)
   */
  public record KeyColumn(String name, String sql, String display, boolean textual) {}

  /** The layout of {@code columns}' table (all of one table), or CONFIG_INVALID without a primary key. */
  public static TableLayout discover(Connection c, Dialect dialect, List<RegisteredColumn> columns)
      throws SQLException {
    RegisteredColumn first = columns.get(0);
    String tableSql = first.tableSql();
    String bare = tableSql;
    String schema = c.getSchema();
    int dot = bare.lastIndexOf('.');
    if (dot > 0 && !bare.endsWith("\"") && !bare.endsWith("`")) {
      schema = unquote(bare.substring(0, dot));
      bare = bare.substring(dot + 1);
    }
    boolean quoted = bare.startsWith("\"") || bare.startsWith("`");
    bare = unquote(bare);
    List<String> spellings = quoted ? List.of(bare)
        : List.of(bare, bare.toUpperCase(Locale.ROOT), bare.toLowerCase(Locale.ROOT));
    DatabaseMetaData md = c.getMetaData();
    for (String name : spellings) {
      TreeMap<Integer, String> pk = new TreeMap<>();
      try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), dialect.vendor() == DatabaseVendor.MYSQL ? null : schema, name)) {
        while (rs.next()) {
          pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        }
      }
      if (!pk.isEmpty()) {
        List<KeyColumn> key = new ArrayList<>();
        for (String col : pk.values()) {
          key.add(new KeyColumn(col, dialect.identifier(col), display(col),
              textual(md, c, dialect.vendor() == DatabaseVendor.MYSQL ? null : schema, name, col)));
        }
        return new TableLayout(first.table(), tableSql, key, columns);
      }
    }
    throw new ColsealConfigException("table " + first.table() + " has no primary key; the re-encryption job "
        + "pages through rows by primary key and refuses tables without one");
  }

  private static boolean textual(DatabaseMetaData md, Connection c, String schema, String table, String column)
      throws SQLException {
    try (ResultSet rs = md.getColumns(c.getCatalog(), schema, table, column)) {
      if (rs.next()) {
        int type = rs.getInt("DATA_TYPE");
        return type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR || type == Types.NVARCHAR
            || type == Types.NCHAR || type == Types.LONGNVARCHAR || type == Types.CLOB;
      }
    }
    return true;
  }

  private static String display(String name) {
    return name.equals(name.toUpperCase(Locale.ROOT)) ? name.toLowerCase(Locale.ROOT) : name;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("`") && s.endsWith("`"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** The primary-key columns as SQL, comma-separated: the ORDER BY of every page. */
  public String keyList() {
    return String.join(", ", key.stream().map(KeyColumn::sql).toList());
  }
}
