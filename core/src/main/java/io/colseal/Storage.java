package io.colseal;

/**
 * How an encrypted value is stored in its column. The choice changes only the outer encoding: the
 * key, the associated data and the authenticated bytes are the same, so a value can be moved
 * between the two forms without decrypting it.
 */
public enum Storage {
  /**
   * {@link #BINARY} for {@code byte[]} attributes, {@link #TEXT} for every other type. Chosen so
   * that existing VARCHAR/TEXT columns of strings, numbers and dates keep their column type.
   */
  AUTO,
  /**
   * A character column (VARCHAR, TEXT, CLOB): a readable header such as {@code cs1:01:0000000003:}
   * followed by Base64. The header lets plain SQL count rows per key version.
   */
  TEXT,
  /** A binary column (VARBINARY, bytea, BLOB): the envelope bytes as they are. 36 bytes overhead. */
  BINARY;

  /** Resolves {@link #AUTO} for the given Java type; other values are returned unchanged. */
  public Storage resolveFor(Class<?> javaType) {
    if (this != AUTO) {
      return this;
    }
    return javaType == byte[].class ? BINARY : TEXT;
  }
}
