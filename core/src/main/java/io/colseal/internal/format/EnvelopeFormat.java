package io.colseal.internal.format;

import io.colseal.keys.Algorithm;
import io.colseal.keys.Identifiers;
import java.nio.charset.StandardCharsets;

/**
 * Layout of envelope format version 1. Specified for other implementers in {@code
 * docs/reference/ciphertext-format.md}; this class and that document must agree.
 *
 * <pre>
 * alg 0x01 (AES-256-GCM, random nonce):
 * binary:  'c' 's' | 0x01 | 0x01 | key version (uint32 BE) | nonce (12) | ciphertext | tag (16)
 *          \______________ header, 8 bytes _______________/
 * alg 0x02 (AES-256-GCM-SIV, fixed all-zero nonce, not stored):
 * binary:  'c' 's' | 0x01 | 0x02 | key version (uint32 BE) | ciphertext | tag (16)
 * alg 0x04 (AES-256-GCM under the column key, random nonce, no AAD):
 * binary:  'c' 's' | 0x01 | 0x04 | key version (uint32 BE) | nonce (12) | ciphertext | tag (16)
 * alg 0x05 (AES-256-GCM bound to the row, random nonce):
 * binary:  'c' 's' | 0x01 | 0x05 | key version (uint32 BE) | nonce (12) | ciphertext | tag (16)
 * text:    "cs1:" alg (2 lower-case hex) ":" key version (10 decimal digits) ":"
 *          Base64(everything after the binary header)  (RFC 4648 section 4, padded)
 * AAD:     header (8) | uint16 BE len(table) | table | uint16 BE len(column) | column
 *          (names normalised by {@link Identifiers}, UTF-8); alg 0x04 has none: its key is
 *          HKDF-SHA256(DEK, info "colseal/v1/AES_256_GCM_COLUMN_KEY" | header | the same
 *          table and column part); alg 0x05 appends the row binding of the row's primary
 *          key ({@link RowBinding}) to the AAD
 * </pre>
 *
 * The text form carries the same header fields, so a value converts between the two forms without
 * decryption; the AAD always uses the binary header.
 */
public final class EnvelopeFormat {
  public static final byte MAGIC_0 = 'c';
  public static final byte MAGIC_1 = 's';
  public static final byte FORMAT_V1 = 0x01;
  public static final int HEADER_LENGTH = 8;
  public static final int NONCE_LENGTH = 12;
  public static final int TAG_LENGTH = 16;
  /** Bytes a binary AES-256-GCM envelope adds to the plaintext; the most any algorithm adds. */
  public static final int BINARY_OVERHEAD = HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH;
  /** Bytes a binary AES-256-GCM-SIV envelope adds to the plaintext (its nonce is fixed, not stored). */
  public static final int SIV_BINARY_OVERHEAD = HEADER_LENGTH + TAG_LENGTH;
  /** Length of the text header {@code cs1:01:0000000003:}. */
  public static final int TEXT_HEADER_LENGTH = 18;
  /** How every text envelope of format version 1 starts. */
  public static final String TEXT_MAGIC = "cs1:";
  /** Largest key version a header can carry. */
  public static final int MAX_KEY_VERSION = Integer.MAX_VALUE;
  /** Largest plaintext accepted, far below the GCM limit of 2^36 - 32 bytes. */
  public static final int MAX_PLAINTEXT_LENGTH = 64 * 1024 * 1024;

  private EnvelopeFormat() {}

  /** Bytes a binary envelope of {@code algorithm} adds to the plaintext; also its minimum length. */
  public static int binaryOverhead(Algorithm algorithm) {
    return algorithm == Algorithm.AES_256_GCM_SIV ? SIV_BINARY_OVERHEAD : BINARY_OVERHEAD;
  }

  /** Writes the 8-byte header at {@code dst[off]}. */
  public static void writeHeader(byte[] dst, int off, Algorithm algorithm, int keyVersion) {
    checkVersion(keyVersion);
    dst[off] = MAGIC_0;
    dst[off + 1] = MAGIC_1;
    dst[off + 2] = FORMAT_V1;
    dst[off + 3] = algorithm.id();
    dst[off + 4] = (byte) (keyVersion >>> 24);
    dst[off + 5] = (byte) (keyVersion >>> 16);
    dst[off + 6] = (byte) (keyVersion >>> 8);
    dst[off + 7] = (byte) keyVersion;
  }

  /** A fresh 8-byte header. */
  public static byte[] header(Algorithm algorithm, int keyVersion) {
    byte[] h = new byte[HEADER_LENGTH];
    writeHeader(h, 0, algorithm, keyVersion);
    return h;
  }

  /** The text header, e.g. {@code cs1:01:0000000003:}. */
  public static String textHeader(Algorithm algorithm, int keyVersion) {
    checkVersion(keyVersion);
    String v = Integer.toString(keyVersion);
    StringBuilder sb = new StringBuilder(TEXT_HEADER_LENGTH);
    sb.append("cs1:");
    sb.append(Character.forDigit((algorithm.id() >> 4) & 0xF, 16));
    sb.append(Character.forDigit(algorithm.id() & 0xF, 16));
    sb.append(':');
    for (int i = v.length(); i < 10; i++) {
      sb.append('0');
    }
    return sb.append(v).append(':').toString();
  }

  /**
   * The prefix every binary envelope under {@code keyVersion} starts with, for SQL such as {@code
   * WHERE SUBSTRING(col, 1, 8) = ?}.
   */
  public static byte[] binaryPrefix(Algorithm algorithm, int keyVersion) {
    return header(algorithm, keyVersion);
  }

  /** Parses the header of a binary envelope. */
  public static Header parseBinary(byte[] envelope) throws MalformedEnvelopeException {
    if (envelope.length < SIV_BINARY_OVERHEAD) {
      throw new MalformedEnvelopeException(versionIfReadable(envelope));
    }
    if (envelope[0] != MAGIC_0 || envelope[1] != MAGIC_1 || envelope[2] != FORMAT_V1) {
      throw new MalformedEnvelopeException(0);
    }
    int version =
        ((envelope[4] & 0xFF) << 24)
            | ((envelope[5] & 0xFF) << 16)
            | ((envelope[6] & 0xFF) << 8)
            | (envelope[7] & 0xFF);
    Algorithm algorithm = Algorithm.fromId(envelope[3]).orElse(null);
    if (version < 1 || algorithm == null || !algorithm.implemented() || !algorithm.sealsValues()) {
      throw new MalformedEnvelopeException(version > 0 ? version : 0);
    }
    if (envelope.length < binaryOverhead(algorithm)) {
      throw new MalformedEnvelopeException(version);
    }
    return new Header(algorithm, version);
  }

  private static int versionIfReadable(byte[] e) {
    if (e.length >= HEADER_LENGTH && e[0] == MAGIC_0 && e[1] == MAGIC_1 && e[2] == FORMAT_V1) {
      int v = ((e[4] & 0xFF) << 24) | ((e[5] & 0xFF) << 16) | ((e[6] & 0xFF) << 8) | (e[7] & 0xFF);
      return Math.max(v, 0);
    }
    return 0;
  }

  /**
   * Parses just the 8-byte header at the start of {@code prefix} (for SQL results that return only
   * the first bytes of binary envelopes).
   */
  public static Header parseBinaryHeader(byte[] prefix) throws MalformedEnvelopeException {
    if (prefix.length < HEADER_LENGTH) {
      throw new MalformedEnvelopeException(0);
    }
    return parseBinary(java.util.Arrays.copyOf(prefix, BINARY_OVERHEAD));
  }

  /**
   * Whether {@code stored} has the whole shape of a text envelope, not only its header: a valid
   * header, then canonical Base64 whose bytes are at least the algorithm's minimum (nonce and tag,
   * or tag). Says nothing about authenticity; only decryption does.
   */
  public static boolean isWellFormedText(String stored) {
    try {
      Header h = parseText(stored);
      byte[] body = StrictBase64.decode(stored, TEXT_HEADER_LENGTH);
      return body.length + HEADER_LENGTH >= binaryOverhead(h.algorithm());
    } catch (MalformedEnvelopeException e) {
      return false;
    }
  }

  /** Whether {@code stored} has the whole shape of a binary envelope: a valid header and the minimum length. */
  public static boolean isWellFormedBinary(byte[] stored) {
    try {
      parseBinary(stored);
      return true;
    } catch (MalformedEnvelopeException e) {
      return false;
    }
  }

  /** Parses the header of a text envelope. */
  public static Header parseText(String envelope) throws MalformedEnvelopeException {
    if (envelope.length() < TEXT_HEADER_LENGTH
        || !envelope.startsWith("cs1:")
        || envelope.charAt(6) != ':'
        || envelope.charAt(17) != ':') {
      throw new MalformedEnvelopeException(0);
    }
    int hi = lowerHexDigit(envelope.charAt(4));
    int lo = lowerHexDigit(envelope.charAt(5));
    long version = 0;
    for (int i = 7; i < 17; i++) {
      char c = envelope.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedEnvelopeException(0);
      }
      version = version * 10 + (c - '0');
    }
    if (hi < 0 || lo < 0 || version < 1 || version > MAX_KEY_VERSION) {
      throw new MalformedEnvelopeException(0);
    }
    Algorithm algorithm = Algorithm.fromId((byte) (hi << 4 | lo)).orElse(null);
    if (algorithm == null || !algorithm.implemented() || !algorithm.sealsValues()) {
      throw new MalformedEnvelopeException((int) version);
    }
    return new Header(algorithm, (int) version);
  }

  private static int lowerHexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /**
   * The column part of the associated data: {@code uint16 len | table | uint16 len | column}, both
   * normalised. Computed once per column; the header is prepended per value.
   */
  public static byte[] columnBinding(String table, String column) {
    byte[] t = Identifiers.normalize(table).getBytes(StandardCharsets.UTF_8);
    byte[] c = Identifiers.normalize(column).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[2 + t.length + 2 + c.length];
    out[0] = (byte) (t.length >>> 8);
    out[1] = (byte) t.length;
    System.arraycopy(t, 0, out, 2, t.length);
    int o = 2 + t.length;
    out[o] = (byte) (c.length >>> 8);
    out[o + 1] = (byte) c.length;
    System.arraycopy(c, 0, out, o + 2, c.length);
    return out;
  }

  private static void checkVersion(int keyVersion) {
    if (keyVersion < 1) {
      throw new IllegalArgumentException("key version must be >= 1, got " + keyVersion);
    }
  }

  /** The fields of a parsed header. */
  public record Header(Algorithm algorithm, int keyVersion) {}
}
