package io.colseal;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.keys.Algorithm;

/**
 * The headers colseal's envelopes start with, for SQL that selects or counts values by key version
 * without decrypting them ({@code WHERE email NOT LIKE 'cs1:01:0000000003:%'}, {@code
 * SUBSTRING(photo, 1, 8) = ?}). Built by the same code that seals values; the layout is in {@code
 * docs/reference/ciphertext-format.md}.
 */
public final class EnvelopeHeaders {
  private EnvelopeHeaders() {}

  /**
   * MariaDB and MySQL match {@code REGEXP} classes by the column's collation: under a
   * case-insensitive one {@code [A-Za-z]} also takes letters such as U+212A (Kelvin sign, folded to
   * {@code k}). An envelope is ASCII, so a value whose bytes are more than its characters is not one.
   */
  private static final String OCTETS_ARE_CHARACTERS = "OCTET_LENGTH(%s) = CHAR_LENGTH(%s)";

  /**
   * The 18-character text header of values sealed in {@code mode} under {@code keyVersion} with
   * the mode's default algorithm: {@code cs1:01:0000000003:}. With {@code colseal.crypto.column-keys}
   * randomized values have algorithm 04, and those of a row-bound cipher 05: use {@link
   * #text(Algorithm, int)} with {@link ColumnCipher#algorithm()}.
   */
  public static String text(EncryptionMode mode, int keyVersion) {
    return EnvelopeFormat.textHeader(mode.algorithm(), keyVersion);
  }

  /** The 8-byte binary header of values sealed in {@code mode} with its default algorithm; a fresh array. */
  public static byte[] binary(EncryptionMode mode, int keyVersion) {
    return EnvelopeFormat.header(mode.algorithm(), keyVersion);
  }

  /** The 18-character text header of values sealed with {@code algorithm} under {@code keyVersion}. */
  public static String text(Algorithm algorithm, int keyVersion) {
    requireSealing(algorithm);
    return EnvelopeFormat.textHeader(algorithm, keyVersion);
  }

  /** The 8-byte binary header of values sealed with {@code algorithm} under {@code keyVersion}; a fresh array. */
  public static byte[] binary(Algorithm algorithm, int keyVersion) {
    requireSealing(algorithm);
    return EnvelopeFormat.header(algorithm, keyVersion);
  }

  private static void requireSealing(Algorithm algorithm) {
    if (!algorithm.implemented() || !algorithm.sealsValues()) {
      throw new IllegalArgumentException(algorithm + " seals no envelope in this release");
    }
  }

  /** How every text envelope starts, whatever its algorithm and key version: {@code cs1:}. */
  public static String textMagic() {
    return EnvelopeFormat.TEXT_MAGIC;
  }

  /**
   * Whether {@code stored} (a {@code String} or {@code byte[]}) has the whole shape of an envelope:
   * a valid header and a body of the format's shape (text: canonical Base64 of at least the
   * algorithm's minimum length; binary: at least that length). A plaintext that merely starts with a
   * header is not well formed. Authenticity is only proven by decrypting.
   */
  public static boolean isWellFormed(Object stored) {
    return stored instanceof String s ? EnvelopeFormat.isWellFormedText(s)
        : stored instanceof byte[] b && EnvelopeFormat.isWellFormedBinary(b);
  }

  /**
   * A SQL condition, true when the text value {@code columnSql} has the shape of an envelope of
   * its header's algorithm: the header (algorithm 01 to 05), then only Base64 characters
   * with at most two {@code =} at the end, a multiple of 4 of them, at least 40 (randomized, 01, 03, 04
   * and 05) or 24 (deterministic, 02). It does not
   * check the unused bits of the last character (decryption does). NULL for NULL.
   */
  public static String textShapeSql(DatabaseVendor vendor, String columnSql) {
    String pattern = "'^cs1:0[1-5]:[0-9]{10}:[A-Za-z0-9+/]+={0,2}$'";
    String matches = switch (vendor) {
      case POSTGRESQL -> columnSql + " ~ " + pattern;
      // As bytes: under a case-insensitive collation REGEXP would take CS1:01: for cs1:01:.
      case MYSQL -> OCTETS_ARE_CHARACTERS.formatted(columnSql, columnSql) + " AND CAST(" + columnSql
          + " AS BINARY) REGEXP " + pattern;
      case H2 -> "REGEXP_LIKE(" + columnSql + ", " + pattern + ")";
    };
    int minRandomized = EnvelopeFormat.TEXT_HEADER_LENGTH + base64Length(EnvelopeFormat.BINARY_OVERHEAD);
    int minDeterministic = EnvelopeFormat.TEXT_HEADER_LENGTH + base64Length(EnvelopeFormat.SIV_BINARY_OVERHEAD);
    return "(" + matches + " AND MOD(CHAR_LENGTH(" + columnSql + ") - " + EnvelopeFormat.TEXT_HEADER_LENGTH
        + ", 4) = 0 AND CHAR_LENGTH(" + columnSql + ") >= CASE WHEN SUBSTRING(" + columnSql + ", 5, 2) = '02' THEN "
        + minDeterministic + " ELSE " + minRandomized + " END)";
  }

  /**
   * {@link #textShapeSql} for a caller that checks the 18-character header itself (the row counter
   * groups by it and parses each group's header in Java): true when, after a valid header, the
   * value is what {@link #textShapeSql} requires. Written without a full-value pattern match, which
   * costs PostgreSQL about 2 µs a row (it widens the whole value to 4-byte characters first): one
   * character-class search over the value ({@code [^A-Za-z0-9+/=:]}, so it is ASCII), no fourth
   * {@code :} (a valid header has three, so the body has none), {@code =} only in the last two
   * places (two {@code LIKE} tests; {@code POSITION} cost PostgreSQL about 0.6 µs a row on 115
   * characters), and the lengths. For an ASCII value {@code OCTET_LENGTH} is {@code CHAR_LENGTH}, which
   * PostgreSQL has to count in UTF-8. With a valid header it is equivalent to {@link #textShapeSql};
   * without one it may be true, so it is never used alone.
   */
  static String textBodyShapeSql(DatabaseVendor vendor, String columnSql) {
    String c = columnSql;
    String ascii = switch (vendor) {
      case POSTGRESQL -> c + " !~ '[^A-Za-z0-9+/=:]'";
      case MYSQL -> OCTETS_ARE_CHARACTERS.formatted(c, c) + " AND " + c + " NOT REGEXP '[^A-Za-z0-9+/=:]'";
      case H2 -> "NOT REGEXP_LIKE(" + c + ", '[^A-Za-z0-9+/=:]')";
    };
    String length = vendor == DatabaseVendor.POSTGRESQL ? "OCTET_LENGTH(" + c + ")" : "CHAR_LENGTH(" + c + ")";
    int minRandomized = EnvelopeFormat.TEXT_HEADER_LENGTH + base64Length(EnvelopeFormat.BINARY_OVERHEAD);
    int minDeterministic = EnvelopeFormat.TEXT_HEADER_LENGTH + base64Length(EnvelopeFormat.SIV_BINARY_OVERHEAD);
    return "(" + ascii
        + " AND " + c + " NOT LIKE '%:%:%:%:%'"
        + " AND " + c + " NOT LIKE '%=__%' AND (" + c + " NOT LIKE '%=_' OR " + c + " LIKE '%==')"
        + " AND MOD(" + length + " - " + EnvelopeFormat.TEXT_HEADER_LENGTH + ", 4) = 0"
        + " AND " + length + " >= CASE WHEN SUBSTRING(" + c + ", 5, 2) = '02' THEN " + minDeterministic
        + " ELSE " + minRandomized + " END)";
  }

  /**
   * A SQL condition, true when the binary value {@code columnSql} is at least as long as the
   * shortest envelope of its header's algorithm (36 bytes randomized, 01, 03, 04 and 05; 24 deterministic, 02).
   */
  public static String binaryShapeSql(DatabaseVendor vendor, String columnSql) {
    String siv = vendor == DatabaseVendor.POSTGRESQL ? "decode('02', 'hex')" : "X'02'";
    return "(OCTET_LENGTH(" + columnSql + ") >= CASE WHEN SUBSTRING(" + columnSql + ", 4, 1) = " + siv + " THEN "
        + EnvelopeFormat.SIV_BINARY_OVERHEAD + " ELSE " + EnvelopeFormat.BINARY_OVERHEAD + " END)";
  }

  /** Characters of the Base64 of {@code binaryLength - 8} bytes (the body after the header). */
  private static int base64Length(int binaryLength) {
    return (binaryLength - EnvelopeFormat.HEADER_LENGTH + 2) / 3 * 4;
  }

  /** How every binary envelope starts: the bytes {@code 'c' 's' 0x01}; a fresh array. */
  public static byte[] binaryMagic() {
    return new byte[] {EnvelopeFormat.MAGIC_0, EnvelopeFormat.MAGIC_1, EnvelopeFormat.FORMAT_V1};
  }
}
