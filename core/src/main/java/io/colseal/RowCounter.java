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
 * EnvelopeHeaders#textShapeSql}, {@link EnvelopeHeaders#binaryShapeSql}); values that are not
 * envelopes, a plaintext that starts with a header among them, are counted as not encrypted. One grouped query (one scan)
 * per column.
 */
final class RowCounter {
  /** Group of NULL values: shorter than any header. */
  private static final byte[] BINARY_NULL = {0};
  private static final String TEXT_NULL = "-";

  private final JdbcSupport jdbc;

  RowCounter(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  ColumnRowCounts count(RegisteredColumn column) {
    boolean binary = column.storage() == Storage.BINARY;
    String t = column.tableSql();
    DatabaseVendor vendor = jdbc.vendor();
    return jdbc.inTransaction("count rows per key version of " + column.column(), column.tableSql(), conn -> {
      // One pass over the table: each row falls into the group of its envelope header, the group of
      // NULLs (a marker no header can equal) or the group of non-envelopes (NULL).
      // A value counts as an envelope only with the whole shape of one (header and body), so a
      // plaintext that merely starts with a header is counted as not encrypted.
      String head = head(column, vendor);
      Map<Integer, Long> byVersion = new TreeMap<>();
      Map<Integer, Long> deterministic = new TreeMap<>();
      long total = 0;
      long nulls = 0;
      long notEncrypted = 0;
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT h, COUNT(*) FROM (SELECT " + head + " AS h FROM " + t + ") x GROUP BY h")) {
        bind(ps, 1, binary);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long n = rs.getLong(2);
            total += n;
            if (binary ? Arrays.equals(rs.getBytes(1), BINARY_NULL) : TEXT_NULL.equals(rs.getString(1))) {
              nulls += n;
              continue;
            }
            EnvelopeFormat.Header h = binary ? headerOf(rs.getBytes(1)) : headerOf(rs.getString(1));
            if (h == null) {
              notEncrypted += n;
            } else {
              byVersion.merge(h.keyVersion(), n, Long::sum);
              if (h.algorithm() == Algorithm.AES_256_GCM_SIV) {
                deterministic.merge(h.keyVersion(), n, Long::sum);
              }
            }
          }
        }
      }
      return new ColumnRowCounts(column.table(), column.column(), total, nulls, byVersion, notEncrypted, deterministic);
    });
  }

  /**
   * Rows per key version over all {@code columns} (registered columns of one table) in one scan:
   * the rows grouped by the header of each column, then each group counted for every version one of
   * its values names; see {@link TableRowCounts} for what the two counts mean.
   */
  TableRowCounts countTable(String table, List<RegisteredColumn> columns) {
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
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        int p = 1;
        for (RegisteredColumn column : columns) {
          p = bind(ps, p, column.storage() == Storage.BINARY);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long n = rs.getLong(columns.size() + 1);
            total += n;
            Set<Integer> versions = new TreeSet<>();
            boolean notEnvelope = false;
            for (int i = 0; i < columns.size(); i++) {
              boolean binary = columns.get(i).storage() == Storage.BINARY;
              if (binary ? Arrays.equals(rs.getBytes(i + 1), BINARY_NULL) : TEXT_NULL.equals(rs.getString(i + 1))) {
                continue;
              }
              EnvelopeFormat.Header h = binary ? headerOf(rs.getBytes(i + 1)) : headerOf(rs.getString(i + 1));
              if (h == null) {
                notEnvelope = true;
              } else {
                versions.add(h.keyVersion());
              }
            }
            for (int v : versions) {
              any.merge(v, n, Long::sum);
            }
            if (versions.size() == 1 && !notEnvelope) {
              all.merge(versions.iterator().next(), n, Long::sum);
            }
          }
        }
      }
      return new TableRowCounts(table, total, any, all);
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
            + EnvelopeHeaders.textShapeSql(vendor, c) + " THEN SUBSTRING(" + c + ", 1, 18) ELSE NULL END";
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
