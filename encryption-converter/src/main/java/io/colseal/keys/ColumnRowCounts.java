package io.colseal.keys;

import java.util.Map;

/**
 * Rows of one encrypted column, counted with SQL over the envelope headers (nothing decrypted).
 *
 * @param table normalised table name
 * @param column normalised column name
 * @param total all rows of the table
 * @param nulls rows where the column is NULL
 * @param byKeyVersion rows per key version named in their envelope header
 * @param notEncrypted non-NULL values that are not colseal envelopes (for example leftover plaintext)
 */
public record ColumnRowCounts(
    String table, String column, long total, long nulls, Map<Integer, Long> byKeyVersion, long notEncrypted) {

  public ColumnRowCounts {
    byKeyVersion = Map.copyOf(byKeyVersion);
  }

  /** Rows under {@code version}. */
  public long rowsOn(int version) {
    return byKeyVersion.getOrDefault(version, 0L);
  }
}
