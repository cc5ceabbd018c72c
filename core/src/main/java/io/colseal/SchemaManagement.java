package io.colseal;

/**
 * What colseal does with its key table at start-up ({@code colseal.key-table.schema-management}).
 */
public enum SchemaManagement {
  /**
   * Apply colseal's key-table scripts that are not applied yet, with colseal's own history table
   * ({@code colseal_schema_history}), beside any migration tool the application runs itself. The
   * default.
   */
  MIGRATE,
  /** Only check that the key table exists with the expected columns; fail if not. */
  VALIDATE,
  /** Do nothing; the application created the table (for example by including colseal's scripts). */
  NONE
}
