package io.colseal.internal.crypto;

import io.colseal.internal.format.EnvelopeFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM-SIV (RFC 8452) over envelope buffers, used deterministically: the nonce is fixed to
 * 96 zero bits, so equal (key, associated data, plaintext) give equal ciphertexts. RFC 8452 section
 * 9 states what that costs: an attacker learns only whether two messages were equal. The primitive
 * is BouncyCastle's {@link GCMSIVBlockCipher} over {@link AESEngine}; nothing here changes the
 * construction, it only fixes the nonce and frames the output.
 *
 * <p>Design note. {@code GCMSIVBlockCipher.init} derives the per-nonce authentication and
 * encryption keys (six AES calls and two key schedules); with a fixed nonce they are the same for
 * every value, and the cipher resets itself after {@code doFinal} without forgetting them. So each
 * thread keeps one cipher per direction, initialised for the key it last used, and re-initialises
 * only when the key changes. As with the JCE's key schedule, those derived keys stay in the
 * thread's cipher until the thread next uses another key; colseal cannot zero them.
 *
 * <p>Thread safety: all methods are safe for concurrent use.
 */
public final class AesGcmSiv {
  /** HKDF info for the deterministic key of a data key (RFC 5869 section 3.2). */
  static final byte[] HKDF_INFO = "colseal/v1/AES_256_GCM_SIV".getBytes(StandardCharsets.US_ASCII);
  /** Key length of AES-256. */
  static final int KEY_LENGTH = 32;
  private static final int TAG_BITS = EnvelopeFormat.TAG_LENGTH * 8;
  private static final byte[] FIXED_NONCE = new byte[EnvelopeFormat.NONCE_LENGTH];
  private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

  private AesGcmSiv() {}

  /**
   * A fresh AES-GCM-SIV cipher, exactly as colseal builds it; for the RFC 8452 test vectors, which
   * need other nonces than colseal's.
   */
  static GCMSIVBlockCipher newCipher() {
    return new GCMSIVBlockCipher(AESEngine.newInstance());
  }

  /**
   * HKDF-SHA256 (RFC 5869) of {@code dek}, no salt, info {@code colseal/v1/AES_256_GCM_SIV}, 32
   * bytes: the deterministic key of a data key version. The caller owns and zeroes the result.
   *
   * <p>Computed by {@link Hkdf} with the JDK's HmacSHA256 rather than BouncyCastle's HKDF, so that
   * deriving a key loads no BouncyCastle class: BouncyCastle is loaded only when a deterministic
   * value is first sealed or opened.
   */
  public static byte[] deriveKey(byte[] dek) {
    return Hkdf.derive(dek, HKDF_INFO);
  }

  /** A deterministic key that can be zeroed; the cipher state derived from it is per thread. */
  public static final class SivKey {
    private final KeyParameter key;
    private volatile boolean destroyed;

    /** Takes ownership of {@code bytes} (32), which {@link #destroy()} zeroes. */
    public SivKey(byte[] bytes) {
      if (bytes.length != KEY_LENGTH) {
        throw new IllegalArgumentException("AES-256-GCM-SIV needs a 32-byte key");
      }
      this.key = new KeyParameter(bytes);
      Arrays.fill(bytes, (byte) 0); // KeyParameter holds its own copy
    }

    KeyParameter parameter() {
      if (destroyed) {
        throw new IllegalStateException("key was destroyed");
      }
      return key;
    }

    public void destroy() {
      destroyed = true;
      Arrays.fill(key.getKey(), (byte) 0); // getKey() returns KeyParameter's own array
    }

    public boolean isDestroyed() {
      return destroyed;
    }

    @Override
    public String toString() {
      return "SivKey[redacted]";
    }
  }

  /** Per-thread ciphers, one per direction, each initialised for the key it last used. */
  private static final class Engine {
    private final GCMSIVBlockCipher encryptor = newCipher();
    private final GCMSIVBlockCipher decryptor = newCipher();
    private @Nullable SivKey encryptorKey;
    private @Nullable SivKey decryptorKey;

    GCMSIVBlockCipher encryptor(SivKey key) {
      KeyParameter p = key.parameter();
      if (encryptorKey != key) {
        encryptorKey = null;
        encryptor.init(true, new AEADParameters(p, TAG_BITS, FIXED_NONCE));
        encryptorKey = key;
      }
      return encryptor;
    }

    GCMSIVBlockCipher decryptor(SivKey key) {
      KeyParameter p = key.parameter();
      if (decryptorKey != key) {
        decryptorKey = null;
        decryptor.init(false, new AEADParameters(p, TAG_BITS, FIXED_NONCE));
        decryptorKey = key;
      }
      return decryptor;
    }
  }

  /**
   * Encrypts {@code plaintext} into {@code out} at {@code off}: ciphertext (as long as the
   * plaintext), then the 16-byte tag. {@code out} must have room for both.
   */
  public static void seal(SivKey key, byte[] aad, byte[] plaintext, byte[] out, int off) {
    Engine e = ENGINE.get();
    GCMSIVBlockCipher cipher = e.encryptor(key);
    try {
      cipher.processAADBytes(aad, 0, aad.length);
      cipher.processBytes(plaintext, 0, plaintext.length, out, off);
      cipher.doFinal(out, off);
    } catch (InvalidCipherTextException | RuntimeException ex) {
      ENGINE.remove(); // a cipher left mid-message must not serve the next value
      throw new IllegalStateException("AES-GCM-SIV encryption failed: " + ex.getClass().getSimpleName(), ex);
    }
  }

  /**
   * Decrypts {@code body[off, off + len)} (ciphertext then tag) under {@code aad}.
   *
   * @return the plaintext, or null when authentication failed or the body is shorter than a tag
   */
  public static byte @Nullable [] open(SivKey key, byte[] aad, byte[] body, int off, int len) {
    if (len < EnvelopeFormat.TAG_LENGTH) {
      return null;
    }
    Engine e = ENGINE.get();
    GCMSIVBlockCipher cipher = e.decryptor(key);
    byte[] out = new byte[len - EnvelopeFormat.TAG_LENGTH];
    try {
      cipher.processAADBytes(aad, 0, aad.length);
      cipher.processBytes(body, off, len, out, 0);
      cipher.doFinal(out, 0);
      return out;
    } catch (InvalidCipherTextException ex) {
      // The cipher zeroed its plaintext buffer and reset itself; out was never written.
      return null;
    } catch (RuntimeException ex) {
      ENGINE.remove();
      Arrays.fill(out, (byte) 0);
      return null;
    }
  }
}
