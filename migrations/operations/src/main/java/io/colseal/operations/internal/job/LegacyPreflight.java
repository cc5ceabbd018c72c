package io.colseal.operations.internal.job;

import io.colseal.ColumnCipher;
import io.colseal.EnvelopeHeaders;
import io.colseal.RegisteredColumn;
import io.colseal.Storage;
import io.colseal.exception.ColsealConfigException;
import io.colseal.operations.legacy.LegacyFormat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Before a job that moves legacy values writes anything: opens the first values of each legacy
 * column (by key, up to a batch) that the format claims. If half of them or more fail, the settings
 * are wrong (a wrong Jasypt password or algorithm, another Fernet key), not the values, and the job
 * stops with a message naming the table, the column and the settings to check; fewer failures are
 * values, reported row by row by the job.
 */
final class LegacyPreflight {
  private LegacyPreflight() {}

  static void check(Connection c, TableLayout t, List<ColumnCipher<?, ?>> ciphers, LegacyFormat[] formats, int sample)
      throws SQLException {
    List<RegisteredColumn> cols = t.columns();
    for (int j = 0; j < cols.size(); j++) {
      LegacyFormat format = formats[j];
      RegisteredColumn col = cols.get(j);
      if (format == null || col.storage() == Storage.BINARY) {
        continue;
      }
      int tried = 0;
      int failed = 0;
      String firstProblem = null;
      String sql = "SELECT " + col.columnSql() + " FROM " + t.tableSql() + " WHERE " + col.columnSql()
          + " IS NOT NULL AND " + col.columnSql() + " NOT LIKE ? ORDER BY " + t.keyList();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, EnvelopeHeaders.textMagic() + "%");
        ps.setMaxRows(sample * 4);
        try (ResultSet rs = ps.executeQuery()) {
          while (tried < sample && rs.next()) {
            String v = rs.getString(1);
            if (v == null || !format.claims(v)) {
              continue;
            }
            tried++;
            try {
              format.open(v, ciphers.get(j));
            } catch (LegacyFormat.LegacyFormatException e) {
              failed++;
              if (firstProblem == null) {
                firstProblem = e.getMessage();
              }
            }
          }
        }
      }
      c.commit();
      if (tried > 0 && failed * 2 >= tried) {
        throw new ColsealConfigException("the " + format.name() + " settings do not open the values of " + t.table()
            + '.' + col.column() + ": " + failed + " of the first " + tried + " failed (" + firstProblem
            + "); nothing was written. Check the legacy settings (password, algorithm, iterations, salt and IV"
            + " generators, output type, or the legacy key file) and run again");
      }
    }
  }
}
