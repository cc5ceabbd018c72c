package io.colseal.exception;

/** A value could not be encrypted; the message names the table and column, never the value. */
public class EncryptionException extends ColsealException {
  private static final long serialVersionUID = 1L;

  public EncryptionException(String message) {
    super(ErrorCode.ENCRYPT_FAILED, message);
  }
}
