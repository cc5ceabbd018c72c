package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StrictUtf8}'s fast path against the strict {@code CharsetDecoder}: the same string for
 * every well-formed input, a refusal for every malformed one. Exhaustive over every sequence of one
 * to three bytes, then random four-byte sequences and long mutated texts.
 */
class StrictUtf8Test {
  private static final CharsetDecoder STRICT = StandardCharsets.UTF_8.newDecoder();

  /**
   * Every sequence of one and two bytes, and every three-byte sequence whose first byte leads a
   * three-byte character (E0..EF: overlong forms, encoded surrogates, U+FFFD itself). Other
   * three-byte sequences split into shorter ones covered here; four-byte leads are sampled below.
   */
  @Test
  void everySequenceOfOneToThreeBytes_sameOutcomeAsTheStrictDecoder() {
    for (int a = 0; a < 256; a++) {
      check(new byte[] {(byte) a});
      for (int b = 0; b < 256; b++) {
        check(new byte[] {(byte) a, (byte) b});
        byte[] three = {(byte) a, (byte) b, 0};
        for (int c = 0; c < 256 && a >= 0xE0 && a <= 0xEF; c++) {
          three[2] = (byte) c;
          check(three);
        }
      }
    }
  }

  @Test
  void randomFourByteSequences_sameOutcome() {
    Random r = new Random(4);
    byte[] four = new byte[4];
    for (int i = 0; i < 500_000; i++) {
      int lead = 0xE0 + r.nextInt(0x20); // three- and four-byte leads, and the invalid F5..FF
      four[0] = (byte) lead;
      for (int k = 1; k < 4; k++) {
        four[k] = (byte) (r.nextInt(8) == 0 ? r.nextInt(256) : 0x80 + r.nextInt(0x40));
      }
      check(four);
    }
  }

  @Test
  void longTextsAndTheirMutations_sameOutcome() {
    Random r = new Random(5);
    String sample = "주민등록번호 900101-1234567 é ü \uD83D\uDE00 \uFFFD plain ASCII ";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(n % 20 == 0 ? 5_000 : 200);
      while (sb.length() < len) {
        int from = r.nextInt(sample.length() - 1);
        sb.append(sample, from, from + 1 + r.nextInt(sample.length() - from - 1));
      }
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      check(bytes);
      if (bytes.length > 0) {
        for (int k = 1 + r.nextInt(2); k > 0; k--) {
          bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
        }
        check(bytes);
      }
    }
  }

  @Test
  void malformed_isRefused_andARealReplacementCharacterIsKept() throws Exception {
    assertThrows(CharacterCodingException.class, () -> StrictUtf8.decode(new byte[] {(byte) 0xC0, (byte) 0x80}));
    assertThrows(CharacterCodingException.class, () -> StrictUtf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    assertThrows(CharacterCodingException.class, () -> StrictUtf8.decode(new byte[] {'a', (byte) 0xE2, (byte) 0x82}));
    assertEquals("a\uFFFDb", StrictUtf8.decode("a\uFFFDb".getBytes(StandardCharsets.UTF_8)));
  }

  private static void check(byte[] bytes) {
    String strict;
    try {
      strict = STRICT.decode(ByteBuffer.wrap(bytes)).toString(); // decode(ByteBuffer) resets it first
    } catch (CharacterCodingException e) {
      strict = null;
    }
    String fast;
    try {
      fast = StrictUtf8.decode(bytes);
    } catch (CharacterCodingException e) {
      fast = null;
    }
    if (strict == null ? fast != null : !strict.equals(fast)) {
      String hex = java.util.HexFormat.of().formatHex(bytes);
      fail("differs for " + (hex.length() > 200 ? hex.substring(0, 200) + "..." : hex) + ": strict " + (strict != null) + ", fast " + (fast != null));
    }
  }
}
