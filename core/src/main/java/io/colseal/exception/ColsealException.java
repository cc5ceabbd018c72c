package io.colseal.exception;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception colseal throws. Unchecked, and always carries an {@link ErrorCode}.
 *
 * <p>Messages name tables, columns, key versions and setting names only. They never contain a
 * plaintext value, a ciphertext, key material, a password or a URL with credentials.
 */
public class ColsealException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public ColsealException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ColsealException(ErrorCode code, String message, @Nullable Throwable cause) {
    super(requireNonNull(code, "code").name() + ": " + message, cause);
    this.code = code;
  }

  /** The stable code of this error. */
  public ErrorCode code() {
    return code;
  }
}
