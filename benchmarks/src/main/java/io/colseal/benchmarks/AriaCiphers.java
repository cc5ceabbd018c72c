package io.colseal.benchmarks;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.ARIAEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Raw ARIA-256-GCM, the ways colseal could call it, for the {@code aria-*} groups of {@link
 * PairedFieldHarness}: nonce prepended, 128-bit tag, associated data of colseal's size. Each is
 * what one path costs without colseal's envelope around it.
 *
 * <ul>
 *   <li>{@value #BC_REUSE}: BouncyCastle's lightweight {@code GCMBlockCipher} over {@code
 *       ARIAEngine}, one per thread, re-initialised with a null key (only the nonce changes), so the
 *       key schedule and GHASH key are kept: what colseal does for {@code BC}.
 *   <li>{@value #BC_FRESH}: the same classes, a new cipher and key set-up for every value.
 *   <li>{@value #BC_JCA}: BouncyCastle's JCA provider ({@code ARIA/GCM/NoPadding}), one reused
 *       {@code Cipher}, initialised with key and nonce for every value, as the JCA requires.
 * </ul>
 */
final class AriaCiphers {
  static final String BC_REUSE = "aria-bc-lightweight-reused";
  static final String BC_FRESH = "aria-bc-lightweight-fresh";
  static final String BC_JCA = "aria-bc-jca";
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private AriaCiphers() {}

  static FieldCipher create(String impl, byte[] value, byte[] aad) throws GeneralSecurityException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return switch (impl) {
      case BC_REUSE -> new Lightweight(key, value, aad, true);
      case BC_FRESH -> new Lightweight(key, value, aad, false);
      case BC_JCA -> new Jca(key, value, aad);
      default -> throw new IllegalArgumentException(impl);
    };
  }

  private static final class Lightweight implements FieldCipher {
    private final byte[] key;
    private final byte[] value;
    private final byte[] aad;
    private final boolean reuse;
    private final SecureRandom random = new SecureRandom();
    private final GCMModeCipher enc = GCMBlockCipher.newInstance(new ARIAEngine());
    private final GCMModeCipher dec = GCMBlockCipher.newInstance(new ARIAEngine());
    private boolean encKeyed;
    private boolean decKeyed;

    Lightweight(byte[] key, byte[] value, byte[] aad, boolean reuse) {
      this.key = key;
      this.value = value;
      this.aad = aad;
      this.reuse = reuse;
    }

    @Override
    public Object encrypt() {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      GCMModeCipher c = reuse ? enc : GCMBlockCipher.newInstance(new ARIAEngine());
      c.init(true, new AEADParameters(reuse && encKeyed ? null : new KeyParameter(key), TAG_BITS, nonce, aad));
      encKeyed = true;
      byte[] out = new byte[NONCE + c.getOutputSize(value.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      int n = c.processBytes(value, 0, value.length, out, NONCE);
      try {
        c.doFinal(out, NONCE + n);
      } catch (InvalidCipherTextException e) {
        throw new IllegalStateException(e);
      }
      return out;
    }

    @Override
    public Object decrypt(Object ciphertext) {
      byte[] in = (byte[]) ciphertext;
      GCMModeCipher c = reuse ? dec : GCMBlockCipher.newInstance(new ARIAEngine());
      c.init(false, new AEADParameters(reuse && decKeyed ? null : new KeyParameter(key), TAG_BITS,
          Arrays.copyOf(in, NONCE), aad));
      decKeyed = true;
      byte[] out = new byte[c.getOutputSize(in.length - NONCE)];
      int n = c.processBytes(in, NONCE, in.length - NONCE, out, 0);
      try {
        c.doFinal(out, n);
      } catch (InvalidCipherTextException e) {
        throw new IllegalStateException(e);
      }
      return out;
    }
  }

  private static final class Jca implements FieldCipher {
    private final SecretKeySpec key;
    private final byte[] value;
    private final byte[] aad;
    private final SecureRandom random = new SecureRandom();
    private final Cipher enc;
    private final Cipher dec;

    Jca(byte[] key, byte[] value, byte[] aad) throws GeneralSecurityException {
      this.key = new SecretKeySpec(key, "ARIA");
      this.value = value;
      this.aad = aad;
      enc = Cipher.getInstance("ARIA/GCM/NoPadding", BC);
      dec = Cipher.getInstance("ARIA/GCM/NoPadding", BC);
    }

    @Override
    public Object encrypt() {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      try {
        enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        enc.updateAAD(aad);
        byte[] out = new byte[NONCE + value.length + TAG_BITS / 8];
        System.arraycopy(nonce, 0, out, 0, NONCE);
        enc.doFinal(value, 0, value.length, out, NONCE);
        return out;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Object decrypt(Object ciphertext) {
      byte[] in = (byte[]) ciphertext;
      try {
        dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
        dec.updateAAD(aad);
        return dec.doFinal(in, NONCE, in.length - NONCE);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
