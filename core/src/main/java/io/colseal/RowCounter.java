package io.colseal;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.MalformedEnvelopeException;
import io.colseal.internal.keystore.JdbcSupport;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.keys.Algorithm;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
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
    String c = column.columnSql();
    String t = column.tableSql();
    DatabaseVendor vendor = jdbc.vendor();
    return jdbc.inTransaction("count rows per key version of " + column.column(), column.tableSql(), conn -> {
      // One pass over the table: each row falls into the group of its envelope header, the group of
      // NULLs (a marker no header can equal) or the group of non-envelopes (NULL).
      // A value counts as an envelope only with the whole shape of one (header and body), so a
      // plaintext that merely starts with a header is counted as not encrypted.
      String head = binary
          ? "CASE WHEN " + c + " IS NULL THEN ? WHEN SUBSTRING(" + c + ", 1, 3) = ? AND "
              + EnvelopeHeaders.binaryShapeSql(vendor, c) + " THEN SUBSTRING(" + c + ", 1, 8) ELSE NULL END"
          : "CASE WHEN " + c + " IS NULL THEN '" + TEXT_NULL + "' WHEN SUBSTRING(" + c + ", 1, 4) = ? AND "
              + EnvelopeHeaders.textShapeSql(vendor, c) + " THEN SUBSTRING(" + c + ", 1, 18) ELSE NULL END";
      Map<Integer, Long> byVersion = new TreeMap<>();
      Map<Integer, Long> deterministic = new TreeMap<>();
      long total = 0;
      long nulls = 0;
      long notEncrypted = 0;
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT h, COUNT(*) FROM (SELECT " + head + " AS h FROM " + t + ") x GROUP BY h")) {
        if (binary) {
          ps.setBytes(1, BINARY_NULL);
          ps.setBytes(2, EnvelopeHeaders.binaryMagic());
        } else {
          ps.setString(1, EnvelopeHeaders.textMagic());
        }
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
