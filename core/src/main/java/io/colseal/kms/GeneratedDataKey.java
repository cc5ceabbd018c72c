package io.colseal.kms;

import static java.util.Objects.requireNonNull;

import io.colseal.kms.SecretKeyMaterial;

/**
 * A fresh data key from {@link KmsProvider#generateDataKey}: the plaintext, to be used in memory
 * and closed, and its wrapped form, to be stored. Closing it zeroes the plaintext.
 */
public record GeneratedDataKey(SecretKeyMaterial plaintext, WrappedKey wrapped)
    implements AutoCloseable {
  public GeneratedDataKey {
    requireNonNull(plaintext, "plaintext");
    requireNonNull(wrapped, "wrapped");
  }

  @Override
  public void close() {
    plaintext.close();
  }

  @Override
  public String toString() {
    return "GeneratedDataKey[" + wrapped + "]";
  }
}
