package io.colseal.internal.format;

import java.nio.charset.StandardCharsets;

/**
 * The scalar strict Base64 coder colseal shipped up to 0.9, kept unchanged as the reference the
 * JDK-backed {@link StrictBase64} is proved equivalent to ({@link StrictBase64EquivalenceTest}).
 */
final class ScalarBase64Reference {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  /** Value of each byte as a Base64 digit; -1 for everything else, '=' included. */
  private static final int[] DECODE = new int[256];

  static {
    java.util.Arrays.fill(DECODE, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      DECODE[ALPHABET[i]] = i;
    }
  }

  private ScalarBase64Reference() {}

  /** Encodes {@code src} into a string prefixed with {@code prefix}. */
  static String encode(String prefix, byte[] src, int off, int len) {
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
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** Names the first character outside the alphabet by kind and position in the body; never the character. */
  private static MalformedEnvelopeException notInAlphabet(byte[] in, int start, int from) {
    int i = start;
    while (i < in.length - 1 && DECODE[in[i] & 0xFF] >= 0) {
      i++;
    }
    String what = in[i] == '=' ? "a padding '=' before its end" : in[i] == ' ' ? "a space"
        : "a character outside the Base64 alphabet";
    return new MalformedEnvelopeException(0, "the Base64 body has " + what + " at position " + (i - from + 1)
        + " of " + (in.length - from));
  }

  /** Decodes {@code s} from index {@code from}; throws unless it is canonical Base64. */
  static byte[] decode(String s, int from) throws MalformedEnvelopeException {
    int len = s.length() - from;
    if (len <= 0) {
      throw new MalformedEnvelopeException(0, "the body is empty");
    }
    int spaces = 0;
    while (spaces < len && s.charAt(s.length() - 1 - spaces) == ' ') {
      spaces++;
    }
    if (spaces > 0) {
      throw new MalformedEnvelopeException(0, "the body of " + len + " characters ends with " + spaces
          + " spaces (a CHAR column pads values with spaces: store envelopes in VARCHAR)");
    }
    if (len % 4 != 0) {
      throw new MalformedEnvelopeException(0, "the Base64 body has " + len + " characters, not a multiple of 4"
          + " (truncated, or padded with other characters?)");
    }
    // Characters outside ISO-8859-1 become '?', which is not in the alphabet and is rejected.
    byte[] in = s.getBytes(StandardCharsets.ISO_8859_1);
    int end = in.length;
    int pad = in[end - 1] == '=' ? (in[end - 2] == '=' ? 2 : 1) : 0;
    byte[] out = new byte[len / 4 * 3 - pad];
    int o = 0;
    int full = end - (pad > 0 ? 4 : 0);
    for (int i = from; i < full; i += 4) {
      int c0 = DECODE[in[i] & 0xFF];
      int c1 = DECODE[in[i + 1] & 0xFF];
      int c2 = DECODE[in[i + 2] & 0xFF];
      int c3 = DECODE[in[i + 3] & 0xFF];
      if ((c0 | c1 | c2 | c3) < 0) {
        throw notInAlphabet(in, i, from);
      }
      out[o++] = (byte) (c0 << 2 | c1 >>> 4);
      out[o++] = (byte) (c1 << 4 | c2 >>> 2);
      out[o++] = (byte) (c2 << 6 | c3);
    }
    if (pad > 0) {
      int c0 = DECODE[in[full] & 0xFF];
      int c1 = DECODE[in[full + 1] & 0xFF];
      if ((c0 | c1) < 0) {
        throw notInAlphabet(in, full, from);
      }
      if (pad == 2) {
        if ((c1 & 0x0F) != 0) { // unused bits must be zero: one text form per value
          throw new MalformedEnvelopeException(0, "the Base64 body is not canonical (non-zero padding bits)");
        }
        out[o] = (byte) (c0 << 2 | c1 >>> 4);
      } else {
        int c2 = DECODE[in[full + 2] & 0xFF];
        if (c2 < 0) {
          throw notInAlphabet(in, full, from);
        }
        if ((c2 & 0x03) != 0) {
          throw new MalformedEnvelopeException(0, "the Base64 body is not canonical (non-zero padding bits)");
        }
        out[o++] = (byte) (c0 << 2 | c1 >>> 4);
        out[o] = (byte) (c1 << 4 | c2 >>> 2);
      }
    }
    return out;
  }
}
