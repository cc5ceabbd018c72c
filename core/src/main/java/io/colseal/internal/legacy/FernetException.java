package io.colseal.internal.legacy;

/**
 * A value is not a Fernet token that opens under the legacy key. It says which check failed and
 * holds no byte of the token, the plaintext or the key.
 */
public final class FernetException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which check failed. */
  public enum Reason {
    /** Not URL-safe Base64, shorter than a token, version byte not 0x80, or not whole AES blocks. */
    MALFORMED("is not a well-formed Fernet token"),
    /** The HMAC does not match: altered, truncated, or made under another key. */
    HMAC_MISMATCH("does not authenticate under the legacy Fernet key (its HMAC-SHA256 does not match: altered, or"
        + " made under another key)"),
    /** Authenticated, but its CBC padding is invalid: made by a broken writer. */
    BAD_PADDING("authenticates but has invalid padding");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  private final Reason reason;

  public FernetException(Reason reason) {
    super(reason.message(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
