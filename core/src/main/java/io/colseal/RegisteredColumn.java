package io.colseal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of the column registry {@code colseal_column}: an encrypted column an application
 * declared. {@code table}/{@code column} are the normalised names bound into values; {@code
 * tableSql}/{@code columnSql} are the identifiers to use in SQL (as Hibernate renders them).
 *
 * @param javaType the fully qualified name of the attribute's Java type ({@code java.lang.String})
 * @param storage TEXT or BINARY
 * @param mode how values are sealed
 * @param registeredAt when the column was first registered
 * @param lastSeenAt when an application last registered it
 */
public record RegisteredColumn(
    String table,
    String column,
    String tableSql,
    String columnSql,
    String javaType,
    Storage storage,
    EncryptionMode mode,
    Classification classification,
    String entity,
    String attribute,
    @Nullable Instant registeredAt,
    @Nullable Instant lastSeenAt) {}
