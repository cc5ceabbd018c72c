package io.colseal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A blind-index column of the column registry {@code colseal_column} (mode {@code BLIND_INDEX}):
 * the keyed hash of {@code sourceColumn}'s normalised plaintext, kept in {@code column}. Names are
 * normalised; {@code tableSql}/{@code columnSql} are the identifiers to use in SQL.
 *
 * @param bits bits kept, 1..256 (256: not truncated)
 * @param keyName the key-table name of the HMAC key, {@code <table>#bidx}
 */
public record RegisteredBlindIndex(
    String table,
    String column,
    String tableSql,
    String columnSql,
    String sourceColumn,
    Normalizer normalizer,
    int bits,
    String entity,
    String attribute,
    String keyName,
    @Nullable Instant registeredAt,
    @Nullable Instant lastSeenAt) {}
