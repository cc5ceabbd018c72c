package io.colseal.internal.crypto;

import io.colseal.exception.ColsealConfigException;
import io.colseal.internal.format.EnvelopeFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * ARIA-256 (RFC 5794) in GCM mode (NIST SP 800-38D) over envelope buffers, envelope algorithm 03:
 * 96-bit random nonce, 128-bit tag, the same framing and associated data as AES-256-GCM (01). The
 * cipher ({@value #TRANSFORMATION}) comes from one JCA provider, named by {@code
 * colseal.crypto.aria-provider}: {@code BC} (the default) is BouncyCastle, used as an installed
 * provider of that name if there is one and otherwise as a provider instance of colseal's own that
 * is never registered with {@link Security}; any other name must be an installed provider ({@link
 * Security#getProvider(String)}), such as a team's KCMVP-validated JCE module.
 *
 * <p>The provider is found on first use ({@link #requireAvailable}), so an application without
 * ARIA columns never loads BouncyCastle for it. Each thread keeps up to {@value #CIPHERS} ciphers,
 * one per recently used key, for the same reason as {@link AesGcm}.
 *
 * <p>Thread safety: all methods are safe for concurrent use.
 */
public final class AriaGcm {
  /** The JCA transformation asked of the provider. */
  public static final String TRANSFORMATION = "ARIA/GCM/NoPadding";
  /** The provider name of BouncyCastle, the default. */
  public static final String BOUNCY_CASTLE = "BC";
  /** HKDF info of the ARIA key of a data key (RFC 5869 section 3.2). */
  static final byte[] HKDF_INFO = "colseal/v1/ARIA_256_GCM".getBytes(StandardCharsets.US_ASCII);
  static final int CIPHERS = 16;
  private static final AriaGcm BOUNCY_CASTLE_DEFAULT = new AriaGcm(BOUNCY_CASTLE);

  private final String providerName;
  private volatile @Nullable Provider provider;
  private final ThreadLocal<Engine> engine = ThreadLocal.withInitial(this::newEngine);

  private AriaGcm(String providerName) {
    this.providerName = providerName;
  }

  /** ARIA-GCM from the provider called {@code providerName}; it is looked up on first use. */
  public static AriaGcm withProvider(String providerName) {
    return BOUNCY_CASTLE.equals(providerName) ? BOUNCY_CASTLE_DEFAULT : new AriaGcm(providerName);
  }

  /** ARIA-GCM from BouncyCastle, the default provider. */
  public static AriaGcm bouncyCastle() {
    return BOUNCY_CASTLE_DEFAULT;
  }

  /**
   * HKDF-SHA256 (RFC 5869) of {@code dek}, no salt, info {@code colseal/v1/ARIA_256_GCM}, 32 bytes:
   * the ARIA-256 key of a data key version, so that AES and ARIA never run under the same key. The
   * caller owns and zeroes the result.
   */
  public static byte[] deriveKey(byte[] dek) {
    return Hkdf.derive(dek, HKDF_INFO);
  }

  /** The provider name as configured. */
  public String providerName() {
    return providerName;
  }

  /**
   * The provider, found on the first call.
   *
   * @throws ColsealConfigException (CONFIG_INVALID) naming {@code colseal.crypto.aria-provider} if
   *     no provider of that name is installed, or it has no {@value #TRANSFORMATION}
   */
  public Provider provider() {
    Provider p = provider;
    return p != null ? p : resolve();
  }

  /**
   * Checks that ARIA-GCM can run, for a column about to seal with it.
   *
   * @throws ColsealConfigException (CONFIG_INVALID) naming the column and the setting if not
   */
  public void requireAvailable(String table, String column) {
    try {
      provider();
    } catch (ColsealConfigException e) {
      throw new ColsealConfigException(table + '.' + column + " is sealed with ARIA_256_GCM, and " + e.getMessage(), e);
    }
  }

  private synchronized Provider resolve() {
    Provider p = provider;
    if (p != null) {
      return p;
    }
    p = Security.getProvider(providerName);
    if (p == null && BOUNCY_CASTLE.equals(providerName)) {
      p = BouncyCastle.PROVIDER;
    }
    String setting = "colseal.crypto.aria-provider";
    if (p == null) {
      throw new ColsealConfigException(setting + " names the JCA provider '" + providerName
          + "', which is not installed in this JVM (java.security.Security.getProvider returned null): install it"
          + " (java.security providers list or Security.addProvider) or set " + setting + "=BC");
    }
    try {
      Cipher.getInstance(TRANSFORMATION, p);
    } catch (GeneralSecurityException e) {
      throw new ColsealConfigException(setting + " names the JCA provider '" + providerName + "' (" + p.getName()
          + ' ' + p.getVersionStr() + "), which does not offer " + TRANSFORMATION + ": "
          + e.getClass().getSimpleName(), e);
    } catch (LinkageError e) {
      throw new ColsealConfigException(setting + " names the JCA provider '" + providerName
          + "', which failed to load: " + e.getClass().getSimpleName(), e);
    }
    provider = p;
    return p;
  }

  /** BouncyCastle's provider, as a class of its own so that it loads only when ARIA is used. */
  private static final class BouncyCastle {
    static final @Nullable Provider PROVIDER = load();

    private static @Nullable Provider load() {
      try {
        return new org.bouncycastle.jce.provider.BouncyCastleProvider();
      } catch (LinkageError e) {
        return null; // bcprov-jdk18on excluded: reported as a provider that is not installed
      }
    }
  }

  private Engine newEngine() {
    return new Engine(provider());
  }

  /** Per-thread state, in one object so the hot path does one thread-local lookup. */
  private static final class Engine {
    private final Provider provider;
    private final Cipher[] ciphers = new Cipher[CIPHERS];
    private final @Nullable SecretKey[] keys = new SecretKey[CIPHERS];
    private int last;
    private int next;
    final SecureRandom random = new SecureRandom();
    final byte[] nonce = new byte[EnvelopeFormat.NONCE_LENGTH];

    Engine(Provider provider) {
      this.provider = provider;
    }

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
            try {
              ciphers[i] = Cipher.getInstance(TRANSFORMATION, provider);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException(TRANSFORMATION + " is not available from " + provider.getName(), e);
            }
          }
          keys[i] = key;
        }
        last = i;
      }
      return ciphers[i];
    }
  }

  /**
   * Encrypts {@code plaintext} into {@code out}, which already holds the 8-byte header at offset 0
   * and has room for nonce, ciphertext and tag. Writes a fresh random nonce at offset 8.
   */
  public void seal(SecretKey key, byte[] aad, byte[] plaintext, byte[] out) {
    Engine e = engine.get();
    e.random.nextBytes(e.nonce);
    System.arraycopy(e.nonce, 0, out, EnvelopeFormat.HEADER_LENGTH, EnvelopeFormat.NONCE_LENGTH);
    Cipher cipher = e.cipherFor(key);
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, e.nonce));
      cipher.updateAAD(aad);
      int n = cipher.doFinal(plaintext, 0, plaintext.length, out,
          EnvelopeFormat.HEADER_LENGTH + EnvelopeFormat.NONCE_LENGTH);
      if (n != plaintext.length + EnvelopeFormat.TAG_LENGTH) {
        throw new IllegalStateException("ARIA-GCM from " + provider().getName() + " wrote " + n + " bytes, expected "
            + (plaintext.length + EnvelopeFormat.TAG_LENGTH) + " (is its tag 128 bits?)");
      }
    } catch (GeneralSecurityException ex) {
      engine.remove();
      throw new IllegalStateException("ARIA-GCM encryption failed: " + ex.getClass().getSimpleName(), ex);
    }
  }

  /**
   * Decrypts {@code body} (nonce, ciphertext, tag starting at {@code off}) under {@code aad}.
   *
   * @return the plaintext, or null when authentication failed
   */
  public byte @Nullable [] open(SecretKey key, byte[] aad, byte[] body, int off, int len) {
    if (len < EnvelopeFormat.NONCE_LENGTH + EnvelopeFormat.TAG_LENGTH) {
      return null;
    }
    Cipher cipher = engine.get().cipherFor(key);
    try {
      cipher.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, body, off, EnvelopeFormat.NONCE_LENGTH));
      cipher.updateAAD(aad);
      return cipher.doFinal(body, off + EnvelopeFormat.NONCE_LENGTH, len - EnvelopeFormat.NONCE_LENGTH);
    } catch (AEADBadTagException ex) {
      return null;
    } catch (GeneralSecurityException ex) {
      engine.remove();
      return null;
    }
  }

  @Override
  public String toString() {
    return "AriaGcm[" + providerName + ']';
  }
}
