package io.colseal;

import io.colseal.keys.Algorithm;

/**
 * How a column's values are encrypted. The mode is chosen per column ({@code @Encrypted(deterministic
 * = true)}, {@code @Encrypted(bindToRow = true)}, {@link Colseal#column(String, String, Class,
 * Storage, EncryptionMode)}) and recorded in the column registry; it decides how values are sealed.
 * Values of every mode are opened by a cipher of any mode (a {@link #ROW_BOUND} value with its row's
 * key), so the re-encryption job can move a column from one mode to another.
 */
public enum EncryptionMode {
  /**
   * AES-256-GCM with a random nonce: encrypting the same value twice gives different envelopes, so
   * the ciphertext reveals nothing, not even equality. The default.
   */
  RANDOMIZED(Algorithm.AES_256_GCM),
  /**
   * AES-256-GCM-SIV (RFC 8452) with a fixed nonce: the same value in the same table and column under
   * the same key version always gives the same envelope, so a column can be searched for equality
   * with a parameter. What it leaks: which rows hold equal values, and so the frequency of each
   * value; nothing about the values themselves. Envelopes differ across columns, tables and key
   * versions.
   */
  DETERMINISTIC(Algorithm.AES_256_GCM_SIV),
  /**
   * AES-256-GCM with a random nonce, like {@link #RANDOMIZED}, and bound to its row: the row's
   * primary key is part of the associated data (envelope algorithm 05), so a value copied to another
   * row of its column, or an old value of another row written back, does not decrypt. Encrypting
   * and decrypting need the row's key ({@link ColumnCipher#encrypt(Object, RowKey)}); the
   * re-encryption job reads it from the row. Not searchable.
   */
  ROW_BOUND(Algorithm.AES_256_GCM_ROW_BOUND);

  private final Algorithm algorithm;

  EncryptionMode(Algorithm algorithm) {
    this.algorithm = algorithm;
  }

  /** The algorithm that seals this mode's values; its id is in every envelope header. */
  public Algorithm algorithm() {
    return algorithm;
  }
}
