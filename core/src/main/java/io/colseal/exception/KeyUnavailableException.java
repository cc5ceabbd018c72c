package io.colseal.exception;

import org.jspecify.annotations.Nullable;

/**
 * No usable data key: the key table has no row for the table or version ({@link
 * ErrorCode#KEY_NOT_FOUND}), the version may not be used for the operation ({@link
 * ErrorCode#KEY_DISABLED}), or it was destroyed ({@link ErrorCode#KEY_DESTROYED}).
 */
public class KeyUnavailableException extends ColsealException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final int keyVersion;

  public KeyUnavailableException(ErrorCode code, String table, int keyVersion, String message) {
    this(code, table, keyVersion, message, null);
  }

  /** With the error that made the key unavailable, e.g. the KMS error that kept it from being refreshed. */
  public KeyUnavailableException(ErrorCode code, String table, int keyVersion, String message,
      @Nullable Throwable cause) {
    super(checked(code), message, cause);
    this.table = table;
    this.keyVersion = keyVersion;
  }

  private static ErrorCode checked(ErrorCode code) {
    return switch (code) {
      case KEY_NOT_FOUND, KEY_DISABLED, KEY_DESTROYED -> code;
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
