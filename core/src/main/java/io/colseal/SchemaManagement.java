package io.colseal;

/**
 * What colseal does with its key table at start-up ({@code colseal.key-table.schema-management}).
 */
public enum SchemaManagement {
  /**
   * Apply colseal's pending key-table scripts with colseal's built-in migrator, which records them
   * in colseal's own history table ({@code colseal_schema_history}, laid out as a Flyway history
   * table), beside any Flyway or Liquibase the application runs itself. The default.
   */
  MIGRATE,
  /** Only check that the key table exists with the expected columns; fail if not. */
  VALIDATE,
  /** Do nothing; the application created the table (for example by running colseal's scripts with its Flyway). */
  NONE
}
