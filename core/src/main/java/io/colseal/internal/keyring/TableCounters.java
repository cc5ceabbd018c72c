package io.colseal.internal.keyring;

import java.util.concurrent.atomic.LongAdder;

/**
 * Encryptions and decryptions of one table in this process. A cipher gets its table's object once
 * ({@link DataKeys#table}) and hands it to {@link DataKeys#encryptionKey} and {@link
 * DataKeys#decryptionKey}, which count on it: one {@link LongAdder#increment()} per value and no
 * map lookup. Thread safe.
 */
public final class TableCounters {
  private final String table;
  final LongAdder encryptions = new LongAdder();
  final LongAdder decryptions = new LongAdder();

  TableCounters(String table) {
    this.table = table;
  }

  /** The normalised table name. */
  public String table() {
    return table;
  }

  /** Values encrypted for this table: keys taken from its usage budget. */
  public long encryptions() {
    return encryptions.sum();
  }

  /** Envelopes of this table whose key was looked up to open them, authentic or not. */
  public long decryptions() {
    return decryptions.sum();
  }

  @Override
  public String toString() {
    return "TableCounters[" + table + "]";
  }
}
