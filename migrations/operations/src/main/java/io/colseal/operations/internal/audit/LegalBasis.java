package io.colseal.operations.internal.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one table of which legal provisions require each kind of personal data to be stored
 * encrypted. Every citation on an {@code UNENCRYPTED_PII}, {@code LEFTOVER_PLAINTEXT} or {@code
 * PASSWORD_ENCRYPTED} finding is read from here, and {@code docs/guides/compliance-audit.md}
 * ("Legal basis per category") is checked against it by {@code LegalBasisDocsTest}.
 *
 * <p>Design note: a category either has provisions that require encryption at rest ({@link
 * #required()}; such findings are HIGH) or it has none, and then its only citation is {@link
 * #NOT_REQUIRED}, never a provision that does not cover it. PCI DSS 3.5.1 is about PAN only.
 * Texts relied on: 개인정보 보호법 and 시행령 as in force on 2026-01-01, 개인정보의 안전성 확보조치
 * 기준 (개인정보보호위원회 고시 제2023-6호, 2023-09-22), PCI DSS v4.0.1 (June 2024).
 */
public enum LegalBasis {
  RRN("RRN", "RESIDENT_REGISTRATION_NUMBER",
      "개인정보 보호법 제24조의2 ②", "개인정보의 안전성 확보조치 기준 제7조 ② 1호, ③"),
  PASSPORT("PASSPORT", "PASSPORT_NUMBER",
      "개인정보 보호법 제24조 ③, 시행령 제19조·제21조", "개인정보의 안전성 확보조치 기준 제7조 ② 2호, ③"),
  DRIVERS_LICENSE("DRIVERS_LICENSE", "DRIVERS_LICENSE_NUMBER",
      "개인정보 보호법 제24조 ③, 시행령 제19조·제21조", "개인정보의 안전성 확보조치 기준 제7조 ② 3호, ③"),
  ALIEN_RRN("ALIEN_RRN", "ALIEN_REGISTRATION_NUMBER",
      "개인정보 보호법 제24조 ③, 시행령 제19조·제21조", "개인정보의 안전성 확보조치 기준 제7조 ② 4호, ③"),
  CARD_NUMBER("CARD_NUMBER", "CARD_NUMBER", "개인정보의 안전성 확보조치 기준 제7조 ② 5호", "PCI DSS v4.0.1 3.5.1"),
  BANK_ACCOUNT("BANK_ACCOUNT", "BANK_ACCOUNT_NUMBER", "개인정보의 안전성 확보조치 기준 제7조 ② 6호"),
  BIOMETRIC(null, "BIOMETRIC", "개인정보의 안전성 확보조치 기준 제7조 ① (인증정보), ② 7호"),
  PASSWORD(null, "PASSWORD", "개인정보의 안전성 확보조치 기준 제7조 ① (일방향 암호화)"),
  PHONE("PHONE", null),
  EMAIL("EMAIL", null),
  OTHER_PERSONAL(null, "OTHER_PERSONAL"),
  UNSPECIFIED(null, "UNSPECIFIED");

  /** The only citation of a category no provision requires to be encrypted at rest. */
  public static final String NOT_REQUIRED = "not legally required; recommended (ISMS-P 2.7.1)";

  private final String piiKind;
  private final String classification;
  private final List<String> provisions;

  LegalBasis(String piiKind, String classification, String... provisions) {
    this.piiKind = piiKind;
    this.classification = classification;
    this.provisions = List.of(provisions);
  }

  /** The category of a PII detector kind ({@code PiiDetectors.KINDS}). */
  public static LegalBasis forPiiKind(String kind) {
    return Arrays.stream(values()).filter(b -> kind.equals(b.piiKind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no legal basis for PII kind " + kind));
  }

  /** The category of a column's {@code Classification} name. */
  public static LegalBasis forClassification(String classification) {
    return Arrays.stream(values()).filter(b -> classification.equals(b.classification)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no legal basis for classification " + classification));
  }

  /** The detector kind, if the PII scan can find this category. */
  public Optional<String> piiKind() {
    return Optional.ofNullable(piiKind);
  }

  /** The {@code Classification} name, if a column can be declared as this category. */
  public Optional<String> classification() {
    return Optional.ofNullable(classification);
  }

  /** Whether a provision requires this category to be encrypted (or, for passwords, hashed) at rest. */
  public boolean required() {
    return !provisions.isEmpty();
  }

  /** What a finding about this category cites: the provisions, or {@link #NOT_REQUIRED}. */
  public List<String> citations() {
    return required() ? provisions : List.of(NOT_REQUIRED);
  }
}
