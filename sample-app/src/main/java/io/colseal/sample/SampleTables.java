package io.colseal.sample;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** The application's tables as the demo resets them; Flyway creates them ({@code db/migration/<vendor>}). */
final class SampleTables {
  /** Application tables, children first. */
  static final List<String> TABLES = List.of("bank_account", "payment_card", "customer");

  private SampleTables() {}

  /** Deletes every row of the application tables, so each run starts from the same state. */
  static void clear(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      for (String table : TABLES) {
        st.executeUpdate("DELETE FROM " + table);
      }
    }
  }
}
