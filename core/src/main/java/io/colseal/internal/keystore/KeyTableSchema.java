package io.colseal.internal.keystore;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.KeyTableException;
import io.colseal.jdbc.ConnectionSource;

/**
 * Creates or checks colseal's tables, as {@code colseal.key-table.schema-management} asks: {@link
 * #migrate} runs colseal's {@linkplain KeyTableMigrator built-in migrator}, whose history table
 * {@code colseal_schema_history} never touches the application's own Flyway or Liquibase history;
 * {@link #validate} checks that the tables have every column colseal reads.
 */
public final class KeyTableSchema {
  public static final String HISTORY_TABLE = SchemaHistory.TABLE;

  private KeyTableSchema() {}

  /** Applies colseal's pending key-table scripts. */
  public static void migrate(ConnectionSource connections, JdbcSupport jdbc) {
    new KeyTableMigrator(connections, jdbc.vendor()).migrate();
  }

  /**
   * Checks that the key table and the column registry exist with every column colseal reads.
   *
   * @throws ColsealConfigException naming the table and how to create it, if not
   */
  public static void validate(JdbcSupport jdbc) {
    try {
      // Only validates: no version is created through this instance, so no cryptoperiod is recorded.
      new DataKeyTable(jdbc, null, java.time.Duration.ZERO, java.time.Duration.ZERO).validate();
      new ColumnRegistry(jdbc).validate();
    } catch (KeyTableException e) {
      throw new ColsealConfigException(
          "key table " + DataKeyTable.TABLE + " is missing or lacks columns; run colseal's key-table scripts"
              + " (colseal.key-table.schema-management=migrate, or run " + jdbc.vendor().migrationFolder()
              + " with your Flyway or Liquibase; see docs/reference/key-table.md, \"Migrations\")",
          e);
    }
  }
}
