package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Blind indexes find each other exactly when their normalised forms are equal. */
class NormalizerTest {
  @Test
  void lowerTrim_caseWhitespaceAndCompositionVariants_equal() {
    Normalizer n = Normalizer.LOWER_TRIM;
    assertEquals(n.apply("alice@example.com"), n.apply("  Alice@Example.COM\t"));
    assertEquals(n.apply("jos\u00e9"), n.apply("JOSE\u0301"));
    assertNotEquals(n.apply("alice@example.com"), n.apply("alice@example.co"));
  }

  /**
   * LOWER_TRIM trims exactly what {@link Character#isWhitespace} accepts, as the blind-index guide
   * documents: changing the set would change the index of stored values that start or end with
   * these characters, and their lookups would silently miss.
   */
  @Test
  void lowerTrim_javaWhitespace_trimmed_noBreakSpacesAndNel_kept() {
    Normalizer n = Normalizer.LOWER_TRIM;
    for (int cp : new int[] {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1F, 0x20, 0x1680, 0x2000, 0x2006, 0x2008, 0x200A,
        0x2028, 0x2029, 0x205F, 0x3000}) {
      String ws = new String(Character.toChars(cp));
      assertEquals("bob", n.apply(ws + "Bob" + ws), String.format("U+%04X", cp));
    }
    for (int cp : new int[] {0x00A0, 0x2007, 0x202F, 0x0085, 0x180E, 0x200B, 0xFEFF}) {
      String kept = new String(Character.toChars(cp));
      assertEquals(kept + "bob" + kept, n.apply(kept + "Bob" + kept), String.format("U+%04X", cp));
    }
  }

  @Test
  void digitsOnly_separatorsAndFullWidthDigits_equal() {
    Normalizer n = Normalizer.DIGITS_ONLY;
    assertEquals("01012345678", n.apply("010-1234-5678"));
    assertEquals("01012345678", n.apply("(010) 1234 5678"));
    assertEquals("01012345678", n.apply("\uff10\uff11\uff10-1234-5678"));
    assertNotEquals("01012345678", n.apply("010-1234-5679"));
  }

  @Test
  void asIs_caseAndWhitespaceMatter() {
    assertNotEquals(Normalizer.AS_IS.apply("Alice"), Normalizer.AS_IS.apply("alice"));
    assertNotEquals(Normalizer.AS_IS.apply("alice"), Normalizer.AS_IS.apply("alice "));
  }
}
