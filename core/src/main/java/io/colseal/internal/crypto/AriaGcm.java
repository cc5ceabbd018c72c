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
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.ARIAEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jspecify.annotations.Nullable;

/**
 * ARIA-256 (RFC 5794) in GCM mode (NIST SP 800-38D) over envelope buffers, envelope algorithm 03:
 * 96-bit random nonce, 128-bit tag, the same framing and associated data as AES-256-GCM (01). Where
 * the cipher comes from is {@code colseal.crypto.aria-provider}:
 *
 * <ul>
 *   <li>{@code BC} (the default): BouncyCastle's {@code ARIAEngine} under its {@code GCMBlockCipher},
 *       through the lightweight API, the same code BouncyCastle's JCA provider wraps. No JCA provider
 *       is loaded or registered (colseal's CLI jar does not even contain BouncyCastle's), and each
 *       thread re-initialises a cipher with a new nonce only, keeping the key schedule of the key it
 *       used last; measured faster than the JCA path (see {@code docs/performance.md}).
 *   <li>any other name: the {@value #TRANSFORMATION} cipher of the JCA provider installed under that
 *       name ({@link Security#getProvider(String)}), such as a team's KCMVP-validated module.
 * </ul>
 *
 * <p>The provider is found on first use ({@link #requireAvailable}), so an application without
 * ARIA columns never loads it. Each thread keeps up to {@value #CIPHERS} ciphers, one per recently
 * used key, for the same reason as {@link AesGcm}.
 *
 * <p>Thread safety: all methods are safe for concurrent use.
 */
public final class AriaGcm {
  /** The JCA transformation asked of a named provider. */
  public static final String TRANSFORMATION = "ARIA/GCM/NoPadding";
  /** The provider name of BouncyCastle, the default. */
  public static final String BOUNCY_CASTLE = "BC";
  /** HKDF info of the ARIA key of a data key (RFC 5869 section 3.2). */
  static final byte[] HKDF_INFO = "colseal/v1/ARIA_256_GCM".getBytes(StandardCharsets.US_ASCII);
  static final int CIPHERS = 16;
  private static final String SETTING = "colseal.crypto.aria-provider";
  private static final int TAG_BITS = EnvelopeFormat.TAG_LENGTH * 8;
  private static final AriaGcm BOUNCY_CASTLE_DEFAULT = new AriaGcm(BOUNCY_CASTLE);

  private final String providerName;
  private final boolean lightweight;
  private volatile @Nullable Provider provider;
  private volatile boolean checked;
  private final ThreadLocal<Engine> engine = ThreadLocal.withInitial(this::newEngine);

  private AriaGcm(String providerName) {
    this.providerName = providerName;
    this.lightweight = BOUNCY_CASTLE.equals(providerName);
  }

  /** ARIA-GCM from the provider called {@code providerName}; it is looked up on first use. */
  public static AriaGcm withProvider(String providerName) {
    return BOUNCY_CASTLE.equals(providerName) ? BOUNCY_CASTLE_DEFAULT : new AriaGcm(providerName);
  }

  /** ARIA-GCM from BouncyCastle, the default. */
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
   * What runs ARIA-GCM, as the implementation reports itself: {@code BC 1.78.1 (BouncyCastle
   * lightweight API)}, or a JCA provider's name and version.
   *
   * @throws ColsealConfigException (CONFIG_INVALID) naming the setting if it is not available
   */
  public String describe() {
    check();
    Provider p = provider;
    return p != null ? p.getName() + ' ' + p.getVersionStr()
        : BOUNCY_CASTLE + ' ' + BouncyCastle.version() + " (BouncyCastle lightweight API)";
  }

  /** Whether this is BouncyCastle, which is not a KCMVP-validated module. */
  public boolean isBouncyCastle() {
    return lightweight;
  }

  /**
   * Checks that ARIA-GCM can run, for a column about to seal with it.
   *
   * @throws ColsealConfigException (CONFIG_INVALID) naming the column and the setting if not
   */
  public void requireAvailable(String table, String column) {
    try {
      check();
    } catch (ColsealConfigException e) {
      throw new ColsealConfigException(table + '.' + column + " is sealed with ARIA_256_GCM, and " + e.getMessage(), e);
    }
  }

  /**
   * Finds the implementation once.
   *
   * @throws ColsealConfigException (CONFIG_INVALID) naming the setting if it is not available
   */
  public void check() {
    if (!checked) {
      resolve();
    }
  }

  private synchronized void resolve() {
    if (checked) {
      return;
    }
    if (lightweight) {
      try {
        BouncyCastle.newCipher();
      } catch (LinkageError e) {
        throw new ColsealConfigException(SETTING + "=BC needs BouncyCastle (org.bouncycastle:bcprov-jdk18on, a"
            + " dependency of colseal-core), which is not on the class path: " + e.getClass().getSimpleName(), e);
      }
      checked = true;
      return;
    }
    Provider p = Security.getProvider(providerName);
    if (p == null) {
      throw new ColsealConfigException(SETTING + " names the JCA provider '" + providerName
          + "', which is not installed in this JVM (java.security.Security.getProvider returned null): install it"
          + " (java.security providers list or Security.addProvider) or set " + SETTING + "=BC");
    }
    try {
      Cipher.getInstance(TRANSFORMATION, p);
    } catch (GeneralSecurityException e) {
      throw new ColsealConfigException(SETTING + " names the JCA provider '" + providerName + "' (" + p.getName()
          + ' ' + p.getVersionStr() + "), which does not offer " + TRANSFORMATION + ": "
          + e.getClass().getSimpleName(), e);
    }
    provider = p;
    checked = true;
  }

  /** BouncyCastle's lightweight classes, in a class of their own so that they load only when ARIA is used. */
  private static final class BouncyCastle {
    static GCMModeCipher newCipher() {
      return GCMBlockCipher.newInstance(new ARIAEngine());
    }

    /** The bcprov version, from its manifest or Maven metadata; "(version unknown)" without either. */
    static String version() {
      Package pkg = ARIAEngine.class.getPackage();
      String v = pkg == null ? null : pkg.getImplementationVersion();
      if (v != null) {
        return v;
      }
      try (java.io.InputStream in = ARIAEngine.class.getResourceAsStream(
          "/META-INF/maven/org.bouncycastle/bcprov-jdk18on/pom.properties")) {
        if (in != null) {
          java.util.Properties props = new java.util.Properties();
          props.load(in);
          String fromPom = props.getProperty("version");
          if (fromPom != null) {
            return fromPom;
          }
        }
      } catch (java.io.IOException e) {
        // fall through
      }
      return "(version unknown)";
    }
  }

  private Engine newEngine() {
    check();
    return lightweight ? new LightweightEngine() : new JcaEngine(java.util.Objects.requireNonNull(provider));
  }

  /** Per-thread state, in one object so the hot path does one thread-local lookup. */
  private abstract static class Engine {
    final @Nullable SecretKey[] keys = new SecretKey[CIPHERS];
    private int last;
    private int next;
    final SecureRandom random = new SecureRandom();
    final byte[] nonce = new byte[EnvelopeFormat.NONCE_LENGTH];

    /** The slot of the cipher last initialised with {@code key}, or a slot whose key {@code key} replaces (negated - 1). */
    int slotFor(SecretKey key) {
      int i = last;
      if (keys[i] == key) {
        return i;
      }
      for (i = 0; i < CIPHERS; i++) {
        if (keys[i] == key) {
          last = i;
          return i;
        }
      }
      i = next;
      next = (next + 1) % CIPHERS;
      keys[i] = key;
      last = i;
      return -i - 1;
    }

    abstract void seal(SecretKey key, byte[] aad, byte[] plaintext, byte[] out, int at) throws GeneralSecurityException;

    abstract byte @Nullable [] open(SecretKey key, byte[] aad, byte[] body, int off, int len)
        throws GeneralSecurityException;
  }

  /** BouncyCastle's GCM over ARIAEngine; a known key is kept and only the nonce changes. */
  private static final class LightweightEngine extends Engine {
    private final GCMModeCipher[] ciphers = new GCMModeCipher[CIPHERS];

    private GCMModeCipher init(SecretKey key, boolean encrypt, byte[] nonce, int nonceOff, byte[] aad) {
      int slot = slotFor(key);
      KeyParameter keyParam = null;
      if (slot < 0) {
        slot = -slot - 1;
        if (ciphers[slot] == null) {
          ciphers[slot] = BouncyCastle.newCipher();
        }
        byte[] bytes = key.getEncoded();
        try {
          keyParam = new KeyParameter(bytes);
        } finally {
          Arrays.fill(bytes, (byte) 0);
        }
      }
      byte[] iv = nonceOff == 0 && nonce.length == EnvelopeFormat.NONCE_LENGTH ? nonce
          : Arrays.copyOfRange(nonce, nonceOff, nonceOff + EnvelopeFormat.NONCE_LENGTH);
      // A null key keeps the key schedule and hash key of the last init with this slot's key.
      ciphers[slot].init(encrypt, new AEADParameters(keyParam, TAG_BITS, iv, aad));
      return ciphers[slot];
    }

    @Override
    void seal(SecretKey key, byte[] aad, byte[] plaintext, byte[] out, int at) throws GeneralSecurityException {
      GCMModeCipher c = init(key, true, nonce, 0, aad);
      try {
        int n = c.processBytes(plaintext, 0, plaintext.length, out, at);
        c.doFinal(out, at + n);
      } catch (InvalidCipherTextException | RuntimeException e) {
        forget(key);
        throw new GeneralSecurityException(e.getClass().getSimpleName());
      }
    }

    @Override
    byte @Nullable [] open(SecretKey key, byte[] aad, byte[] body, int off, int len) {
      GCMModeCipher c = init(key, false, body, off, aad);
      int ctOff = off + EnvelopeFormat.NONCE_LENGTH;
      int ctLen = len - EnvelopeFormat.NONCE_LENGTH;
      byte[] out = new byte[ctLen - EnvelopeFormat.TAG_LENGTH];
      try {
        int n = c.processBytes(body, ctOff, ctLen, out, 0);
        c.doFinal(out, n);
        return out;
      } catch (InvalidCipherTextException | RuntimeException e) {
        Arrays.fill(out, (byte) 0);
        forget(key);
        return null;
      }
    }

    /** After a failure the cipher's state is not trusted: the next use sets the key again. */
    private void forget(SecretKey key) {
      for (int i = 0; i < CIPHERS; i++) {
        if (keys[i] == key) {
          keys[i] = null;
        }
      }
    }
  }

  /** A JCA provider's {@value #TRANSFORMATION}. */
  private static final class JcaEngine extends Engine {
    private final Provider provider;
    private final Cipher[] ciphers = new Cipher[CIPHERS];

    JcaEngine(Provider provider) {
      this.provider = provider;
    }

    private Cipher cipherFor(SecretKey key) throws GeneralSecurityException {
      int slot = slotFor(key);
      if (slot < 0) {
        slot = -slot - 1;
        if (ciphers[slot] == null) {
          ciphers[slot] = Cipher.getInstance(TRANSFORMATION, provider);
        }
      }
      return ciphers[slot];
    }

    @Override
    void seal(SecretKey key, byte[] aad, byte[] plaintext, byte[] out, int at) throws GeneralSecurityException {
      Cipher cipher = cipherFor(key);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      int n = cipher.doFinal(plaintext, 0, plaintext.length, out, at);
      if (n != plaintext.length + EnvelopeFormat.TAG_LENGTH) {
        throw new GeneralSecurityException("ARIA-GCM from " + provider.getName() + " wrote " + n + " bytes, expected "
            + (plaintext.length + EnvelopeFormat.TAG_LENGTH) + " (is its tag 128 bits?)");
      }
    }

    @Override
    byte @Nullable [] open(SecretKey key, byte[] aad, byte[] body, int off, int len) throws GeneralSecurityException {
      Cipher cipher = cipherFor(key);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, body, off, EnvelopeFormat.NONCE_LENGTH));
      cipher.updateAAD(aad);
      try {
        return cipher.doFinal(body, off + EnvelopeFormat.NONCE_LENGTH, len - EnvelopeFormat.NONCE_LENGTH);
      } catch (AEADBadTagException e) {
        return null;
      }
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
    try {
      e.seal(key, aad, plaintext, out, EnvelopeFormat.HEADER_LENGTH + EnvelopeFormat.NONCE_LENGTH);
    } catch (GeneralSecurityException ex) {
      engine.remove();
      throw new IllegalStateException("ARIA-GCM encryption failed: " + ex.getMessage(), ex);
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
    try {
      return engine.get().open(key, aad, body, off, len);
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
