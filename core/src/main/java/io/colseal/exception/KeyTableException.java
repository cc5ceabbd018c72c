package io.colseal.exception;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Reading or writing the key table failed. The {@link SQLException} is kept as the cause, so its
 * SQLState and vendor code stay available to callers and logs.
 */
public class KeyTableException extends ColsealException {
  private static final long serialVersionUID = 1L;

  public KeyTableException(String message, SQLException cause) {
    super(ErrorCode.KEY_TABLE_ERROR, message + " (SQLState " + cause.getSQLState() + ")", cause);
  }

  public KeyTableException(String message) {
    super(ErrorCode.KEY_TABLE_ERROR, message);
  }

  /** The SQLState of the underlying failure, or null when the failure was not an SQLException. */
  public @Nullable String sqlState() {
    return getCause() instanceof SQLException e ? e.getSQLState() : null;
  }
}
