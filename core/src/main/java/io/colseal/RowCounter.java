package io.colseal;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.MalformedEnvelopeException;
import io.colseal.internal.keystore.JdbcSupport;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.keys.Algorithm;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Counts rows per key version of a registered column with plain SQL over the envelope prefix
 * (never decrypting): text envelopes by their 18-character header, binary ones by their 8-byte
 * header, of either algorithm (randomized {@code 01} and deterministic {@code 02}, the latter also
 * counted on their own). A value counts as an envelope only if its body has the shape too ({@link
 * EnvelopeHeaders#textBodyShapeSql} in SQL with each group's header parsed here, which together are
 * {@link EnvelopeHeaders#textShapeSql}; {@link EnvelopeHeaders#binaryShapeSql}); values that are not
 * envelopes, a plaintext that starts with a header among them, are counted as not encrypted. One
 * grouped query (one scan) per table, for all its registered columns at once.
 */
final class RowCounter {
  /** Group of NULL values: shorter than any header. */
  private static final byte[] BINARY_NULL = {0};
  private static final String TEXT_NULL = "-";

  private final JdbcSupport jdbc;

  RowCounter(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Rows per key version over all {@code columns} (registered columns of one table) in one scan:
   * the rows grouped by the header of each column, then each group counted for every version one of
   * its values names ({@link TableRowCounts}), and for each column by the header of its own value
   * ({@link ColumnRowCounts}).
   */
  KeyAdmin.TableCounts countTable(String table, List<RegisteredColumn> columns) {
    DatabaseVendor vendor = jdbc.vendor();
    List<String> heads = new ArrayList<>();
    for (RegisteredColumn column : columns) {
      heads.add(head(column, vendor) + " AS h" + heads.size());
    }
    String groups = String.join(", ", IntStream.range(0, heads.size()).mapToObj(i -> "h" + i).toList());
    String sql = "SELECT " + groups + ", COUNT(*) FROM (SELECT " + String.join(", ", heads) + " FROM "
        + columns.get(0).tableSql() + ") x GROUP BY " + groups;
    return jdbc.inTransaction("count rows per key version of " + table, columns.get(0).tableSql(), conn -> {
      Map<Integer, Long> any = new TreeMap<>();
      Map<Integer, Long> all = new TreeMap<>();
      long total = 0;
      int n = columns.size();
      long[] nulls = new long[n];
      long[] notEncrypted = new long[n];
      List<Map<Integer, Long>> byVersion = new ArrayList<>();
      List<Map<Integer, Long>> deterministic = new ArrayList<>();
      List<Map<Integer, Long>> columnKey = new ArrayList<>();
      List<Map<Integer, Long>> rowBound = new ArrayList<>();
      List<Map<Integer, Long>> aria = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        aria.add(new TreeMap<>());
        byVersion.add(new TreeMap<>());
        deterministic.add(new TreeMap<>());
        columnKey.add(new TreeMap<>());
        rowBound.add(new TreeMap<>());
      }
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        int p = 1;
        for (RegisteredColumn column : columns) {
          p = bind(ps, p, column.storage() == Storage.BINARY);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long rows = rs.getLong(n + 1);
            total += rows;
            Set<Integer> versions = new TreeSet<>();
            boolean notEnvelope = false;
            for (int i = 0; i < n; i++) {
              boolean binary = columns.get(i).storage() == Storage.BINARY;
              if (binary ? Arrays.equals(rs.getBytes(i + 1), BINARY_NULL) : TEXT_NULL.equals(rs.getString(i + 1))) {
                nulls[i] += rows;
                continue;
              }
              EnvelopeFormat.Header h = binary ? headerOf(rs.getBytes(i + 1)) : headerOf(rs.getString(i + 1));
              if (h == null) {
                notEnvelope = true;
                notEncrypted[i] += rows;
              } else {
                versions.add(h.keyVersion());
                byVersion.get(i).merge(h.keyVersion(), rows, Long::sum);
                if (h.algorithm() == Algorithm.AES_256_GCM_SIV) {
                  deterministic.get(i).merge(h.keyVersion(), rows, Long::sum);
                } else if (h.algorithm() == Algorithm.AES_256_GCM_COLUMN_KEY) {
                  columnKey.get(i).merge(h.keyVersion(), rows, Long::sum);
                } else if (h.algorithm() == Algorithm.AES_256_GCM_ROW_BOUND) {
                  rowBound.get(i).merge(h.keyVersion(), rows, Long::sum);
                } else if (h.algorithm() == Algorithm.ARIA_256_GCM) {
                  aria.get(i).merge(h.keyVersion(), rows, Long::sum);
                }
              }
            }
            for (int v : versions) {
              any.merge(v, rows, Long::sum);
            }
            if (versions.size() == 1 && !notEnvelope) {
              all.merge(versions.iterator().next(), rows, Long::sum);
            }
          }
        }
      }
      List<ColumnRowCounts> perColumn = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        RegisteredColumn c = columns.get(i);
        perColumn.add(new ColumnRowCounts(c.table(), c.column(), total, nulls[i], byVersion.get(i), notEncrypted[i],
            deterministic.get(i), columnKey.get(i), rowBound.get(i), aria.get(i)));
      }
      return new KeyAdmin.TableCounts(new TableRowCounts(table, total, any, all), perColumn);
    });
  }

  /**
   * The group of one value: its envelope header, the NULL marker, or NULL for a value that is not
   * an envelope. Text columns take one parameter, binary ones two ({@link #bind}).
   */
  private static String head(RegisteredColumn column, DatabaseVendor vendor) {
    String c = column.columnSql();
    return column.storage() == Storage.BINARY
        ? "CASE WHEN " + c + " IS NULL THEN ? WHEN SUBSTRING(" + c + ", 1, 3) = ? AND "
            + EnvelopeHeaders.binaryShapeSql(vendor, c) + " THEN SUBSTRING(" + c + ", 1, 8) ELSE NULL END"
        : "CASE WHEN " + c + " IS NULL THEN '" + TEXT_NULL + "' WHEN SUBSTRING(" + c + ", 1, 4) = ? AND "
            + EnvelopeHeaders.textBodyShapeSql(vendor, c) + " THEN SUBSTRING(" + c + ", 1, 18) ELSE NULL END";
  }

  private static int bind(PreparedStatement ps, int p, boolean binary) throws SQLException {
    if (binary) {
      ps.setBytes(p, BINARY_NULL);
      ps.setBytes(p + 1, EnvelopeHeaders.binaryMagic());
      return p + 2;
    }
    ps.setString(p, EnvelopeHeaders.textMagic());
    return p + 1;
  }

  private static EnvelopeFormat.@Nullable Header headerOf(byte @Nullable [] header) {
    if (header == null) {
      return null;
    }
    try {
      return EnvelopeFormat.parseBinaryHeader(header);
    } catch (MalformedEnvelopeException e) {
      return null;
    }
  }

  private static EnvelopeFormat.@Nullable Header headerOf(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      return EnvelopeFormat.parseText(header);
    } catch (MalformedEnvelopeException e) {
      return null;
    }
  }
}
