package io.colseal.spring;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * A colseal error that may pass if the operation is tried again: {@code QUERY_PLAN_STALE} (the query was planned for key versions that rotated meanwhile) and {@code KMS_UNAVAILABLE}. A {@code TransientDataAccessException}, so Spring's retry support ({@code @Retryable(retryFor = TransientDataAccessException.class)}, Spring Retry's and Spring Framework 7's) retries it.
 *
 * <p>The message is colseal's, which names tables, columns and key versions but no value and no
 * key material.
 */
public class ColsealTransientDataAccessException extends TransientDataAccessResourceException implements ColsealDataAccess {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;

  /** Wraps {@code cause}, keeping its message and error code. */
  public ColsealTransientDataAccessException(ColsealException cause) {
    super(requireNonNull(cause, "cause").getMessage(), cause);
    this.errorCode = cause.code();
  }

  @Override
  public ErrorCode getErrorCode() {
    return errorCode;
  }
}
