package io.colseal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of the column registry {@code colseal_column}: an encrypted column an application
 * declared. {@code table}/{@code column} are the normalised names bound into values; {@code
 * tableSql}/{@code columnSql} are the identifiers to use in SQL (as Hibernate renders them).
 */
public record RegisteredColumn(
    String table,
    String column,
    String tableSql,
    String columnSql,
    String javaType,
    String storage,
    String mode,
    String classification,
    String entity,
    String attribute,
    @Nullable Instant registeredAt,
    @Nullable Instant lastSeenAt) {

  /** A column as an application declares it, before the registry stamps it. */
  public static RegisteredColumn declared(String table, String column, String tableSql, String columnSql,
      String javaType, String storage, String mode, String classification, String entity, String attribute) {
    return new RegisteredColumn(table, column, tableSql, columnSql, javaType, storage, mode, classification, entity,
        attribute, null, null);
  }
}
