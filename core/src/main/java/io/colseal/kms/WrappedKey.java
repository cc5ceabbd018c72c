package io.colseal.kms;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;

/**
 * A data key encrypted under a KEK, as stored in the key table: which provider and KEK wrapped it,
 * and the provider's ciphertext. Safe to log: {@link #toString()} shows the provider, the KEK id
 * and the length only.
 */
public final class WrappedKey {
  private final String provider;
  private final String kekId;
  private final byte[] ciphertext;

  public WrappedKey(String provider, String kekId, byte[] ciphertext) {
    this.provider = requireNonNull(provider, "provider");
    this.kekId = requireNonNull(kekId, "kekId");
    this.ciphertext = requireNonNull(ciphertext, "ciphertext").clone();
    if (ciphertext.length == 0) {
      throw new IllegalArgumentException("wrapped key must not be empty");
    }
  }

  /** Provider name as stored in {@code kek_provider}, e.g. {@code aws-kms} or {@code local}. */
  public String provider() {
    return provider;
  }

  /** KEK identifier as stored in {@code kek_id}: a KMS key ARN or a keystore alias. */
  public String kekId() {
    return kekId;
  }

  /** A copy of the wrapped bytes. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** A short fingerprint of the wrapped bytes for diagnostics (not of the key itself). */
  public String fingerprint() {
    return HexFormat.of().formatHex(ciphertext, 0, Math.min(4, ciphertext.length));
  }

  @Override
  public String toString() {
    return "WrappedKey[" + provider + ", kek=" + kekId + ", " + ciphertext.length + " bytes]";
  }
}
