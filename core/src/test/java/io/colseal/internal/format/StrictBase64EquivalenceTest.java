package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JDK-backed {@link StrictBase64} against the scalar coder of 0.9 ({@link
 * ScalarBase64Reference}): for every input, both return the same bytes, or both refuse with the
 * same problem. Exhaustive over short bodies, then random and mutated long ones.
 */
class StrictBase64EquivalenceTest {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  /** Characters a damaged or foreign value may hold: padding, space, URL-safe digits, control, Latin-1, beyond Latin-1. */
  private static final String OTHERS = "= -_\n\0é\u00ff\u0141\u212a\ud83d";
  /** The same, fewer, for the exhaustive four-character bodies (69^4 = 22.7 million). */
  private static final String FEW_OTHERS = "= -é\u0141";

  @Test
  void everyBodyOfFourCharacters_sameOutcome() {
    String chars = ALPHABET + FEW_OTHERS;
    char[] c = new char[4];
    long compared = 0;
    for (int a = 0; a < chars.length(); a++) {
      for (int b = 0; b < chars.length(); b++) {
        for (int d = 0; d < chars.length(); d++) {
          for (int e = 0; e < chars.length(); e++) {
            c[0] = chars.charAt(a);
            c[1] = chars.charAt(b);
            c[2] = chars.charAt(d);
            c[3] = chars.charAt(e);
            assertSame(new String(c), 0);
            compared++;
          }
        }
      }
    }
    assertEquals((long) Math.pow(chars.length(), 4), compared);
  }

  @Test
  void everyBodyUpToEightCharacters_overADigitSubsetWithPadding_sameOutcome() {
    // Digits whose unused bits differ (A=0, Q=16, w=48, /=63), padding, one foreign character: 6^8 bodies of 8.
    String chars = "AQw/=*";
    for (int len = 0; len <= 8; len++) {
      int[] idx = new int[len];
      char[] c = new char[len];
      while (true) {
        for (int i = 0; i < len; i++) {
          c[i] = chars.charAt(idx[i]);
        }
        assertSame("cs1:01:0000000001:" + new String(c), 18);
        int i = len - 1;
        while (i >= 0 && ++idx[i] == chars.length()) {
          idx[i--] = 0;
        }
        if (i < 0) {
          break;
        }
      }
    }
  }

  @Test
  void randomEncodingsAndTheirMutations_sameOutcome() throws Exception {
    Random r = new Random(16);
    String chars = ALPHABET + OTHERS;
    for (int n = 0; n < 20_000; n++) {
      int len = n < 4_000 ? n % 400 : r.nextInt(n % 10 == 0 ? 40_000 : 3_000);
      byte[] value = new byte[len];
      r.nextBytes(value);
      String prefix = "cs1:01:0000000007:";
      String encoded = StrictBase64.encode(prefix, value, 0, len);
      assertEquals(ScalarBase64Reference.encode(prefix, value, 0, len), encoded);
      if (len > 0) {
        assertTrue(Arrays.equals(value, StrictBase64.decode(encoded, 18)), "round trip of " + len + " bytes");
      }
      char[] m = encoded.toCharArray();
      int changes = 1 + r.nextInt(3);
      for (int k = 0; k < changes && m.length > 18; k++) {
        int at = 18 + (r.nextInt(4) == 0 ? Math.max(0, m.length - 18 - 1 - r.nextInt(4)) : r.nextInt(m.length - 18));
        m[at] = chars.charAt(r.nextInt(chars.length()));
      }
      String mutated = new String(m);
      switch (r.nextInt(5)) {
        case 0 -> mutated = mutated.substring(0, Math.max(18, mutated.length() - 1 - r.nextInt(3)));
        case 1 -> mutated = mutated + chars.charAt(r.nextInt(chars.length()));
        case 2 -> mutated = mutated + "    ";
        default -> { }
      }
      assertSame(mutated, 18);
    }
  }

  @Test
  void encodeOffsetsAndLengths_matchScalar() {
    Random r = new Random(3);
    byte[] src = new byte[300];
    r.nextBytes(src);
    for (int off = 0; off < 12; off++) {
      for (int len = 0; off + len <= src.length; len += 1 + r.nextInt(7)) {
        assertEquals(ScalarBase64Reference.encode("x:", src, off, len), StrictBase64.encode("x:", src, off, len));
      }
    }
  }

  private static void assertSame(String s, int from) {
    byte[] expected = null;
    String expectedProblem = null;
    byte[] actual = null;
    String actualProblem = null;
    try {
      expected = ScalarBase64Reference.decode(s, from);
    } catch (MalformedEnvelopeException e) {
      expectedProblem = "v" + e.keyVersion() + ": " + e.bodyProblem();
    }
    try {
      actual = StrictBase64.decode(s, from);
    } catch (MalformedEnvelopeException e) {
      actualProblem = "v" + e.keyVersion() + ": " + e.bodyProblem();
    }
    boolean same = expected != null ? Arrays.equals(expected, actual) : expectedProblem.equals(actualProblem);
    if (!same) {
      fail("differs for a body of " + (s.length() - from) + " characters " + escape(s.substring(Math.min(from, s.length())))
          + ": scalar " + (expected != null ? Arrays.toString(expected) : "refused " + expectedProblem)
          + ", JDK-backed " + (actual != null ? Arrays.toString(actual) : "refused " + actualProblem));
    }
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      sb.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\u%04x", (int) ch));
    }
    return sb.toString();
  }
}
