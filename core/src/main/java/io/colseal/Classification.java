package io.colseal;

/**
 * What kind of personal or payment data an encrypted column holds, set with {@code
 * @Encrypted(classification = ...)}. Recorded in the column registry and shown in the audit
 * report, mapped to the legal categories auditors ask about (개인정보 보호법 안전성 확보조치 기준
 * 제7조, PCI DSS 3.5).
 */
public enum Classification {
  /** Not stated. The audit report flags encrypted columns without a classification. */
  UNSPECIFIED("미분류", "unspecified"),
  RESIDENT_REGISTRATION_NUMBER("주민등록번호", "resident registration number"),
  PASSPORT_NUMBER("여권번호", "passport number"),
  DRIVERS_LICENSE_NUMBER("운전면허번호", "driver's licence number"),
  ALIEN_REGISTRATION_NUMBER("외국인등록번호", "alien registration number"),
  CARD_NUMBER("신용카드번호", "payment card number (PAN)"),
  BANK_ACCOUNT_NUMBER("계좌번호", "bank account number"),
  BIOMETRIC("바이오정보", "biometric data"),
  /**
   * A password. Passwords must be hashed one-way (bcrypt, scrypt, Argon2, PBKDF2), not encrypted;
   * the audit report raises a finding for such columns.
   */
  PASSWORD("비밀번호", "password"),
  /** Other personal data (name, e-mail, phone, address...). */
  OTHER_PERSONAL("기타 개인정보", "other personal data");

  private final String korean;
  private final String english;

  Classification(String korean, String english) {
    this.korean = korean;
    this.english = english;
  }

  public String korean() {
    return korean;
  }

  public String english() {
    return english;
  }
}
