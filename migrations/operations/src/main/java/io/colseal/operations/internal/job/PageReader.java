package io.colseal.operations.internal.job;

import io.colseal.EnvelopeHeaders;
import io.colseal.RegisteredColumn;
import io.colseal.Storage;
import io.colseal.jdbc.DatabaseVendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads one table page by page with keyset pagination on its primary key: the rows after a key and
 * up to an upper bound that match the candidate condition, ordered by key, at most a batch of rows
 * and at most a byte budget of stored values (plus the row that crosses it, so a page is never
 * empty while rows are left). The budget is applied by the database, from the values' lengths,
 * so the driver never receives more than one page holds, whatever the size of the values. Stored
 * values are read with {@code getString} (text storage) or {@code getBytes} (binary); a text value
 * that is not a well-formed envelope is also read with {@code getObject}, for the plaintext migration.
 */
public final class PageReader {
  private final Dialect dialect;
  private final TableLayout table;
  private final Candidates candidates;
  private final List<String> keySql;
  private final long batchBytes;

  /** {@code batchBytes}: the byte budget of a page's stored values. */
  public PageReader(Dialect dialect, TableLayout table, Candidates candidates, long batchBytes) {
    this.dialect = dialect;
    this.table = table;
    this.candidates = candidates;
    this.batchBytes = batchBytes;
    this.keySql = table.key().stream().map(TableLayout.KeyColumn::sql).toList();
  }

  /** One row: its key, its stored values and, for text values that are not envelopes, their JDBC objects. */
  public record Row(List<Object> key, @Nullable Object[] stored, @Nullable Object[] plain) {}

  /**
   * A page of rows in key order; {@code last} when no candidate row of the range follows it.
   */
  public record Page(List<Row> rows, boolean last) {}

  /**
   * The next page: up to {@code limit} rows, and no row after the one whose stored values bring
   * the page's total to {@code batchBytes} or more.
   */
  public Page page(Connection c, @Nullable List<Object> after, @Nullable List<Object> upper, int limit)
      throws SQLException {
    List<String> lengths = new ArrayList<>();
    StringBuilder values = new StringBuilder();
    for (RegisteredColumn col : table.columns()) {
      lengths.add("COALESCE(OCTET_LENGTH(" + col.columnSql() + "), 0)");
      values.append(", t.").append(col.columnSql());
    }
    List<String> join = new ArrayList<>();
    List<String> outerKey = new ArrayList<>();
    for (String k : keySql) {
      join.add("t." + k + " = p." + k);
      outerKey.add("t." + k);
    }
    // Innermost: the keys and value lengths of the page's candidate rows, by key, at most limit;
    // then their running byte total; then the values of the rows that start below the budget,
    // joined by key. Only keys and lengths are ever materialised; only the chosen values are sent.
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", outerKey)).append(values)
        .append(", p.colseal_rows FROM ").append(table.tableSql()).append(" t JOIN (SELECT ").append(table.keyList())
        .append(", COUNT(*) OVER () AS colseal_rows, SUM(colseal_len) OVER (ORDER BY ").append(table.keyList())
        .append(" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - colseal_len AS colseal_before FROM (SELECT ")
        .append(table.keyList()).append(", ").append(String.join(" + ", lengths)).append(" AS colseal_len FROM ")
        .append(table.tableSql()).append(" WHERE ").append(candidates.sql());
    Keyset.Predicate afterP = after == null ? null : Keyset.after(keySql);
    Keyset.Predicate upperP = upper == null ? null : Keyset.atMost(keySql);
    if (afterP != null) {
      sql.append(" AND ").append(afterP.sql());
    }
    if (upperP != null) {
      sql.append(" AND ").append(upperP.sql());
    }
    sql.append(" ORDER BY ").append(table.keyList()).append(" LIMIT ?) colseal_candidates) p ON ")
        .append(String.join(" AND ", join)).append(" WHERE p.colseal_before < ? ORDER BY ")
        .append(String.join(", ", outerKey));
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = candidates.bind(ps, 1);
      if (afterP != null) {
        i = bindKey(ps, i, afterP, after);
      }
      if (upperP != null) {
        i = bindKey(ps, i, upperP, upper);
      }
      ps.setInt(i++, limit);
      ps.setLong(i, batchBytes);
      List<Row> rows = new ArrayList<>();
      long candidateRows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(read(rs));
          candidateRows = rs.getLong(table.key().size() + table.columns().size() + 1);
        }
      }
      return new Page(rows, candidateRows == rows.size() && rows.size() < limit);
    }
  }

  /** The row with {@code key} as it is now, whether or not it is still a candidate; null if it is gone. */
  public @Nullable Row reread(Connection c, List<Object> key) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(table.keyList());
    for (RegisteredColumn col : table.columns()) {
      sql.append(", ").append(col.columnSql());
    }
    Keyset.Predicate eq = Keyset.equal(keySql);
    sql.append(" FROM ").append(table.tableSql()).append(" WHERE ").append(eq.sql());
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bindKey(ps, 1, eq, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(rs) : null;
      }
    }
  }

  private Row read(ResultSet rs) throws SQLException {
    int k = table.key().size();
    List<Object> key = new ArrayList<>(k);
    for (int i = 1; i <= k; i++) {
      key.add(KeyTuple.normalize(rs.getObject(i)));
    }
    int n = table.columns().size();
    Object[] stored = new Object[n];
    Object[] plain = new Object[n];
    for (int j = 0; j < n; j++) {
      int index = k + 1 + j;
      if (table.columns().get(j).storage() == Storage.BINARY) {
        stored[j] = rs.getBytes(index);
        plain[j] = stored[j];
      } else {
        String s = rs.getString(index);
        stored[j] = s;
        plain[j] = s == null || EnvelopeHeaders.isWellFormed(s) ? s : rs.getObject(index);
      }
    }
    return new Row(key, stored, plain);
  }

  /** Binds {@code values} in the order {@code p} needs them; returns the next index. */
  public int bindKey(PreparedStatement ps, int index, Keyset.Predicate p, List<Object> values) throws SQLException {
    int i = index;
    for (int column : p.bindOrder()) {
      bindKeyValue(ps, i++, column, values.get(column));
    }
    return i;
  }

  void bindKeyValue(PreparedStatement ps, int index, int column, Object v) throws SQLException {
    if (v instanceof String s && dialect.vendor() == DatabaseVendor.POSTGRESQL && !table.key().get(column).textual()) {
      ps.setObject(index, s, Types.OTHER); // uuid, dates: PostgreSQL converts the text to the column's type
    } else {
      ps.setObject(index, v);
    }
  }
}
