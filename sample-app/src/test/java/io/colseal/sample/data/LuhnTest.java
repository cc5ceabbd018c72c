package io.colseal.sample.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LuhnTest {
  @Test
  void checkDigit_textbookExample_isThree() {
    assertEquals(3, Luhn.checkDigit("7992739871"));
  }

  @Test
  void checkDigit_visaTestNumberPayload_isOne() {
    assertEquals(1, Luhn.checkDigit("411111111111111"));
  }

  @Test
  void isValid_knownValidNumbers_true() {
    assertTrue(Luhn.isValid("79927398713"));
    assertTrue(Luhn.isValid("4111111111111111"));
    assertTrue(Luhn.isValid("5555555555554444"));
  }

  @Test
  void isValid_anySingleDigitChanged_false() {
    String valid = "4111111111111111";
    for (int i = 0; i < valid.length(); i++) {
      char c = valid.charAt(i);
      String changed = valid.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + valid.substring(i + 1);
      assertFalse(Luhn.isValid(changed), changed);
    }
  }

  @Test
  void isValid_nonDigitsOrTooShort_false() {
    assertFalse(Luhn.isValid("4111-1111-1111-1111"));
    assertFalse(Luhn.isValid("0"));
    assertFalse(Luhn.isValid(""));
  }

  @Test
  void checkDigit_nonDigit_throwsIllegalArgumentException() {
    assertThrows(IllegalArgumentException.class, () -> Luhn.checkDigit("41a1"));
  }
}
