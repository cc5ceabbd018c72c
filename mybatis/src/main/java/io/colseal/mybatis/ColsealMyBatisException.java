package io.colseal.mybatis;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;

/**
 * A MyBatis mapping colseal cannot serve safely: a handler without its annotation, of a type
 * colseal does not encrypt, or not bound to a {@link io.colseal.Colseal} ({@link
 * ErrorCode#MAPPING_INVALID}); or a statement that compares a deterministic column in a form whose
 * answer would miss rows under older key versions ({@link ErrorCode#QUERY_REJECTED}). The message
 * names the handler, table and column, or the statement; never a value.
 */
public class ColsealMyBatisException extends ColsealException {
  private static final long serialVersionUID = 1L;

  public ColsealMyBatisException(ErrorCode code, String message) {
    super(code, message);
  }
}
