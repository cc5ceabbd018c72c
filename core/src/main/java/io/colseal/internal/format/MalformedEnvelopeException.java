package io.colseal.internal.format;

/**
 * A stored value is not a well-formed envelope. Carries only the key version, when the header was
 * readable, so the caller can report it; never any bytes of the value.
 */
public final class MalformedEnvelopeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int keyVersion;

  public MalformedEnvelopeException(int keyVersion) {
    super("malformed envelope", null, false, false);
    this.keyVersion = keyVersion;
  }

  /** The key version from the header, or 0 when it could not be read. */
  public int keyVersion() {
    return keyVersion;
  }
}
