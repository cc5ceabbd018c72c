package io.colseal.internal.crypto;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A JCE key over colseal-owned bytes that can be zeroed. {@link javax.crypto.spec.SecretKeySpec}
 * cannot be destroyed, so every data key handed to a {@code Cipher} is one of these. The JCE
 * provider keeps its own expanded key schedule, which colseal cannot zero; that limit is stated in
 * the threat model.
 */
public final class DestroyableAesKey implements SecretKey {
  private static final long serialVersionUID = 1L;

  private final transient byte[] bytes;
  private final String algorithm;
  private transient volatile boolean destroyed;

  /** Takes ownership of {@code bytes}; they are zeroed by {@link #destroy()}. */
  public DestroyableAesKey(byte[] bytes) {
    this(bytes, "AES");
  }

  /**
   * A key of another 256-bit block cipher over the same zeroable bytes: {@code "ARIA"} for the
   * ARIA-256-GCM key of a data key ({@link AriaGcm}). Takes ownership of {@code bytes}.
   */
  DestroyableAesKey(byte[] bytes, String jcaAlgorithm) {
    this.bytes = bytes;
    this.algorithm = jcaAlgorithm;
  }

  @Override
  public String getAlgorithm() {
    return algorithm;
  }

  @Override
  public String getFormat() {
    return "RAW";
  }

  /** A copy, as the JCE contract requires; providers zero their copy after key setup. */
  @Override
  public byte[] getEncoded() {
    if (destroyed) {
      throw new IllegalStateException("key was destroyed");
    }
    return bytes.clone();
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "DestroyableAesKey[redacted]";
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.NotSerializableException {
    throw new java.io.NotSerializableException("key material is never serialised");
  }
}
