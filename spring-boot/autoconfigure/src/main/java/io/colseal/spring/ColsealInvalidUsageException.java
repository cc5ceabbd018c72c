package io.colseal.spring;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A colseal error in how the application uses the data: {@code QUERY_REJECTED} (a query colseal cannot run on an encrypted column), {@code MAPPING_INVALID} and {@code CONFIG_INVALID}. Retrying does not help; the code or the configuration must change.
 *
 * <p>The message is colseal's, which names tables, columns and key versions but no value and no
 * key material.
 */
public class ColsealInvalidUsageException extends InvalidDataAccessApiUsageException implements ColsealDataAccess {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;

  /** Wraps {@code cause}, keeping its message and error code. */
  public ColsealInvalidUsageException(ColsealException cause) {
    super(requireNonNull(cause, "cause").getMessage(), cause);
    this.errorCode = cause.code();
  }

  @Override
  public ErrorCode getErrorCode() {
    return errorCode;
  }
}
