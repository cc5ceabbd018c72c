package io.colseal;

import io.colseal.internal.format.EnvelopeFormat;

/**
 * The headers colseal's envelopes start with, for SQL that selects or counts values by key version
 * without decrypting them ({@code WHERE email NOT LIKE 'cs1:01:0000000003:%'}, {@code
 * SUBSTRING(photo, 1, 8) = ?}). Built by the same code that seals values; the layout is in {@code
 * docs/reference/ciphertext-format.md}.
 */
public final class EnvelopeHeaders {
  private EnvelopeHeaders() {}

  /** The 18-character text header of values sealed in {@code mode} under {@code keyVersion}: {@code cs1:01:0000000003:}. */
  public static String text(EncryptionMode mode, int keyVersion) {
    return EnvelopeFormat.textHeader(mode.algorithm(), keyVersion);
  }

  /** The 8-byte binary header of values sealed in {@code mode} under {@code keyVersion}; a fresh array. */
  public static byte[] binary(EncryptionMode mode, int keyVersion) {
    return EnvelopeFormat.header(mode.algorithm(), keyVersion);
  }

  /** How every text envelope starts, whatever its algorithm and key version: {@code cs1:}. */
  public static String textMagic() {
    return EnvelopeFormat.TEXT_MAGIC;
  }

  /** How every binary envelope starts: the bytes {@code 'c' 's' 0x01}; a fresh array. */
  public static byte[] binaryMagic() {
    return new byte[] {EnvelopeFormat.MAGIC_0, EnvelopeFormat.MAGIC_1, EnvelopeFormat.FORMAT_V1};
  }
}
