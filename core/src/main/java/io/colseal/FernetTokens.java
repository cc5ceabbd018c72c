package io.colseal;

import io.colseal.internal.legacy.FernetKey;

/**
 * What a Fernet token of the AWS KMS + Fernet recipe looks like, for telling tokens from colseal
 * envelopes and plaintext while a column is migrated ({@code colseal.migration.read-fernet-key},
 * {@code colseal reencrypt --from-fernet-key}): URL-safe Base64 with {@code =} padding of {@code
 * 0x80 | timestamp (8) | IV (16) | AES-128-CBC ciphertext (whole blocks) | HMAC-SHA256 (32)}, so at
 * least {@value #MIN_LENGTH} characters, a multiple of 4, starting {@value #PREFIX} (the version
 * byte and the high timestamp bytes, zero until 2106). The shape says nothing about authenticity:
 * opening a token checks its HMAC first.
 */
public final class FernetTokens {
  /** What every token's text starts with. */
  public static final String PREFIX = FernetKey.TEXT_PREFIX;
  /** The fewest characters of a token. */
  public static final int MIN_LENGTH = FernetKey.MIN_TOKEN_CHARS;

  private FernetTokens() {}

  /** Whether {@code value} has a Fernet token's shape; a colseal envelope never has it. */
  public static boolean hasShape(String value) {
    return FernetKey.hasShape(value);
  }

  /**
   * An SQL condition that holds for values of {@code columnSql} with a token's prefix and length
   * (the alphabet is checked when a token is opened), on H2, PostgreSQL, MariaDB and MySQL.
   */
  public static String shapeSql(String columnSql) {
    return "(" + columnSql + " LIKE '" + PREFIX + "%' AND CHAR_LENGTH(" + columnSql + ") >= " + MIN_LENGTH + ")";
  }
}
