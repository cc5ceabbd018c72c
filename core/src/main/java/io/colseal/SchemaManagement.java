package io.colseal;

import io.colseal.exception.ColsealConfigException;

import java.util.Locale;

/** What colseal does with its key table at start-up ({@code colseal.key-table.schema-management}). */
public enum SchemaManagement {
  /**
   * Run colseal's Flyway migrations with colseal's own history table ({@code
   * colseal_schema_history}), beside any Flyway the application runs itself. The default.
   */
  MIGRATE,
  /** Only check that the key table exists with the expected columns; fail if not. */
  VALIDATE,
  /** Do nothing; the application created the table (for example by including colseal's migrations). */
  NONE;

  static SchemaManagement parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ColsealConfigException(
          ColsealSettings.SCHEMA_MANAGEMENT + " must be migrate, validate or none, got '" + value + "'");
    }
  }
}
