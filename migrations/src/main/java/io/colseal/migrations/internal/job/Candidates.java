package io.colseal.migrations.internal.job;

import io.colseal.keys.RegisteredColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL condition that picks the rows a job has to touch, by the envelope headers alone (nothing
 * is decrypted to choose): re-encryption takes rows with a value that is not on the ACTIVE version
 * (an older envelope, or plaintext), decryption rows with an envelope, verification every row with a
 * value.
 */
public final class Candidates {
  /** What the condition selects. */
  public enum Kind { NOT_ON_ACTIVE, ENVELOPE, ANY_VALUE }

  private static final byte[] BINARY_MAGIC = {'c', 's', 0x01};

  private final String sql;
  private final List<Object> parameters;

  private Candidates(String sql, List<Object> parameters) {
    this.sql = sql;
    this.parameters = List.copyOf(parameters);
  }

  /**
   * The condition for {@code columns}; {@code activePrefixText}/{@code activePrefixBinary} are the
   * envelope headers of the ACTIVE version ({@code NOT_ON_ACTIVE} only).
   */
  public static Candidates of(Kind kind, List<RegisteredColumn> columns, String activePrefixText,
      byte[] activePrefixBinary) {
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (RegisteredColumn col : columns) {
      String c = col.columnSql();
      boolean binary = "BINARY".equals(col.storage());
      switch (kind) {
        case NOT_ON_ACTIVE -> {
          if (binary) {
            parts.add("(" + c + " IS NOT NULL AND SUBSTRING(" + c + ", 1, 8) <> ?)");
            params.add(activePrefixBinary);
          } else {
            parts.add("(" + c + " IS NOT NULL AND " + c + " NOT LIKE ?)");
            params.add(activePrefixText + "%");
          }
        }
        case ENVELOPE -> {
          if (binary) {
            parts.add("SUBSTRING(" + c + ", 1, 3) = ?");
            params.add(BINARY_MAGIC);
          } else {
            parts.add(c + " LIKE ?");
            params.add("cs1:%");
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
