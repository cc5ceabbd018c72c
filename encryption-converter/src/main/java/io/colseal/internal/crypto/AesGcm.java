package io.colseal.internal.crypto;

import io.colseal.internal.format.EnvelopeFormat;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM over envelope buffers: 96-bit random nonce, 128-bit tag, associated data given by
 * the caller in one piece. Each thread reuses one {@link Cipher} (so the provider's key schedule
 * stays warm) and one {@link SecureRandom}; no caller can pass a nonce.
 *
 * <p>Thread safety: all methods are safe for concurrent use.
 */
public final class AesGcm {
  private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

  private AesGcm() {}

  /** Per-thread state, in one object so the hot path does one thread-local lookup. */
  private static final class Engine {
    final Cipher cipher;
    final SecureRandom random = new SecureRandom();
    final byte[] nonce = new byte[EnvelopeFormat.NONCE_LENGTH];

    Engine() {
      try {
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/GCM/NoPadding is not available in this JVM", e);
      }
    }
  }

  /**
   * Encrypts {@code plaintext} into {@code out}, which already holds the 8-byte header at offset 0
   * and has room for nonce, ciphertext and tag. Writes a fresh random nonce at offset 8.
   */
  public static void seal(SecretKey key, byte[] aad, byte[] plaintext, byte[] out) {
    Engine e = ENGINE.get();
    e.random.nextBytes(e.nonce);
    System.arraycopy(e.nonce, 0, out, EnvelopeFormat.HEADER_LENGTH, EnvelopeFormat.NONCE_LENGTH);
    try {
      e.cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, e.nonce));
      e.cipher.updateAAD(aad);
      e.cipher.doFinal(plaintext, 0, plaintext.length, out, EnvelopeFormat.HEADER_LENGTH + EnvelopeFormat.NONCE_LENGTH);
    } catch (GeneralSecurityException ex) {
      ENGINE.remove();
      throw new IllegalStateException("AES-GCM encryption failed: " + ex.getClass().getSimpleName(), ex);
    }
  }

  /**
   * Decrypts {@code body} (nonce, ciphertext, tag starting at {@code off}) under {@code aad}.
   *
   * @return the plaintext, or null when authentication failed
   */
  public static byte @Nullable [] open(SecretKey key, byte[] aad, byte[] body, int off, int len) {
    if (len < EnvelopeFormat.NONCE_LENGTH + EnvelopeFormat.TAG_LENGTH) {
      return null;
    }
    Engine e = ENGINE.get();
    try {
      e.cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, body, off, EnvelopeFormat.NONCE_LENGTH));
      e.cipher.updateAAD(aad);
      return e.cipher.doFinal(body, off + EnvelopeFormat.NONCE_LENGTH, len - EnvelopeFormat.NONCE_LENGTH);
    } catch (AEADBadTagException ex) {
      return null;
    } catch (GeneralSecurityException ex) {
      ENGINE.remove();
      return null;
    }
  }
}
