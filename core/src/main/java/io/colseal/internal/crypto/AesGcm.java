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
 * the caller in one piece. Each thread reuses two {@link Cipher}s, one per recently used key (the
 * provider keeps the key schedule of the last key it was initialised with, so a thread that
 * alternates between two keys, as re-encryption does, would otherwise expand a key for every
 * value), and one {@link SecureRandom}; no caller can pass a nonce.
 *
 * <p>Thread safety: all methods are safe for concurrent use.
 */
public final class AesGcm {
  private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

  private AesGcm() {}

  /** Per-thread state, in one object so the hot path does one thread-local lookup. */
  private static final class Engine {
    private Cipher recent = newCipher();
    private Cipher older = newCipher();
    private @Nullable SecretKey recentKey;
    final SecureRandom random = new SecureRandom();
    final byte[] nonce = new byte[EnvelopeFormat.NONCE_LENGTH];

    /** The cipher last initialised with {@code key} if one of the two was; else the older one. */
    Cipher cipherFor(SecretKey key) {
      if (recentKey != key) {
        // Swap: the older cipher becomes the recent one; it keeps its key schedule if it was
        // initialised with this key, otherwise the caller's init replaces it.
        Cipher c = older;
        older = recent;
        recent = c;
        recentKey = key;
      }
      return recent;
    }

    private static Cipher newCipher() {
      try {
        return Cipher.getInstance("AES/GCM/NoPadding");
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
    Cipher cipher = e.cipherFor(key);
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, e.nonce));
      cipher.updateAAD(aad);
      cipher.doFinal(plaintext, 0, plaintext.length, out, EnvelopeFormat.HEADER_LENGTH + EnvelopeFormat.NONCE_LENGTH);
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
    Cipher cipher = ENGINE.get().cipherFor(key);
    try {
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, body, off, EnvelopeFormat.NONCE_LENGTH));
      cipher.updateAAD(aad);
      return cipher.doFinal(body, off + EnvelopeFormat.NONCE_LENGTH, len - EnvelopeFormat.NONCE_LENGTH);
    } catch (AEADBadTagException ex) {
      return null;
    } catch (GeneralSecurityException ex) {
      ENGINE.remove();
      return null;
    }
  }
}
