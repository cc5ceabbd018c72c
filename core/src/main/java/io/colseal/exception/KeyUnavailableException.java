package io.colseal.exception;

import org.jspecify.annotations.Nullable;

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
  private final @Nullable String column;

  public KeyUnavailableException(ErrorCode code, String table, int keyVersion, String message) {
    this(code, table, keyVersion, null, message, null);
  }

  /** With the error that made the key unavailable, e.g. the KMS error that kept it from being refreshed. */
  public KeyUnavailableException(ErrorCode code, String table, int keyVersion, String message,
      @Nullable Throwable cause) {
    this(code, table, keyVersion, null, message, cause);
  }

  private KeyUnavailableException(ErrorCode code, String table, int keyVersion, @Nullable String column,
      String message, @Nullable Throwable cause) {
    super(checked(code), message, cause);
    this.table = table;
    this.keyVersion = keyVersion;
    this.column = column;
  }

  /**
   * The same error for a value of {@code column}: its message also names the column ({@code
   * customers.email}). It keeps the original's cause and stack trace.
   */
  public KeyUnavailableException inColumn(String column) {
    if (this.column != null) {
      return this;
    }
    String m = String.valueOf(getMessage());
    String prefix = code().name() + ": ";
    String message = (m.startsWith(prefix) ? m.substring(prefix.length()) : m) + " (value in " + table + '.' + column
        + ", key version " + keyVersion + ")";
    KeyUnavailableException named = new KeyUnavailableException(code(), table, keyVersion, column, message, getCause());
    named.setStackTrace(getStackTrace()); // the same error: where it arose, and its own cause (e.g. the KMS error)
    return named;
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

  /** The column whose value needed the key, when known. */
  public @Nullable String column() {
    return column;
  }

  /** The requested key version, or 0 when the active version was requested. */
  public int keyVersion() {
    return keyVersion;
  }

}
