package io.colseal.spring;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;

/**
 * A Spring {@code DataAccessException} made from a colseal error: it keeps colseal's {@link
 * ErrorCode} (and the {@link ColsealException} as its cause). Implemented by {@link
 * ColsealTransientDataAccessException}, {@link ColsealInvalidUsageException}, {@link
 * ColsealDataRetrievalException} and {@link ColsealKeyAccessException}; which one a code becomes is
 * the table in {@link ColsealExceptionTranslator}.
 */
public interface ColsealDataAccess {
  /** colseal's error code, as {@link ColsealException#code()} had it. */
  ErrorCode getErrorCode();
}
