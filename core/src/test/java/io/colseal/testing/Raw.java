package io.colseal.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Plain-JDBC reads and writes for assertions about what is really stored. */
public final class Raw {
  private Raw() {}

  /** The single value of {@code column} in {@code table} where {@code where} holds. */
  public static @Nullable Object value(TestDatabase db, String table, String column, String where) throws SQLException {
    List<Object> values = values(db, table, column, where);
    if (values.size() != 1) {
      throw new AssertionError("expected one row in " + table + " where " + where + ", got " + values.size());
    }
    return values.get(0);
  }

  public static List<Object> values(TestDatabase db, String table, String column, String where) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE " + where);
        ResultSet rs = ps.executeQuery()) {
      List<Object> out = new ArrayList<>();
      while (rs.next()) {
        Object o = rs.getObject(1);
        if (o instanceof java.sql.Clob clob) {
          o = clob.getSubString(1, (int) clob.length());
        } else if (o instanceof java.sql.Blob blob) {
          o = blob.getBytes(1, (int) blob.length());
        }
        out.add(o);
      }
      return out;
    }
  }

  public static int update(TestDatabase db, String sql, Object... params) throws SQLException {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** The first exception of {@code type} in the cause chain of {@code t}, or null. */
  public static <T extends Throwable> @Nullable T causeOf(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
