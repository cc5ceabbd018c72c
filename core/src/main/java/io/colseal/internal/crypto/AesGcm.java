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
 * the caller in one piece (or none, for column keys). Each thread keeps up to {@value #CIPHERS}
 * {@link Cipher}s, one per recently used key (replaced round robin): the provider keeps the key
 * schedule of the last key a cipher was initialised with, so a thread that alternates between keys
 * (re-encryption reads under one data key and writes under another; an entity's columns each have
 * their own column key) would otherwise expand a key for every value. A thread that cycles through
 * more keys than that expands a key per value; each cipher holds a few kilobytes. Each thread also
 * has one {@link SecureRandom}; no caller can pass a nonce.
 *
 * <p>Thread safety: all methods are safe for concurrent use.
 */
public final class AesGcm {
  /** Ciphers kept per thread. */
  static final int CIPHERS = 16;
  private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

  private AesGcm() {}

  /** Per-thread state, in one object so the hot path does one thread-local lookup. */
  private static final class Engine {
    private final Cipher[] ciphers = new Cipher[CIPHERS];
    private final @Nullable SecretKey[] keys = new SecretKey[CIPHERS];
    /** The slot used last, tried first. */
    private int last;
    /** The slot a key not kept takes next, in turn. */
    private int next;
    final SecureRandom random = new SecureRandom();
    final byte[] nonce = new byte[EnvelopeFormat.NONCE_LENGTH];

    /**
     * The cipher last initialised with {@code key} if one is kept, else one whose key the caller's
     * init replaces. No reordering: a lookup is a few reference comparisons.
     */
    Cipher cipherFor(SecretKey key) {
      int i = last;
      if (keys[i] != key) {
        i = 0;
        while (i < CIPHERS && keys[i] != key) {
          i++;
        }
        if (i == CIPHERS) {
          i = next;
          next = (next + 1) % CIPHERS;
          if (ciphers[i] == null) {
            ciphers[i] = newCipher();
          }
          keys[i] = key;
        }
        last = i;
      }
      return ciphers[i];
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
   * and has room for nonce, ciphertext and tag. Writes a fresh random nonce at offset 8. {@code
   * aad} null means none.
   */
  public static void seal(SecretKey key, byte @Nullable [] aad, byte[] plaintext, byte[] out) {
    Engine e = ENGINE.get();
    e.random.nextBytes(e.nonce);
    System.arraycopy(e.nonce, 0, out, EnvelopeFormat.HEADER_LENGTH, EnvelopeFormat.NONCE_LENGTH);
    Cipher cipher = e.cipherFor(key);
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, e.nonce));
      if (aad != null) {
        cipher.updateAAD(aad);
      }
      cipher.doFinal(plaintext, 0, plaintext.length, out, EnvelopeFormat.HEADER_LENGTH + EnvelopeFormat.NONCE_LENGTH);
    } catch (GeneralSecurityException ex) {
      ENGINE.remove();
      throw new IllegalStateException("AES-GCM encryption failed: " + ex.getClass().getSimpleName(), ex);
    }
  }

  /**
   * Decrypts {@code body} (nonce, ciphertext, tag starting at {@code off}) under {@code aad} (null
   * means none).
   *
   * @return the plaintext, or null when authentication failed
   */
  public static byte @Nullable [] open(SecretKey key, byte @Nullable [] aad, byte[] body, int off, int len) {
    if (len < EnvelopeFormat.NONCE_LENGTH + EnvelopeFormat.TAG_LENGTH) {
      return null;
    }
    Cipher cipher = ENGINE.get().cipherFor(key);
    try {
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, body, off, EnvelopeFormat.NONCE_LENGTH));
      if (aad != null) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(body, off + EnvelopeFormat.NONCE_LENGTH, len - EnvelopeFormat.NONCE_LENGTH);
    } catch (AEADBadTagException ex) {
      return null;
    } catch (GeneralSecurityException ex) {
      ENGINE.remove();
      return null;
    }
  }
}
