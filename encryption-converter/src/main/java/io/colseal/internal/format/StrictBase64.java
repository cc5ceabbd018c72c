package io.colseal.internal.format;

/**
 * Base64 (RFC 4648 section 4, standard alphabet, with padding) that accepts only the canonical
 * encoding: length a multiple of four, padding only at the end, and unused bits of the last
 * character zero. {@link java.util.Base64} is lenient about the last two, which would let a
 * changed character decode to the same bytes; an envelope must have exactly one text form.
 */
public final class StrictBase64 {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = (byte) i;
    }
  }

  private StrictBase64() {}

  /** Encodes {@code src} into a string prefixed with {@code prefix}. */
  public static String encode(String prefix, byte[] src, int off, int len) {
    int outLen = 4 * ((len + 2) / 3);
    byte[] out = new byte[prefix.length() + outLen];
    for (int i = 0; i < prefix.length(); i++) {
      out[i] = (byte) prefix.charAt(i);
    }
    int o = prefix.length();
    int end = off + len;
    int i = off;
    for (; i + 3 <= end; i += 3) {
      int b = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8 | (src[i + 2] & 0xFF);
      out[o++] = (byte) ALPHABET[b >>> 18];
      out[o++] = (byte) ALPHABET[(b >>> 12) & 0x3F];
      out[o++] = (byte) ALPHABET[(b >>> 6) & 0x3F];
      out[o++] = (byte) ALPHABET[b & 0x3F];
    }
    int rest = end - i;
    if (rest == 1) {
      int b = (src[i] & 0xFF) << 16;
      out[o++] = (byte) ALPHABET[b >>> 18];
      out[o++] = (byte) ALPHABET[(b >>> 12) & 0x3F];
      out[o++] = '=';
      out[o] = '=';
    } else if (rest == 2) {
      int b = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8;
      out[o++] = (byte) ALPHABET[b >>> 18];
      out[o++] = (byte) ALPHABET[(b >>> 12) & 0x3F];
      out[o++] = (byte) ALPHABET[(b >>> 6) & 0x3F];
      out[o] = '=';
    }
    return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Decodes {@code s} from index {@code from}; throws unless it is canonical Base64. */
  public static byte[] decode(String s, int from) throws MalformedEnvelopeException {
    int len = s.length() - from;
    if (len <= 0 || len % 4 != 0) {
      throw new MalformedEnvelopeException(0);
    }
    int pad = 0;
    if (s.charAt(s.length() - 1) == '=') {
      pad = s.charAt(s.length() - 2) == '=' ? 2 : 1;
    }
    byte[] out = new byte[len / 4 * 3 - pad];
    int o = 0;
    int end = s.length();
    for (int i = from; i < end; i += 4) {
      boolean last = i + 4 == end;
      int c0 = value(s.charAt(i));
      int c1 = value(s.charAt(i + 1));
      if (last && pad == 2) {
        if ((c1 & 0x0F) != 0) {
          throw new MalformedEnvelopeException(0);
        }
        out[o] = (byte) (c0 << 2 | c1 >>> 4);
        return out;
      }
      int c2 = value(s.charAt(i + 2));
      if (last && pad == 1) {
        if ((c2 & 0x03) != 0) {
          throw new MalformedEnvelopeException(0);
        }
        out[o++] = (byte) (c0 << 2 | c1 >>> 4);
        out[o] = (byte) (c1 << 4 | c2 >>> 2);
        return out;
      }
      int c3 = value(s.charAt(i + 3));
      out[o++] = (byte) (c0 << 2 | c1 >>> 4);
      out[o++] = (byte) (c1 << 4 | c2 >>> 2);
      out[o++] = (byte) (c2 << 6 | c3);
    }
    return out;
  }

  private static int value(char c) throws MalformedEnvelopeException {
    int v = c < 128 ? VALUES[c] : -1;
    if (v < 0) {
      throw new MalformedEnvelopeException(0);
    }
    return v;
  }
}
