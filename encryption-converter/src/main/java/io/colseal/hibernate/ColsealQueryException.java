package io.colseal.hibernate;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;

/**
 * A query on an encrypted attribute that colseal refuses to run, because it could not give the
 * right answer or would put ciphertext into SQL text ({@link ErrorCode#QUERY_REJECTED}), or one to
 * run again because the table's key versions changed since its plan was cached ({@link
 * ErrorCode#QUERY_PLAN_STALE}, retryable). The message names the attribute, its table and column
 * and what to write instead; it never quotes a value.
 */
public class ColsealQueryException extends ColsealException {
  private static final long serialVersionUID = 1L;

  public ColsealQueryException(ErrorCode code, String message) {
    super(code, message);
  }

  /** Whether running the same query again can succeed. */
  public boolean isRetryable() {
    return code() == ErrorCode.QUERY_PLAN_STALE;
  }
}
