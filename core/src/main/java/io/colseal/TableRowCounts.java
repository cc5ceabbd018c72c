package io.colseal;

import java.util.Map;

/**
 * Rows of one table counted per key version over all its registered encrypted columns at once
 * (one scan, envelope headers only, nothing decrypted). A row's columns can be under different key
 * versions while a re-encryption is under way, so two counts per version:
 *
 * <ul>
 *   <li>{@code rowsWithAnyValue}: rows where at least one registered column holds an envelope under
 *       the version. A row under v1 in one column and v2 in another counts once for each.
 *   <li>{@code rowsWithAllValues}: rows where every non-NULL registered column holds an envelope
 *       under the version (and at least one does). A row with a value that is not an envelope
 *       (leftover plaintext) is wholly under no version.
 * </ul>
 *
 * <p>Values (one per column and row) are counted per column by {@link ColumnRowCounts}.
 *
 * @param table normalised table name
 * @param total all rows of the table
 * @param rowsWithAnyValue per key version, rows with at least one value under it
 * @param rowsWithAllValues per key version, rows whose every non-NULL value is under it
 */
public record TableRowCounts(
    String table, long total, Map<Integer, Long> rowsWithAnyValue, Map<Integer, Long> rowsWithAllValues) {

  public TableRowCounts {
    rowsWithAnyValue = Map.copyOf(rowsWithAnyValue);
    rowsWithAllValues = Map.copyOf(rowsWithAllValues);
  }

  /** Rows with at least one value under {@code version}. */
  public long rowsWithAnyValueOn(int version) {
    return rowsWithAnyValue.getOrDefault(version, 0L);
  }

  /** Rows whose every non-NULL value is under {@code version}. */
  public long rowsWithAllValuesOn(int version) {
    return rowsWithAllValues.getOrDefault(version, 0L);
  }
}
