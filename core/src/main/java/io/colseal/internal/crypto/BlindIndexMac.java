package io.colseal.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The blind-index function of one index column: a keyed HMAC-SHA-256 over a domain-separated input,
 * truncated to {@code bits} and written as text.
 *
 * <p>Design note. The MAC input is the UTF-8 of
 *
 * <pre>"colseal blind index v1" 0x00 table 0x00 column 0x00 normalizer 0x00 bits 0x00 value</pre>
 *
 * where {@code table} and {@code column} are the normalised names of the <em>index</em> column,
 * {@code normalizer} is the normaliser's name ({@code LOWER_TRIM}), {@code bits} is the decimal
 * truncation (256 for none) and {@code value} is the normalised plaintext (the caller normalises). Names cannot contain control characters ({@code Identifiers}), so the fields cannot
 * run into each other: equal plaintexts give unrelated index values in two columns or tables, and a
 * change of normaliser or truncation gives a new index (rebuild it). The MAC output's first {@code
 * bits} bits are kept and the rest of the last byte is zeroed. The stored text is
 *
 * <pre>bi1:&lt;key version&gt;:&lt;base64url, unpadded, of ceil(bits/8) bytes&gt;</pre>
 *
 * e.g. {@code bi1:1:q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWc} (256 bits, 49 characters) or {@code
 * bi1:1:kw} (8 bits).
 *
 * <p>Thread safe: each thread keeps its own {@link Mac}, initialised with the key on every call so
 * no instance outlives a destroyed key for longer than that thread's next call.
 */
public final class BlindIndexMac {
  /** Prefix of every stored index value. */
  public static final String PREFIX = "bi1:";
  /** Longest stored value: prefix, a 10-digit key version, ':' and 43 Base64 characters. */
  public static final int MAX_LENGTH = PREFIX.length() + 10 + 1 + 43;
  private static final String MAC = "HmacSHA256";
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance(MAC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(MAC + " is missing from this JVM", e);
    }
  });
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] domain;
  private final String normalizer;
  private final int bits;

  /**
   * @param table normalised table of the index column
   * @param column normalised index column
   * @param normalizer the name of the normaliser applied to values before {@link #token}
   * @param bits 1..256 bits kept, or 0 for all 256
   */
  public BlindIndexMac(String table, String column, String normalizer, int bits) {
    if (bits < 0 || bits > 256) {
      throw new IllegalArgumentException("bits must be 0 (no truncation) or 1..256, got " + bits);
    }
    this.normalizer = normalizer;
    this.bits = bits == 0 ? 256 : bits;
    this.domain = ("colseal blind index v1\0" + table + '\0' + column + '\0' + normalizer + '\0' + this.bits
        + '\0').getBytes(StandardCharsets.UTF_8);
  }

  /** Bits kept, 1..256. */
  public int bits() {
    return bits;
  }

  /** The stored index value of the normalised {@code value} under {@code key} (version {@code keyVersion}). */
  public String token(SecretKey key, int keyVersion, String value) {
    byte[] digest = digest(key, value);
    try {
      return PREFIX + keyVersion + ':' + BASE64.encodeToString(digest);
    } finally {
      Arrays.fill(digest, (byte) 0);
    }
  }

  /**
   * The truncated MAC of the normalised {@code normalizedValue}: {@code ceil(bits/8)} bytes, the bits
   * past {@code bits} zero.
   */
  public byte[] digest(SecretKey key, String normalizedValue) {
    byte[] value = normalizedValue.getBytes(StandardCharsets.UTF_8);
    byte[] full = null;
    try {
      Mac mac = MACS.get();
      mac.init(key);
      mac.update(domain);
      full = mac.doFinal(value);
      byte[] out = Arrays.copyOf(full, (bits + 7) / 8);
      int spare = out.length * 8 - bits;
      if (spare > 0) {
        out[out.length - 1] &= (byte) (0xFF << spare);
      }
      return out;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("the blind-index key was destroyed or is unusable", e);
    } finally {
      Arrays.fill(value, (byte) 0);
      if (full != null) {
        Arrays.fill(full, (byte) 0);
      }
    }
  }

  @Override
  public String toString() {
    return "BlindIndexMac[" + normalizer + ", " + bits + " bits]";
  }
}
