package io.colseal.internal.legacy;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of Fernet tokens (the specification at github.com/fernet/spec): 32 bytes, the first 16
 * the HMAC-SHA256 signing key, the last 16 the AES-128-CBC encryption key. In the AWS KMS + Fernet
 * recipe it is the 32-byte plaintext of {@code GenerateDataKey(KeySpec=AES_256)}.
 *
 * <p>A token is URL-safe Base64 (with {@code =} padding) of {@code 0x80 | timestamp (8, big
 * endian) | IV (16) | ciphertext (AES-128-CBC, PKCS#7, whole blocks) | HMAC-SHA256 (32)} over
 * everything before the HMAC. {@link #open} checks the HMAC (in constant time) before it decrypts;
 * the timestamp is not checked (a migration reads tokens of any age).
 *
 * <p>Thread safe. {@link #destroy()} zeroes the key bytes; {@code toString} names no byte.
 */
public final class FernetKey {
  /** The version byte every Fernet token starts with. */
  public static final int VERSION = 0x80;
  /** The fewest bytes of a token: version, timestamp, IV, one AES block, HMAC. */
  public static final int MIN_TOKEN_BYTES = 1 + 8 + 16 + 16 + 32;
  /** The fewest characters of a token's URL-safe Base64 with padding. */
  public static final int MIN_TOKEN_CHARS = (MIN_TOKEN_BYTES + 2) / 3 * 4;
  /** What every token's text starts with: the version byte 0x80 and two zero timestamp bytes. */
  public static final String TEXT_PREFIX = "gAAAA";

  private final byte[] signing;
  private final byte[] encryption;
  private final ThreadLocal<Mac> macs;
  private final ThreadLocal<Cipher> ciphers;
  private volatile boolean destroyed;

  private FernetKey(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a Fernet key is 32 bytes, not " + key.length);
    }
    signing = Arrays.copyOfRange(key, 0, 16);
    encryption = Arrays.copyOfRange(key, 16, 32);
    macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signing, "HmacSHA256"));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK has no HmacSHA256", e);
      }
    });
    ciphers = ThreadLocal.withInitial(() -> {
      try {
        return Cipher.getInstance("AES/CBC/PKCS5Padding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK has no AES/CBC/PKCS5Padding", e);
      }
    });
  }

  /** A key of the 32 bytes {@code key} (copied; the caller zeroes its array). */
  public static FernetKey of(byte[] key) {
    return new FernetKey(key);
  }

  /**
   * Whether {@code value} has a Fernet token's shape: at least {@link #MIN_TOKEN_CHARS} characters,
   * a multiple of 4, URL-safe Base64 with at most two trailing {@code =}, starting with {@link
   * #TEXT_PREFIX}. Says nothing about its authenticity; a colseal envelope ({@code cs1:}) never has it.
   */
  public static boolean hasShape(String value) {
    int n = value.length();
    if (n < MIN_TOKEN_CHARS || n % 4 != 0 || !value.startsWith(TEXT_PREFIX)) {
      return false;
    }
    int end = n;
    if (value.charAt(end - 1) == '=') {
      end--;
      if (value.charAt(end - 1) == '=') {
        end--;
      }
    }
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The plaintext bytes of {@code token}, after its HMAC is verified.
   *
   * @throws FernetException if it is not a token, does not authenticate, or has invalid padding
   */
  public byte[] open(String token) throws FernetException {
    if (destroyed) {
      throw new IllegalStateException("the Fernet key was destroyed");
    }
    if (!hasShape(token)) {
      throw new FernetException(FernetException.Reason.MALFORMED);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new FernetException(FernetException.Reason.MALFORMED);
    }
    int body = raw.length - 32;
    if (raw.length < MIN_TOKEN_BYTES || (raw[0] & 0xff) != VERSION || (body - 25) % 16 != 0) {
      throw new FernetException(FernetException.Reason.MALFORMED);
    }
    Mac mac = macs.get();
    mac.update(raw, 0, body);
    byte[] expected = mac.doFinal();
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, body, raw.length))) {
      throw new FernetException(FernetException.Reason.HMAC_MISMATCH);
    }
    try {
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryption, "AES"), new IvParameterSpec(raw, 9, 16));
      return cipher.doFinal(raw, 25, body - 25);
    } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
      throw new FernetException(FernetException.Reason.BAD_PADDING);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CBC is not usable in this JDK", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Zeroes the key bytes; {@link #open} fails afterwards. Threads' cached MAC states hold a copy until they end. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(signing, (byte) 0);
    Arrays.fill(encryption, (byte) 0);
  }

  @Override
  public String toString() {
    return "FernetKey[redacted]";
  }
}
