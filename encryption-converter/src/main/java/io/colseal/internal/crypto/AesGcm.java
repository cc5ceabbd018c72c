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
 * AES-256-GCM over envelope buffers: 96-bit random nonce, 128-bit tag, associated data = header
 * followed by the column binding. One {@link Cipher} per thread is reused, so the provider's key
 * schedule cache stays warm; no caller can pass a nonce.
 *
 * <p>Thread safety: all methods are safe for concurrent use.
 */
public final class AesGcm {
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesGcm::newCipher);
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

  private AesGcm() {}

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available in this JVM", e);
    }
  }

  /**
   * Encrypts {@code plaintext} into {@code out}, which already holds the 8-byte header at offset 0
   * and has room for nonce, ciphertext and tag. Writes a fresh random nonce at offset 8.
   */
  public static void seal(SecretKey key, byte[] columnBinding, byte[] plaintext, byte[] out) {
    int h = EnvelopeFormat.HEADER_LENGTH;
    byte[] nonce = NONCE.get();
    RANDOM.get().nextBytes(nonce);
    System.arraycopy(nonce, 0, out, h, EnvelopeFormat.NONCE_LENGTH);
    Cipher cipher = CIPHER.get();
    try {
      cipher.init(
          Cipher.ENCRYPT_MODE,
          key,
          new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, nonce, 0, EnvelopeFormat.NONCE_LENGTH));
      cipher.updateAAD(out, 0, h);
      cipher.updateAAD(columnBinding);
      cipher.doFinal(plaintext, 0, plaintext.length, out, h + EnvelopeFormat.NONCE_LENGTH);
    } catch (GeneralSecurityException e) {
      CIPHER.remove();
      throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
    }
  }

  private static final ThreadLocal<byte[]> NONCE =
      ThreadLocal.withInitial(() -> new byte[EnvelopeFormat.NONCE_LENGTH]);

  /**
   * Decrypts {@code body} (nonce, ciphertext, tag starting at {@code off}) under {@code header} and
   * {@code columnBinding}.
   *
   * @return the plaintext, or null when authentication failed
   */
  public static byte @Nullable [] open(SecretKey key, byte[] header, int headerOff, byte[] columnBinding, byte[] body, int off, int len) {
    if (len < EnvelopeFormat.NONCE_LENGTH + EnvelopeFormat.TAG_LENGTH) {
      return null;
    }
    Cipher cipher = CIPHER.get();
    try {
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, body, off, EnvelopeFormat.NONCE_LENGTH));
      cipher.updateAAD(header, headerOff, EnvelopeFormat.HEADER_LENGTH);
      cipher.updateAAD(columnBinding);
      return cipher.doFinal(body, off + EnvelopeFormat.NONCE_LENGTH, len - EnvelopeFormat.NONCE_LENGTH);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      CIPHER.remove();
      return null;
    }
  }
}
