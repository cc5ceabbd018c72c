package io.colseal.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) with no salt and 32 output bytes, the one derivation colseal uses for the
 * keys it derives from a data key (the deterministic key, the column keys). With 32 output bytes,
 * expand is one HMAC: T(1) = HMAC(PRK, info || 0x01).
 *
 * <p>Computed with the JDK's HmacSHA256 (no BouncyCastle class is loaded). The JDK's HMAC keeps
 * copies of the input key material and of the pseudo-random key in objects that become unreachable
 * when {@link #derive} returns; they are not zeroed.
 */
final class Hkdf {
  static final int LENGTH = 32;
  private static final String HMAC = "HmacSHA256";

  private Hkdf() {}

  /** 32 bytes of HKDF-SHA256 of {@code ikm} with info {@code infoParts} concatenated; the caller zeroes the result. */
  static byte[] derive(byte[] ikm, byte[]... infoParts) {
    byte[] prk = null;
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(new byte[LENGTH], HMAC)); // no salt: HashLen zero bytes (RFC 5869 section 2.2)
      prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, HMAC));
      for (byte[] part : infoParts) {
        mac.update(part);
      }
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    } finally {
      if (prk != null) {
        Arrays.fill(prk, (byte) 0);
      }
    }
  }
}
