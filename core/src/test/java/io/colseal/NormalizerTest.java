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
