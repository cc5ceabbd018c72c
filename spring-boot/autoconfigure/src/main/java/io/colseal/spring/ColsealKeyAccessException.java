package io.colseal.spring;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import org.springframework.dao.NonTransientDataAccessResourceException;

/**
 * A key colseal cannot use, or a resource that refused it for good: {@code KEY_NOT_FOUND}, {@code KEY_DISABLED}, {@code KEY_DESTROYED}, {@code KEY_TABLE_ERROR}, {@code KEY_IN_USE}, {@code KEY_UNSUPPORTED}, {@code KMS_REJECTED}, {@code ENCRYPT_FAILED} and any other code.
 *
 * <p>The message is colseal's, which names tables, columns and key versions but no value and no
 * key material.
 */
public class ColsealKeyAccessException extends NonTransientDataAccessResourceException implements ColsealDataAccess {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;

  /** Wraps {@code cause}, keeping its message and error code. */
  public ColsealKeyAccessException(ColsealException cause) {
    super(requireNonNull(cause, "cause").getMessage(), cause);
    this.errorCode = cause.code();
  }

  @Override
  public ErrorCode getErrorCode() {
    return errorCode;
  }
}
