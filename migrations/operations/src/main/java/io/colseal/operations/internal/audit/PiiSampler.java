package io.colseal.operations.internal.audit;

import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.DatabaseVendor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads a bounded random sample of a column's (or a pair of columns') non-NULL, non-empty values,
 * spread over the whole table rather than its first rows in storage order.
 *
 * <p>Design note: a table estimated under {@link #LARGE_TABLE_ROWS} rows is sampled with {@code
 * ORDER BY random()} ({@code RAND()}) and {@code LIMIT n}: one scan of a small table, a bounded sort.
 * A larger one is sampled without reading it all: PostgreSQL reads a {@code TABLESAMPLE SYSTEM} of
 * its blocks (then {@code BERNOULLI}, then the full random order when too few values come back);
 * MariaDB and H2 read short runs of rows from random points of a single-column integer primary key
 * ("keyset-random"), or fall back to the random order. Every random choice is seeded, so the same
 * data gives the same sample. The methods used are recorded ({@link #methodsUsed()}).
 */
final class PiiSampler {
  static final long LARGE_TABLE_ROWS = 100_000;
  private static final int SEED = 20_151_015;
  private static final int KEYSET_POINTS = 20;

  enum Dialect { POSTGRESQL, MARIADB, H2, OTHER }

  private final Connection c;
  private final Dialect dialect;
  private final String quote;
  private final int sampleRows;
  private final long largeTableRows;
  private final Set<String> methodsUsed = new TreeSet<>();

  PiiSampler(Connection c, int sampleRows, long largeTableRows) throws SQLException {
    this.c = c;
    this.dialect = dialect(c.getMetaData());
    this.quote = c.getMetaData().getIdentifierQuoteString().strip();
    this.sampleRows = sampleRows;
    this.largeTableRows = largeTableRows;
  }

  static Dialect dialect(DatabaseMetaData md) throws SQLException {
    try {
      return switch (DatabaseVendor.of(md.getConnection())) {
        case POSTGRESQL -> Dialect.POSTGRESQL;
        case MYSQL -> Dialect.MARIADB;
        case H2 -> Dialect.H2;
      };
    } catch (ColsealConfigException e) {
      return Dialect.OTHER; // a database the key table does not support: sampled in the portable way
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** The sampling methods used so far: RANDOM_ORDER, TABLESAMPLE_SYSTEM, TABLESAMPLE_BERNOULLI, KEYSET_RANDOM. */
  Set<String> methodsUsed() {
    return Collections.unmodifiableSet(methodsUsed);
  }

  String quote(String identifier) {
    return quote.isEmpty() ? identifier : quote + identifier.replace(quote, quote + quote) + quote;
  }

  /** Up to {@code sampleRows} rows of {@code columns} of {@code table} where every one is non-NULL and non-empty. */
  List<String[]> sample(PiiScanner.CatalogTable table, List<PiiScanner.CatalogColumn> columns) throws SQLException {
    if (sampleRows == 0) {
      return List.of();
    }
    String from = (table.schema() == null ? "" : quote(table.schema()) + ".") + quote(table.name());
    StringBuilder select = new StringBuilder();
    StringBuilder where = new StringBuilder();
    for (PiiScanner.CatalogColumn col : columns) {
      String q = quote(col.column());
      select.append(select.isEmpty() ? "" : ", ").append(q);
      where.append(where.isEmpty() ? "" : " AND ").append(q).append(" IS NOT NULL");
      if (col.isCharacter()) {
        where.append(" AND ").append(q).append(" <> ''");
      }
    }
    long estimate = estimateRows(table);
    if (estimate >= largeTableRows) {
      List<String[]> out = dialect == Dialect.POSTGRESQL ? tableSample(from, select, where, estimate, columns.size())
          : keysetRandom(table, from, select, where, columns.size());
      if (out != null && out.size() >= sampleRows) {
        return out.subList(0, sampleRows);
      }
    }
    methodsUsed.add("RANDOM_ORDER");
    String random = switch (dialect) {
      case MARIADB -> "RAND(" + SEED + ")";
      case POSTGRESQL, H2 -> "RANDOM()";
      case OTHER -> null;
    };
    if (dialect == Dialect.POSTGRESQL) {
      try (Statement st = c.createStatement()) {
        st.execute("SELECT setseed(0.5)");
      }
    } else if (dialect == Dialect.H2) {
      try (Statement st = c.createStatement()) {
        st.execute("SELECT RAND(" + SEED + ")");
      }
    }
    String sql = "SELECT " + select + " FROM " + from + " WHERE " + where
        + (random == null ? "" : " ORDER BY " + random) + " LIMIT " + sampleRows;
    return read(sql, columns.size(), sampleRows);
  }

  private @Nullable List<String[]> tableSample(String from, CharSequence select, CharSequence where, long estimate,
      int width) throws SQLException {
    double pct = Math.min(100.0, 100.0 * 10 * sampleRows / estimate);
    methodsUsed.add("TABLESAMPLE_SYSTEM");
    // Bounded: a stale row estimate must not make a 2 % sample of a billion rows land in memory.
    int bound = 10 * sampleRows;
    List<String[]> rows = read("SELECT " + select + " FROM " + from + " TABLESAMPLE SYSTEM (" + pct + ") REPEATABLE ("
        + SEED + ") WHERE " + where + " LIMIT " + bound, width, bound);
    if (rows.size() < sampleRows) {
      methodsUsed.add("TABLESAMPLE_BERNOULLI");
      rows = read("SELECT " + select + " FROM " + from + " TABLESAMPLE BERNOULLI (" + Math.min(100.0, pct * 10)
          + ") REPEATABLE (" + SEED + ") WHERE " + where + " LIMIT " + bound, width, bound);
    }
    Collections.shuffle(rows, new Random(SEED));
    return rows;
  }

  private @Nullable List<String[]> keysetRandom(PiiScanner.CatalogTable table, String from, CharSequence select,
      CharSequence where, int width) throws SQLException {
    String key = table.integerKey();
    if (key == null) {
      return null;
    }
    String k = quote(key);
    long min;
    long max;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT MIN(" + k + "), MAX(" + k + ") FROM " + from)) {
      if (!rs.next() || rs.getObject(1) == null) {
        return null;
      }
      min = rs.getLong(1);
      max = rs.getLong(2);
    }
    methodsUsed.add("KEYSET_RANDOM");
    Random random = new Random(SEED);
    int per = (sampleRows + KEYSET_POINTS - 1) / KEYSET_POINTS;
    List<String[]> out = new ArrayList<>();
    String sql = "SELECT " + select + " FROM " + from + " WHERE " + k + " >= ? AND " + where + " ORDER BY " + k
        + " LIMIT " + per;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < KEYSET_POINTS; i++) {
        ps.setLong(1, min + (long) (random.nextDouble() * (max - min + 1)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String[] row = row(rs, width);
            if (row != null) { // blank text, an empty CLOB or JSON: no value to look at
              out.add(row);
            }
          }
        }
      }
    }
    Collections.shuffle(out, random);
    return out;
  }

  private List<String[]> read(String sql, int width, int max) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next() && out.size() < max) {
        String[] row = row(rs, width);
        if (row != null) {
          out.add(row);
        }
      }
    }
    return out;
  }

  private static String @Nullable [] row(ResultSet rs, int width) throws SQLException {
    String[] row = new String[width];
    for (int i = 0; i < width; i++) {
      String v = rs.getString(i + 1);
      if (v == null || v.isBlank()) {
        return null;
      }
      row[i] = v;
    }
    return row;
  }

  /** The catalog's estimate of the table's rows; 0 when it has none (never analysed). */
  private long estimateRows(PiiScanner.CatalogTable table) throws SQLException {
    String sql = switch (dialect) {
      case POSTGRESQL -> "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND c.relname = ?";
      case MARIADB -> "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
      case H2 -> "SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
      case OTHER -> null;
    };
    if (sql == null || table.schema() == null) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, table.schema());
      ps.setString(2, table.name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Math.max(0, (long) rs.getDouble(1)) : 0;
      }
    }
  }

  /** Whether {@code jdbcType} holds integers only, for a keyset. */
  static boolean isInteger(int jdbcType) {
    return jdbcType == Types.INTEGER || jdbcType == Types.BIGINT || jdbcType == Types.SMALLINT;
  }
}
