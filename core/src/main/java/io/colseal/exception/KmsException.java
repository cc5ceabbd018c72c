package io.colseal.exception;

import org.jspecify.annotations.Nullable;

/**
 * A KEK provider call failed. {@link ErrorCode#KMS_UNAVAILABLE} means the KMS could not be
 * reached, timed out or throttled ({@link #isRetryable()} is true); {@link ErrorCode#KMS_REJECTED}
 * means it answered and refused: access denied, a disabled KEK, or a wrapped key that does not
 * unwrap under its table and key version.
 */
public class KmsException extends ColsealException {
  private static final long serialVersionUID = 1L;

  public KmsException(ErrorCode code, String message, @Nullable Throwable cause) {
    super(checked(code), message, cause);
  }

  private static ErrorCode checked(ErrorCode code) {
    if (code != ErrorCode.KMS_UNAVAILABLE && code != ErrorCode.KMS_REJECTED) {
      throw new IllegalArgumentException("not a KMS code: " + code);
    }
    return code;
  }

  /** Whether the same call may succeed later without any change of configuration. */
  public boolean isRetryable() {
    return code() == ErrorCode.KMS_UNAVAILABLE;
  }
}
