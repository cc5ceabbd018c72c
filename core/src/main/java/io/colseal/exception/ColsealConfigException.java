package io.colseal.exception;

import org.jspecify.annotations.Nullable;

/** A setting is missing or invalid. The message names the setting. */
public class ColsealConfigException extends ColsealException {
  private static final long serialVersionUID = 1L;

  public ColsealConfigException(String message) {
    super(ErrorCode.CONFIG_INVALID, message);
  }

  public ColsealConfigException(String message, @Nullable Throwable cause) {
    super(ErrorCode.CONFIG_INVALID, message, cause);
  }

  protected ColsealConfigException(ErrorCode code, String message) {
    super(code, message);
  }
}
