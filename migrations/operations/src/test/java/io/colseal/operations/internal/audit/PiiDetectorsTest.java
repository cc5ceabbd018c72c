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

  // Part P (issue 15): matching inside free text and JSON, anchored; the kinds the scan used to miss.

  private static String kinds(String text, String nameKind) {
    return String.join(",", PiiDetectors.find(text, nameKind).stream().map(PiiDetectors.Match::kind).toList());
  }

  @Test
  void find_rrnInsideMemo_foundWithDashAnchored() {
    assertEquals("RRN", kinds("고객 요청: 주민번호 900101-1234568 확인 바랍니다", null));
    assertEquals("RRN", kinds("id 900101-1234568.", null));
    // Inside a longer digit run it is no RRN.
    assertEquals("", kinds("ref 1900101-12345689", null));
    assertEquals("", kinds("ref 1900101-1234568", null));
    // Dashless inside text only after a keyword.
    assertEquals("", kinds("batch 9001011234568 done", null));
    assertEquals("RRN", kinds("주민등록번호:9001011234568", null));
  }

  @Test
  void rrn_bornFromOctober2020_hasNoCheckDigit() {
    // 2021-03-05, 7th digit 3 (born 2000 or later): any last digit is an RRN.
    assertEquals("RRN", PiiDetectors.rrnKind("210305-3123456"));
    assertEquals("RRN", PiiDetectors.rrnKind("210305-4987650"));
    // Born before October 2020, the check digit still applies.
    assertEquals(null, PiiDetectors.rrnKind("200905-3123456"));
  }

  @Test
  void find_insideJson_everyKind() {
    String json = "{\"name\":\"홍길동\",\"phone\":\"+82 10-1234-5678\",\"email\":\"hong@example.co.kr\","
        + "\"rrn\":\"900101-1234568\",\"passport\":\"TR1234567\"}";
    assertEquals("PHONE,EMAIL,RRN,PASSPORT", kinds(json, null));
  }

  @ParameterizedTest
  @CsvSource({"+82 10 1234 5678", "+82-10-1234-5678", "+821012345678", "+82 (0)10-1234-5678", "010.1234.5678",
      "02-123-4567", "031-1234-5678"})
  void phone_internationalAndLandline(String value) {
    assertEquals(Optional.of("PHONE"), PiiDetectors.kindOf(value));
  }

  @Test
  void bankAccount_dashlessNeedsNameOrKeyword() {
    assertEquals("", kinds("11012345678", null));
    assertEquals("BANK_ACCOUNT", kinds("11012345678", "BANK_ACCOUNT"));
    assertEquals("BANK_ACCOUNT", kinds("입금 계좌 110123456789 입니다", null));
    // Bank layouts with dashes need no context; a date or a business registration number is none.
    assertEquals("BANK_ACCOUNT", kinds("123456-12-123456", null));
    assertEquals("", kinds("2024-01-01", null));
    assertEquals("", kinds("123-45-67890", null));
  }

  @Test
  void passport_foreignFormatsNeedNameOrKeyword() {
    assertEquals("", kinds("TR1234567", null));
    assertEquals("PASSPORT", kinds("TR1234567", "PASSPORT"));
    assertEquals("PASSPORT", kinds("E12345678", "PASSPORT"));
    assertEquals("PASSPORT", kinds("123456789", "PASSPORT"));
    assertEquals("PASSPORT", kinds("passport: 533380006", null));
  }

  @Test
  void card_luhnWithoutIssuerPrefix_isNoCard() {
    // 16 digits, Luhn-valid, prefix 80: no card network issues it (a tracking id).
    assertTrue(PiiDetectors.luhn("8000123456789018"));
    assertEquals(Optional.empty(), PiiDetectors.kindOf("8000123456789018"));
    assertTrue(PiiDetectors.luhnWithoutIssuer("8000123456789018"));
    assertFalse(PiiDetectors.luhnWithoutIssuer("4111111111111111"));
    // A bare card number in text is a weak match; grouped or after "card" a strong one.
    assertFalse(PiiDetectors.find("order 4111111111111111", null).get(0).strong());
    assertTrue(PiiDetectors.find("카드 4111111111111111", null).get(0).strong());
    assertTrue(PiiDetectors.find("paid with 4111 1111 1111 1111", null).get(0).strong());
  }

  @ParameterizedTest
  @CsvSource({"tracking_no", "invoiceNumber", "order_id", "운송장번호", "parcel_ref"})
  void nameDeniesCard_trackingLikeNames(String name) {
    assertTrue(PiiDetectors.nameDeniesCard(name));
  }

  @ParameterizedTest
  @CsvSource({"password, true", "user_pw, true", "passwd, true", "비밀번호, true", "password_hash, true",
      "password_changed_at, false", "password_hint, false", "pwd_salt, false", "passport_no, false"})
  void passwordNames(String name, boolean password) {
    assertEquals(password, PiiDetectors.isPasswordName(name));
  }

  @ParameterizedTest
  @CsvSource({
      "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
      "$2y$12$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
      "{bcrypt}$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
      "'$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG'",
      "pbkdf2_sha256$600000$abcdefgh12345678$Kq1Pd9QbVhD2tZ1xJmW3Wc5Xo8fQ2gq0TvbQm3cZ0Ao=",
      "{pbkdf2}5d923b44a6d129f3ddf3e3c8d29412723dcbde72445e8ef6bf3b508fbf17fa4ed4d6b99ca763d8dc",
      "'$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E'"})
  void passwordHash_recognised(String value) {
    assertTrue(PiiDetectors.isPasswordHash(value));
  }

  @ParameterizedTest
  @CsvSource({"hunter2", "{noop}hunter2", "P@ssw0rd!", "$2a$10$short"})
  void passwordHash_plaintextIsNot(String value) {
    assertFalse(PiiDetectors.isPasswordHash(value));
  }
}
