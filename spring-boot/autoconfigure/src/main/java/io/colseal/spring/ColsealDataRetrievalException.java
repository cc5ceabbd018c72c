package io.colseal.spring;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import org.springframework.dao.DataRetrievalFailureException;

/**
 * A stored value colseal cannot decrypt: {@code DECRYPT_FAILED}. The message names the table, column and key version, never the value.
 *
 * <p>The message is colseal's, which names tables, columns and key versions but no value and no
 * key material.
 */
public class ColsealDataRetrievalException extends DataRetrievalFailureException implements ColsealDataAccess {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;

  /** Wraps {@code cause}, keeping its message and error code. */
  public ColsealDataRetrievalException(ColsealException cause) {
    super(requireNonNull(cause, "cause").getMessage(), cause);
    this.errorCode = cause.code();
  }

  @Override
  public ErrorCode getErrorCode() {
    return errorCode;
  }
}
