package io.colseal;

import io.colseal.keys.Algorithm;
import java.util.Map;

/**
 * Rows of one encrypted column, counted with SQL over the envelope headers (nothing decrypted).
 *
 * @param table normalised table name
 * @param column normalised column name
 * @param total all rows of the table
 * @param nulls rows where the column is NULL
 * @param byKeyVersion rows per key version named in their envelope header, of either algorithm
 * @param notEncrypted non-NULL values that are not colseal envelopes (for example leftover plaintext)
 * @param deterministicByKeyVersion of {@code byKeyVersion}, the rows whose envelope is deterministic
 *     (algorithm {@code 02}, AES-256-GCM-SIV)
 * @param columnKeyByKeyVersion of {@code byKeyVersion}, the rows whose envelope is sealed under a
 *     column key (algorithm {@code 04}, {@code colseal.crypto.column-keys})
 * @param rowBoundByKeyVersion of {@code byKeyVersion}, the rows whose envelope is bound to its row
 *     (algorithm {@code 05}, {@link ColumnCipher#withRowBinding()})
 * @param ariaByKeyVersion of {@code byKeyVersion}, the rows whose envelope is ARIA-256-GCM
 *     (algorithm {@code 03})
 */
public record ColumnRowCounts(
    String table,
    String column,
    long total,
    long nulls,
    Map<Integer, Long> byKeyVersion,
    long notEncrypted,
    Map<Integer, Long> deterministicByKeyVersion,
    Map<Integer, Long> columnKeyByKeyVersion,
    Map<Integer, Long> rowBoundByKeyVersion,
    Map<Integer, Long> ariaByKeyVersion) {

  public ColumnRowCounts {
    ariaByKeyVersion = Map.copyOf(ariaByKeyVersion);
    byKeyVersion = Map.copyOf(byKeyVersion);
    deterministicByKeyVersion = Map.copyOf(deterministicByKeyVersion);
    columnKeyByKeyVersion = Map.copyOf(columnKeyByKeyVersion);
    rowBoundByKeyVersion = Map.copyOf(rowBoundByKeyVersion);
  }

  /** Counts without any ARIA envelope. */
  public ColumnRowCounts(String table, String column, long total, long nulls, Map<Integer, Long> byKeyVersion,
      long notEncrypted, Map<Integer, Long> deterministicByKeyVersion, Map<Integer, Long> columnKeyByKeyVersion,
      Map<Integer, Long> rowBoundByKeyVersion) {
    this(table, column, total, nulls, byKeyVersion, notEncrypted, deterministicByKeyVersion, columnKeyByKeyVersion,
        rowBoundByKeyVersion, Map.of());
  }

  /** Counts without any row-bound envelope. */
  public ColumnRowCounts(String table, String column, long total, long nulls, Map<Integer, Long> byKeyVersion,
      long notEncrypted, Map<Integer, Long> deterministicByKeyVersion, Map<Integer, Long> columnKeyByKeyVersion) {
    this(table, column, total, nulls, byKeyVersion, notEncrypted, deterministicByKeyVersion, columnKeyByKeyVersion,
        Map.of(), Map.of());
  }

  /** Counts without any column-key envelope. */
  public ColumnRowCounts(String table, String column, long total, long nulls, Map<Integer, Long> byKeyVersion,
      long notEncrypted, Map<Integer, Long> deterministicByKeyVersion) {
    this(table, column, total, nulls, byKeyVersion, notEncrypted, deterministicByKeyVersion, Map.of(), Map.of(), Map.of());
  }

  /** Rows under {@code version} whose envelope names {@code algorithm}. */
  public long rowsOn(int version, Algorithm algorithm) {
    long deterministic = deterministicByKeyVersion.getOrDefault(version, 0L);
    long columnKey = columnKeyByKeyVersion.getOrDefault(version, 0L);
    long rowBound = rowBoundByKeyVersion.getOrDefault(version, 0L);
    long aria = ariaByKeyVersion.getOrDefault(version, 0L);
    return switch (algorithm) {
      case AES_256_GCM_SIV -> deterministic;
      case AES_256_GCM_COLUMN_KEY -> columnKey;
      case AES_256_GCM_ROW_BOUND -> rowBound;
      case ARIA_256_GCM -> aria;
      case AES_256_GCM -> rowsOn(version) - deterministic - columnKey - rowBound - aria;
      default -> 0;
    };
  }

  /** Rows under {@code version}, either algorithm. */
  public long rowsOn(int version) {
    return byKeyVersion.getOrDefault(version, 0L);
  }

  /** Rows under {@code version} whose envelope is sealed in {@code mode}, with any of its algorithms. */
  public long rowsOn(int version, EncryptionMode mode) {
    return switch (mode) {
      case DETERMINISTIC -> rowsOn(version, Algorithm.AES_256_GCM_SIV);
      case ROW_BOUND -> rowsOn(version, Algorithm.AES_256_GCM_ROW_BOUND);
      case RANDOMIZED -> rowsOn(version, Algorithm.AES_256_GCM) + rowsOn(version, Algorithm.AES_256_GCM_COLUMN_KEY)
          + rowsOn(version, Algorithm.ARIA_256_GCM);
    };
  }
}
