package io.colseal.operations.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiDetectorsTest {

  @Test
  void rrn_checkDigit_validAndInvalid() {
    // 9*2+0*3+0*4+1*5+0*6+1*7+1*8+2*9+3*2+4*3+5*4+6*5 = 124; 124 % 11 = 3; (11 - 3) % 10 = 8
    assertEquals(Optional.of("RRN"), PiiDetectors.kindOf("900101-1234568"));
    assertEquals(Optional.of("RRN"), PiiDetectors.kindOf("9001011234568"));
    assertEquals(Optional.empty(), PiiDetectors.kindOf("900101-1234567"));
    // Month 13 is no date, whatever the check digit.
    assertEquals(null, PiiDetectors.rrnKind("901301-1234568"));
  }

  @Test
  void alienRrn_7thDigit5to8_usesItsOwnCheckDigit() {
    // digits sum with weights = 156; 156 % 11 = 2; (13 - 2) % 10 = 1
    assertEquals(Optional.of("ALIEN_RRN"), PiiDetectors.kindOf("900101-5234561"));
    assertEquals(Optional.empty(), PiiDetectors.kindOf("900101-5234562"));
  }

  @Test
  void cardNumber_luhn_withOrWithoutSeparators() {
    assertTrue(PiiDetectors.luhn("4111111111111111"));
    assertFalse(PiiDetectors.luhn("4111111111111112"));
    assertEquals(Optional.of("CARD_NUMBER"), PiiDetectors.kindOf("4111111111111111"));
    assertEquals(Optional.of("CARD_NUMBER"), PiiDetectors.kindOf("4111-1111-1111-1111"));
    assertEquals(Optional.of("CARD_NUMBER"), PiiDetectors.kindOf("5500 0000 0000 0004"));
    assertEquals(Optional.empty(), PiiDetectors.kindOf("4111111111111112"));
  }

  @ParameterizedTest
  @CsvSource({
      "110-12-345678, BANK_ACCOUNT",
      "123-456789-12345, BANK_ACCOUNT",
      "M12345678, PASSPORT",
      "M123A4567, PASSPORT",
      "11-23-123456-01, DRIVERS_LICENSE",
      "010-1234-5678, PHONE",
      "01012345678, PHONE",
      "someone@example.co.kr, EMAIL"})
  void otherKinds(String value, String kind) {
    assertEquals(Optional.of(kind), PiiDetectors.kindOf(value));
  }

  @ParameterizedTest
  @CsvSource({"hello world", "12-34", "X12345678", "2024-01-01", "not@mail"})
  void ordinaryValues_matchNothing(String value) {
    assertEquals(Optional.empty(), PiiDetectors.kindOf(value));
  }

  @ParameterizedTest
  @CsvSource({
      "customer_rrn, RRN", "juminNo, RRN", "ssn, RRN", "주민번호, RRN", "외국인등록번호, ALIEN_RRN",
      "card_no, CARD_NUMBER", "pan, CARD_NUMBER", "bankAccount, BANK_ACCOUNT", "acct_no, BANK_ACCOUNT",
      "계좌번호, BANK_ACCOUNT", "passport_no, PASSPORT", "여권번호, PASSPORT", "driver_license, DRIVERS_LICENSE",
      "licence, DRIVERS_LICENSE", "면허번호, DRIVERS_LICENSE", "mobile, PHONE", "tel, PHONE", "phoneNumber, PHONE",
      "email, EMAIL", "mail_addr, EMAIL"})
  void namesPointToKinds(String name, String kind) {
    assertEquals(Optional.of(kind), PiiDetectors.kindOfName(name));
  }

  @ParameterizedTest
  @CsvSource({"hotel", "pancake_count", "nickname", "id", "scardinal"})
  void otherNames_pointNowhere(String name) {
    assertEquals(Optional.empty(), PiiDetectors.kindOfName(name));
  }

  @Test
  void mask_keepsOnlyThePromisedCharacters() {
    assertEquals("900101-1******", PiiDetectors.mask("RRN", "900101-1234568"));
    assertEquals("9001011******", PiiDetectors.mask("RRN", "9001011234568"));
    assertEquals("4111-****-****-1111", PiiDetectors.mask("CARD_NUMBER", "4111-1111-1111-1111"));
    assertEquals("4111********1111", PiiDetectors.mask("CARD_NUMBER", "4111111111111111"));
    assertEquals("so***@example.com", PiiDetectors.mask("EMAIL", "someone@example.com"));
    assertEquals("010-****-****", PiiDetectors.mask("PHONE", "010-1234-5678"));
    assertEquals("110-**-******", PiiDetectors.mask("BANK_ACCOUNT", "110-12-345678"));
    assertEquals("M12******", PiiDetectors.mask("PASSPORT", "M12345678"));
  }
}
