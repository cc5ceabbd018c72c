package io.colseal.keys;

/**
 * Lifecycle state of one data key version, as stored in the key table's {@code state} column.
 *
 * <pre>
 *   ACTIVE ──rotate──▶ DECRYPT_ONLY ──retire──▶ RETIRED ──destroy──▶ DESTROYED
 *                           ▲  └────────────destroy───────────────────┘
 *                           └──────── reactivate ◀── RETIRED
 * </pre>
 *
 * At most one version per table is {@link #ACTIVE}; the database enforces it.
 */
public enum KeyState {
  /** Encrypts new values and decrypts existing ones. */
  ACTIVE,
  /** Decrypts existing values only; never encrypts (PCI DSS 3.7.5). */
  DECRYPT_ONLY,
  /**
   * Kept, but used for nothing: decryption fails with {@code KEY_DISABLED}. A reversible step
   * before {@link #DESTROYED}, to prove nothing still needs the key.
   */
  RETIRED,
  /** Wrapped key erased; values under this version are unrecoverable (crypto-shredding). */
  DESTROYED;

  /** Whether values under a key in this state can still be decrypted. */
  public boolean canDecrypt() {
    return this == ACTIVE || this == DECRYPT_ONLY;
  }
}
