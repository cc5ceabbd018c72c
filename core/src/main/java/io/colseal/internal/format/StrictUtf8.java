package io.colseal.internal.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes well-formed UTF-8 only. {@code new String(bytes, UTF_8)} replaces malformed input
 * (invalid bytes, overlong forms, encoded surrogates, truncated sequences) with U+FFFD; a value
 * must have exactly one encoding, so such bytes are refused instead.
 *
 * <p>The JDK's {@code String} constructor is several times faster than a {@code CharsetDecoder}
 * (it decodes ASCII in bulk and allocates nothing else), and it writes U+FFFD for every malformed
 * sequence. So the fast path decodes with it and accepts the result when it holds no U+FFFD; only
 * a result that does (malformed input, or a value that really contains U+FFFD) is decoded again
 * strictly. {@code StrictUtf8Test} proves the outcome equals the strict decoder's.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * The string {@code bytes} encode.
   *
   * @throws CharacterCodingException if they are not well-formed UTF-8
   */
  public static String decode(byte[] bytes) throws CharacterCodingException {
    String fast = new String(bytes, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) {
      return fast;
    }
    // newDecoder() reports malformed and unmappable input by default.
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }
}
