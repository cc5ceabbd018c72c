package io.colseal.internal.format;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The row part of the associated data of {@code AES_256_GCM_ROW_BOUND} envelopes (algorithm 05):
 * the canonical encoding of a row's primary-key value(s). Specified in {@code
 * docs/reference/ciphertext-format.md} ("Row binding"); this class and that document must agree.
 *
 * <pre>
 * row binding = uint16 BE count of parts (1..65535)
 *             | per part: tag (1 byte) | uint32 BE byte length | bytes
 *   'i' (0x69)  Short, Integer, Long, BigInteger in the range of long: 8 bytes, int64 BE two's complement
 *   's' (0x73)  String: UTF-8 (a string with an unpaired surrogate is refused)
 *   'u' (0x75)  UUID: 16 bytes, most significant 64 bits first
 *   'b' (0x62)  byte[]: the bytes
 * </pre>
 *
 * Every integral type has the one tag and width, so an {@code int} id and a {@code long} id of the
 * same value bind the same row; a number and its decimal string do not.
 */
public final class RowBinding {
  public static final byte TAG_INTEGER = 'i';
  public static final byte TAG_STRING = 's';
  public static final byte TAG_UUID = 'u';
  public static final byte TAG_BYTES = 'b';
  /** Most parts a row key can have: the count is a uint16. */
  public static final int MAX_PARTS = 0xFFFF;
  /** The types a part may have, for messages. */
  public static final String SUPPORTED =
      "Short, Integer, Long, BigInteger (in the range of long), String, UUID or byte[]";
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private RowBinding() {}

  /**
   * The row binding of {@code parts}, in order.
   *
   * @throws IllegalArgumentException if there are no parts or more than {@value #MAX_PARTS}, or a
   *     part is null or of another type; the message names the part's position and type, never its
   *     value
   */
  public static byte[] encode(List<? extends @Nullable Object> parts) {
    int n = parts.size();
    if (n < 1 || n > MAX_PARTS) {
      throw new IllegalArgumentException("a row key has 1 to " + MAX_PARTS + " parts, this one has " + n);
    }
    List<byte[]> encoded = new ArrayList<>(n);
    byte[] tags = new byte[n];
    long length = 2;
    for (int i = 0; i < n; i++) {
      Object part = parts.get(i);
      byte[] bytes;
      if (part instanceof Short || part instanceof Integer || part instanceof Long) {
        tags[i] = TAG_INTEGER;
        bytes = ByteBuffer.allocate(8).putLong(((Number) part).longValue()).array();
      } else if (part instanceof BigInteger b) {
        if (b.compareTo(LONG_MIN) < 0 || b.compareTo(LONG_MAX) > 0) {
          throw new IllegalArgumentException(where(i, n) + " is a BigInteger outside the range of long");
        }
        tags[i] = TAG_INTEGER;
        bytes = ByteBuffer.allocate(8).putLong(b.longValue()).array();
      } else if (part instanceof String s) {
        tags[i] = TAG_STRING;
        bytes = utf8(s, i, n);
      } else if (part instanceof UUID u) {
        tags[i] = TAG_UUID;
        bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
      } else if (part instanceof byte[] b) {
        tags[i] = TAG_BYTES;
        bytes = b;
      } else if (part == null) {
        throw new IllegalArgumentException(where(i, n) + " is null");
      } else {
        throw new IllegalArgumentException(where(i, n) + " is a " + part.getClass().getName() + "; a part is a "
            + SUPPORTED);
      }
      encoded.add(bytes);
      length += 1 + 4 + bytes.length;
    }
    if (length > Integer.MAX_VALUE - 4096) { // room for the header and names in front of it
      throw new IllegalArgumentException("the row key is longer than an array can hold");
    }
    ByteBuffer out = ByteBuffer.allocate((int) length);
    out.putShort((short) n);
    for (int i = 0; i < n; i++) {
      byte[] bytes = encoded.get(i);
      out.put(tags[i]).putInt(bytes.length).put(bytes);
    }
    return out.array();
  }

  private static byte[] utf8(String s, int i, int n) {
    try {
      ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      // A lenient encoder writes '?' for an unpaired surrogate: two keys would bind the same row.
      throw new IllegalArgumentException(where(i, n) + " is a String with an unpaired surrogate, which has no UTF-8"
          + " form");
    }
  }

  private static String where(int i, int n) {
    return "part " + (i + 1) + " of " + n;
  }
}
