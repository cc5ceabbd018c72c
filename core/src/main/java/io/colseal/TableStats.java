package io.colseal;

import io.colseal.internal.keyring.DataKeys;
import io.colseal.internal.keyring.TableCounters;

/**
 * What this colseal instance did with one table since it started: values encrypted and decrypted,
 * and the ACTIVE key version it encrypts with. A live view from {@link ColsealStats#table} or
 * {@link ColsealStats#tables()}: each read returns the count of that moment, and the object is the
 * same for the same table for the life of its {@link ColsealStats}, so a meter may hold it (a
 * Micrometer {@code FunctionCounter} of {@link #encryptions()}, a {@code Gauge} of {@link
 * #activeVersion()}).
 *
 * <p>Counting costs one {@link java.util.concurrent.atomic.LongAdder#increment()} per value, on an
 * object each {@link ColumnCipher} finds once when it is created. Thread safe.
 */
public final class TableStats {
  private final TableCounters counters;
  private final DataKeys keys;

  TableStats(TableCounters counters, DataKeys keys) {
    this.counters = counters;
    this.keys = keys;
  }

  /** The normalised table name, as in the key table. */
  public String table() {
    return counters.table();
  }

  /**
   * Values encrypted for this table: {@link ColumnCipher#encrypt} (and so every value of an
   * encrypted attribute Hibernate writes), {@link ColumnCipher#encryptPlaintext} and {@link
   * ColumnCipher#reencrypt}. Each took one encryption of the key version's usage budget. Search
   * values ({@link ColumnCipher#sealedUnder}) are not counted.
   */
  public long encryptions() {
    return counters.encryptions();
  }

  /**
   * Envelopes of this table opened: each value whose key version was looked up, whether it then
   * authenticated or not ({@link ColumnCipher#decrypt}, and the envelope {@link
   * ColumnCipher#reencrypt} and {@link ColumnCipher#sealedUnder} open first). A value that is not an
   * envelope at all, or read as plaintext during a migration, is not counted.
   */
  public long decryptions() {
    return counters.decryptions();
  }

  /**
   * The ACTIVE key version this process encrypts the table's values with; 0 until it has used or
   * checked the table's ACTIVE key. It follows a rotation made here at once, and one made elsewhere
   * when this process next reads the key table ({@code colseal.keys.refresh-interval}, or {@link
   * io.colseal.keys.KeyRing#refresh()}); while the KMS cannot unwrap the new version it stays at the
   * old one. Read from memory, without a query.
   */
  public int activeVersion() {
    return keys.knownActiveVersion(counters.table());
  }

  @Override
  public String toString() {
    return "TableStats[" + table() + ": " + encryptions() + " encryptions, " + decryptions() + " decryptions, active v"
        + activeVersion() + "]";
  }
}
