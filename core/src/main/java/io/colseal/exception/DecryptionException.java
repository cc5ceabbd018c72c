package io.colseal.exception;

/**
 * A stored value did not decrypt. It names the table, the column and the key version found in the
 * envelope (0 when the value is not an envelope at all) and deliberately not which check failed:
 * a tampered, truncated, moved or foreign value all look the same from outside. It holds no bytes
 * of the value and has no cause that could.
 */
public class DecryptionException extends ColsealException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String column;
  private final int keyVersion;

  public DecryptionException(String table, String column, int keyVersion) {
    this(
        table,
        column,
        keyVersion,
        " failed to decrypt: it was altered, truncated, copied from another column or"
            + " table, or written under a different key");
  }

  private DecryptionException(String table, String column, int keyVersion, String what) {
    super(
        ErrorCode.DECRYPT_FAILED,
        "value in "
            + table
            + '.'
            + column
            + (keyVersion > 0 ? " (key version " + keyVersion + ")" : " (no valid envelope header)")
            + what);
    this.table = table;
    this.column = column;
    this.keyVersion = keyVersion;
  }

  /**
   * The value has a valid envelope header (naming {@code keyVersion}) but its body is malformed, as
   * {@code problem} says: its length or characters, never the characters themselves.
   */
  public static DecryptionException malformedBody(String table, String column, int keyVersion, String problem) {
    return new DecryptionException(table, column, keyVersion, " has a valid envelope header but a malformed body: "
        + problem + "; the value was truncated, padded or altered after it was written");
  }

  /**
   * The value is bound to its row (envelope algorithm 05, as its header says) and was read without
   * a row key, so it cannot be opened.
   */
  public static DecryptionException rowKeyMissing(String table, String column, int keyVersion) {
    return new DecryptionException(table, column, keyVersion, " is bound to its row (envelope algorithm 05) and"
        + " was read without a row key: decrypt it with decrypt(stored, RowKey)");
  }

  /**
   * A row-bound value did not decrypt with the row key it was read with. Names neither the row key
   * nor which check failed.
   */
  public static DecryptionException rowBound(String table, String column, int keyVersion) {
    return new DecryptionException(table, column, keyVersion, " failed to decrypt with the given row key: it was"
        + " altered, truncated, copied from another row, column or table, or written under a different key");
  }

  /**
   * The value decrypted, but is not an encoding of {@code javaType}: the attribute's type differs
   * from the type the value was written as.
   */
  public static DecryptionException notOfType(String table, String column, int keyVersion, Class<?> javaType) {
    return new DecryptionException(
        table, column, keyVersion, " decrypted, but was not written as " + javaType.getSimpleName()
            + "; the attribute's Java type differs from the one the value was stored with");
  }

  /**
   * A value in a legacy format being migrated ({@code kind}: "Fernet token", "Jasypt value") did
   * not open, as {@code problem} says (which check failed, never a byte of the value).
   */
  public static DecryptionException legacy(String table, String column, String kind, String problem) {
    return new DecryptionException(table, column, 0, ": a " + kind + " that " + problem);
  }

  public String table() {
    return table;
  }

  public String column() {
    return column;
  }

  /** The key version named by the envelope header, or 0 if no header could be read. */
  public int keyVersion() {
    return keyVersion;
  }
}
