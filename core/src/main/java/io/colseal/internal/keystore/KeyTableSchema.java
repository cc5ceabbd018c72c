package io.colseal.internal.keystore;

import io.colseal.SchemaManagement;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.KeyTableException;
import io.colseal.jdbc.ConnectionSource;

/**
 * Creates or checks the key table according to {@code colseal.key-table.schema-management}.
 *
 * <p>{@code migrate} runs colseal's {@linkplain KeyTableMigrator built-in migrator}, whose history
 * table {@code colseal_schema_history} never touches the application's own Flyway or Liquibase
 * history; {@code validate} checks that the key table has every column colseal reads; {@code none}
 * does nothing.
 */
public final class KeyTableSchema {
  public static final String HISTORY_TABLE = SchemaHistory.TABLE;

  private KeyTableSchema() {}

  public static void apply(SchemaManagement management, ConnectionSource connections, JdbcKeyTable keyTable) {
    switch (management) {
      case MIGRATE -> new KeyTableMigrator(connections, keyTable.vendor()).migrate();
      case VALIDATE -> validate(keyTable);
      case NONE -> {}
    }
  }

  private static void validate(JdbcKeyTable keyTable) {
    try {
      keyTable.validateSchema();
    } catch (KeyTableException e) {
      throw new ColsealConfigException(
          "key table " + JdbcKeyTable.TABLE + " is missing or lacks columns; run colseal's key-table scripts"
              + " (colseal.key-table.schema-management=migrate, or run " + keyTable.vendor().migrationFolder()
              + " with your Flyway or Liquibase; see docs/reference/key-table.md, \"Migrations\")",
          e);
    }
  }
}
