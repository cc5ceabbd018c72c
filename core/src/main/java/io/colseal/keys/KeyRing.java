package io.colseal.keys;

import java.util.Collection;
import java.util.List;

/**
 * The data keys of one application: which version of each table's key is ACTIVE, and the
 * unwrapped keys cached in memory. Plaintext key bytes never leave the key ring.
 *
 * <p>Guarantees: each (table, version) is unwrapped at most once per cache lifetime per process,
 * even when many threads need it at the same moment; a table gets at most one ACTIVE version, even
 * when several processes create it at once (the key table's constraints decide).
 *
 * <p>Thread safety: all methods are safe for concurrent use.
 */
public interface KeyRing {
  /**
   * Makes sure each table has an ACTIVE key, creating missing ones when {@code
   * colseal.keys.auto-create} is on, and loads the active keys into memory.
   *
   * @throws io.colseal.exception.KeyUnavailableException with {@code KEY_NOT_FOUND} naming the first table
   *     without a key, when auto-creation is off
   */
  void ensureActiveKeys(Collection<String> tables);

  /** The ACTIVE version of {@code table}; throws {@code KeyUnavailableException} if there is none. */
  KeyVersion requireActive(String table);

  /** Every key version in the key table, ordered by table and version. */
  List<KeyVersion> versions();

  /** Counters since start. */
  KeyRingStats stats();

  /**
   * Re-reads the ACTIVE version of every table in use now, instead of at the next refresh interval
   * ({@code colseal.keys.refresh-interval}), so a rotation made elsewhere is followed at once.
   */
  void refresh();

  /**
   * Rotates {@code table}: a fresh ACTIVE version, the previous one DECRYPT_ONLY. If another process
   * rotates at the same moment, only one new version results and both adopt it.
   *
   * @return the new ACTIVE version
   * @throws io.colseal.exception.KeyUnavailableException if the table has no ACTIVE key
   */
  KeyVersion rotate(String table);
}
