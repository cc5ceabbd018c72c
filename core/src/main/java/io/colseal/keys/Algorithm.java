package io.colseal.keys;

import java.util.Optional;

/**
 * Encryption algorithms and their wire ids. The id is written into every envelope header and never
 * changes; the name is stored in the key table's {@code algorithm} column.
 */
public enum Algorithm {
  /** AES-256 in GCM mode, 96-bit random nonce, 128-bit tag (NIST SP 800-38D). */
  AES_256_GCM((byte) 0x01, true, 256),
  /**
   * AES-256-GCM-SIV (RFC 8452), nonce-misuse-resistant AEAD used deterministically: fixed all-zero
   * 96-bit nonce, 128-bit tag, so equal plaintexts give equal ciphertexts (see {@link
   * io.colseal.EncryptionMode#DETERMINISTIC}). Its key is derived from the version's AES-256-GCM
   * data key with HKDF-SHA256; no key table row ever names this algorithm.
   */
  AES_256_GCM_SIV((byte) 0x02, true, 256),
  /**
   * AES-256-GCM, 96-bit random nonce, 128-bit tag, under a <em>column key</em>: HKDF-SHA256 of the
   * version's AES-256-GCM data key over the envelope header and the column binding, so table and
   * column are bound by the key and the cipher takes no associated data per value. Opt-in ({@code
   * colseal.crypto.column-keys}); like {@link #AES_256_GCM_SIV}, no key table row names it. See
   * {@code docs/reference/ciphertext-format.md}.
   */
  AES_256_GCM_COLUMN_KEY((byte) 0x04, true, 256),
  /**
   * AES-256-GCM, 96-bit random nonce, 128-bit tag, under the version's data key, with the row's
   * primary key bound in as well: the associated data of {@link #AES_256_GCM} (with this id in the
   * header) followed by the canonical encoding of the row key, so a value copied to another row of
   * its column fails. Opt-in per column ({@link io.colseal.ColumnCipher#withRowBinding()});
   * randomized only. Like {@link #AES_256_GCM_SIV}, no key table row names it. See {@code
   * docs/reference/ciphertext-format.md}.
   */
  AES_256_GCM_ROW_BOUND((byte) 0x05, true, 256),
  /**
   * ARIA-256 (RFC 5794) in GCM mode, 96-bit random nonce, 128-bit tag, for the Korean KCMVP
   * profile: the header and associated data of {@link #AES_256_GCM}, under the version's
   * <em>ARIA key</em> (HKDF-SHA256 of its AES-256-GCM data key, info {@code
   * colseal/v1/ARIA_256_GCM}). The cipher comes from the implementation {@code
   * colseal.crypto.aria-provider} names (BouncyCastle, or an installed JCA provider). Randomized only; like {@link #AES_256_GCM_SIV}, no key table row
   * names it. See {@code docs/reference/ciphertext-format.md}.
   */
  ARIA_256_GCM((byte) 0x03, true, 256),
  /**
   * HMAC-SHA-256 (FIPS 198-1), the keyed hash of blind indexes ({@code @BlindIndex}). A key-table
   * algorithm only: it never appears in an envelope, and envelopes naming its id are rejected.
   */
  HMAC_SHA_256((byte) 0x20, true, 256);

  private final byte id;
  private final boolean implemented;
  private final int strengthBits;

  Algorithm(byte id, boolean implemented, int strengthBits) {
    this.id = id;
    this.implemented = implemented;
    this.strengthBits = strengthBits;
  }

  /**
   * The security strength in bits of a key of this algorithm (NIST SP 800-57 Part 1, table 2): the
   * key length of its key, since no key of these algorithms is shorter than its security strength.
   */
  public int strengthBits() {
    return strengthBits;
  }

  /** The wire id written in the envelope header. */
  public byte id() {
    return id;
  }

  /** Whether this release can encrypt and decrypt with it. */
  public boolean implemented() {
    return implemented;
  }

  /** Whether values are sealed in envelopes with it; false for the blind-index HMAC. */
  public boolean sealsValues() {
    return this != HMAC_SHA_256;
  }

  /** The algorithm with wire id {@code id}, if any. */
  public static Optional<Algorithm> fromId(byte id) {
    for (Algorithm a : values()) {
      if (a.id == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
