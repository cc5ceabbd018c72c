package io.colseal.sample.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentRegistrationNumberTest {
  @Test
  void of_maleBorn1990_computesCheckDigitByHand() {
    // 9 0 0 1 0 1 1 2 3 4 5 6 weighted 2..9,2..5: 18+0+0+5+0+7+8+18+6+12+20+30 = 124;
    // 124 mod 11 = 3; (11 - 3) mod 10 = 8.
    assertEquals("900101-1234568", ResidentRegistrationNumber.of(LocalDate.of(1990, 1, 1), true, "23456"));
  }

  @Test
  void of_femaleBorn2003_usesSexDigitFour() {
    String rrn = ResidentRegistrationNumber.of(LocalDate.of(2003, 7, 15), false, "00000");
    assertEquals("030715-4", rrn.substring(0, 8));
    assertTrue(ResidentRegistrationNumber.isValid(rrn));
  }

  @Test
  void birthDate_2000sSexDigit_readsTwentyFirstCentury() {
    assertEquals(LocalDate.of(2003, 7, 15),
        ResidentRegistrationNumber.birthDate(ResidentRegistrationNumber.of(LocalDate.of(2003, 7, 15), true, "12345")));
  }

  @Test
  void isValid_wrongCheckDigit_false() {
    assertFalse(ResidentRegistrationNumber.isValid("900101-1234567"));
  }

  @Test
  void isValid_impossibleDate_false() {
    String digits = "900230" + "123456";
    String rrn = "900230-123456" + ResidentRegistrationNumber.checkDigit(digits);
    assertFalse(ResidentRegistrationNumber.isValid(rrn));
  }

  @Test
  void isValid_wrongShape_false() {
    assertFalse(ResidentRegistrationNumber.isValid("9001011234568"));
    assertFalse(ResidentRegistrationNumber.isValid("900101-5234568"));
    assertFalse(ResidentRegistrationNumber.isValid("900101-123456"));
  }

  @Test
  void of_yearOutsideScheme_throwsIllegalArgumentException() {
    assertThrows(IllegalArgumentException.class,
        () -> ResidentRegistrationNumber.of(LocalDate.of(1899, 12, 31), true, "12345"));
  }
}
