package io.colseal.exception;

/**
 * No usable data key: the key table has no row for the table or version ({@link
 * ErrorCode#KEY_NOT_FOUND}), the version may not be used for the operation ({@link
 * ErrorCode#KEY_DISABLED}), it was destroyed ({@link ErrorCode#KEY_DESTROYED}), or its row names an
 * algorithm or state this release does not know ({@link ErrorCode#KEY_UNSUPPORTED}).
 */
public class KeyUnavailableException extends ColsealException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final int keyVersion;

  public KeyUnavailableException(ErrorCode code, String table, int keyVersion, String message) {
    super(checked(code), message);
    this.table = table;
    this.keyVersion = keyVersion;
  }

  private static ErrorCode checked(ErrorCode code) {
    return switch (code) {
      case KEY_NOT_FOUND, KEY_DISABLED, KEY_DESTROYED, KEY_UNSUPPORTED -> code;
      default -> throw new IllegalArgumentException("not a key availability code: " + code);
    };
  }

  /** The normalised table name whose key was requested. */
  public String table() {
    return table;
  }

  /** The requested key version, or 0 when the active version was requested. */
  public int keyVersion() {
    return keyVersion;
  }

}
