package io.colseal.operations.internal.job;

import io.colseal.EncryptionMode;
import io.colseal.EnvelopeHeaders;
import io.colseal.RegisteredColumn;
import io.colseal.Storage;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.keys.Algorithm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The SQL condition that picks the rows a job has to touch, by the envelopes' headers and shapes
 * (nothing is decrypted to choose): re-encryption takes rows with a value that is not on the ACTIVE
 * version (an older envelope, or plaintext, a plaintext that merely starts with a header among
 * them), decryption rows with an envelope, verification every row with a value. The shape is
 * {@link EnvelopeHeaders#textShapeSql} or {@link EnvelopeHeaders#binaryShapeSql}.
 */
public final class Candidates {
  /** What the condition selects. */
  public enum Kind { NOT_ON_ACTIVE, ENVELOPE, ANY_VALUE }

  private final String sql;
  private final List<Object> parameters;

  private Candidates(String sql, List<Object> parameters) {
    this.sql = sql;
    this.parameters = List.copyOf(parameters);
  }

  /**
   * The condition for {@code columns}; {@code activeVersion} is the table's ACTIVE version ({@code
   * NOT_ON_ACTIVE} only; 0 or less matches every value). A value is on the ACTIVE version only if
   * its header also names the algorithm that seals the column's registered mode ({@code
   * algorithms}: algorithm 04 for randomized columns with {@code colseal.crypto.column-keys}), so a
   * column registered with another mode than its values have, or whose values were sealed before
   * column keys were turned on, is re-encrypted whole.
   */
  public static Candidates of(Kind kind, List<RegisteredColumn> columns, int activeVersion, DatabaseVendor vendor,
      Function<EncryptionMode, Algorithm> algorithms) {
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (RegisteredColumn col : columns) {
      String c = col.columnSql();
      boolean binary = col.storage() == Storage.BINARY;
      String shape = binary ? EnvelopeHeaders.binaryShapeSql(vendor, c) : EnvelopeHeaders.textShapeSql(vendor, c);
      switch (kind) {
        case NOT_ON_ACTIVE -> {
          if (binary) {
            parts.add("(" + c + " IS NOT NULL AND (SUBSTRING(" + c + ", 1, 8) <> ? OR NOT " + shape + "))");
            params.add(activeVersion > 0
                ? EnvelopeHeaders.binary(algorithms.apply(col.mode()), activeVersion) : new byte[] {0});
          } else {
            if (activeVersion > 0) {
              parts.add("(" + c + " IS NOT NULL AND (" + c + " NOT LIKE ? OR NOT " + shape + "))");
              params.add(EnvelopeHeaders.text(algorithms.apply(col.mode()), activeVersion) + "%");
            } else {
              parts.add(c + " IS NOT NULL");
            }
          }
        }
        case ENVELOPE -> {
          if (binary) {
            parts.add("(SUBSTRING(" + c + ", 1, 3) = ? AND " + shape + ")");
            params.add(EnvelopeHeaders.binaryMagic());
          } else {
            parts.add("(" + c + " LIKE ? AND " + shape + ")");
            params.add(EnvelopeHeaders.textMagic() + "%");
          }
        }
        case ANY_VALUE -> parts.add(c + " IS NOT NULL");
      }
    }
    return new Candidates("(" + String.join(" OR ", parts) + ")", params);
  }

  public String sql() {
    return sql;
  }

  /** Binds the condition's parameters from {@code index} on; returns the next index. */
  public int bind(PreparedStatement ps, int index) throws SQLException {
    int i = index;
    for (Object p : parameters) {
      if (p instanceof byte[] b) {
        ps.setBytes(i++, b);
      } else {
        ps.setString(i++, (String) p);
      }
    }
    return i;
  }

  /** Rows of the table that match. */
  public long count(Connection c, String tableSql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + tableSql + " WHERE " + sql)) {
      bind(ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
