package io.colseal.internal.format;

import org.jspecify.annotations.Nullable;

/**
 * A stored value is not a well-formed envelope. Carries only the key version, when the header was
 * readable, and what is wrong with the body after a valid header (its length, a character outside
 * the alphabet and where), so the caller can report it; never any bytes or characters of the value.
 */
public final class MalformedEnvelopeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int keyVersion;
  private final @Nullable String bodyProblem;

  public MalformedEnvelopeException(int keyVersion) {
    this(keyVersion, null);
  }

  /** {@code bodyProblem}: what is wrong with the body, in words that quote nothing of the value. */
  public MalformedEnvelopeException(int keyVersion, @Nullable String bodyProblem) {
    super("malformed envelope", null, false, false);
    this.keyVersion = keyVersion;
    this.bodyProblem = bodyProblem;
  }

  /** The key version from the header, or 0 when it could not be read. */
  public int keyVersion() {
    return keyVersion;
  }

  /** What is wrong with the body, when the header was valid and the body is not; else null. */
  public @Nullable String bodyProblem() {
    return bodyProblem;
  }
}
