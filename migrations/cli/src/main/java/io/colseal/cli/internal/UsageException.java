package io.colseal.cli.internal;

/**
 * A command line that cannot be carried out as given (a missing choice, a confirmation that does
 * not match): exit status 2, like picocli's own parameter errors. The message says what to pass.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
