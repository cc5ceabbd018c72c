package io.colseal.operations.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Policy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The finding rules of the contract, on collected data made by hand. */
class FindingsTest {
  private static final Policy POLICY = new Policy(Duration.ofDays(365), Duration.ofDays(1825), 1000, Duration.ofMinutes(5));
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static DekEntry dek(String table, int version, String state, String algorithm, long reserved,
      @Nullable Long atRetirement, long rows, List<String> flags) {
    return new DekEntry(table, version, state, algorithm, 256, "local", "kek1", "kcv", T, T, null, T, null, null,
        reserved, 1000, reserved / 1000.0, atRetirement, rows, rows, rows, List.of("c"), null, 10, flags);
  }

  private static ColumnEntry column(String table, String column, String classification, long plaintext) {
    return new ColumnEntry(table, column, "E", "a", "java.lang.String", "TEXT", "RANDOMIZED", classification,
        "AEAD encryption", "AES-256-GCM", 96, 128, "aad", 10, 0, Map.of(1, 10L), plaintext, 1);
  }

  private static KekEntry kek(String id, KekState state, List<String> environments, int live) {
    return new KekEntry("aws-kms", id, "aws-kms us-east-1 1", "SYMMETRIC_DEFAULT", state, null, false, environments,
        2, live);
  }

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
  private static final LocalDate REVIEWED_RECENTLY = TODAY.minusMonths(11);

  /** An inventory entry reviewed on {@code reviewed} (null: never stated), due a year later. */
  private static AlgorithmEntry algorithm(String name, @Nullable LocalDate reviewed) {
    return new AlgorithmEntry(name, "test", List.of("t.c"), 256, List.of(), reviewed,
        reviewed == null ? null : reviewed.plusYears(1));
  }

  private static List<String> codes(List<Finding> findings) {
    return findings.stream().map(f -> f.code() + " " + f.severity() + " " + f.subject()).toList();
  }

  @Test
  void cleanData_noFinding() {
    assertEquals(List.of(), Findings.derive(POLICY, List.of(kek("k", KekState.ENABLED, List.of("prod"), 1)),
        List.of(dek("t", 1, "ACTIVE", "AES_256_GCM", 5, null, 10, List.of())),
        List.of(column("t", "c", "OTHER_PERSONAL", 0)), List.of(), List.of("t"),
        List.of(algorithm("AES-256-GCM", REVIEWED_RECENTLY), algorithm("HMAC-SHA-256", null)), TODAY));
  }

  @Test
  void everyRule_orderedBySeverityCodeSubject() {
    List<DekEntry> deks = List.of(
        dek("a", 1, "DECRYPT_ONLY", "AES_256_GCM", 20, 10L, 0, List.of("VALIDITY_PERIOD_EXCEEDED")),
        dek("a", 2, "ACTIVE", "AES_256_GCM", 950, null, 0, List.of("ORIGINATOR_PERIOD_EXCEEDED", "USAGE_NEAR_CAP")),
        dek("b", 1, "RETIRED", "AES_256_GCM", 10, 10L, 4, List.of()),
        dek("b", 2, "DESTROYED", "AES_256_GCM", 10, 10L, 3, List.of()),
        dek("b", 3, "DECRYPT_ONLY", "DES_CBC", 10, 10L, 0, List.of()));
    List<KekEntry> keks = List.of(
        kek("k-disabled", KekState.DISABLED, List.of(), 1),
        kek("k-gone", KekState.NOT_FOUND, List.of(), 2),
        kek("k-pending", KekState.PENDING_DELETION, List.of(), 1),
        kek("k-pending-unused", KekState.PENDING_DELETION, List.of(), 0),
        kek("k-shared", KekState.ENABLED, List.of("dev", "prod"), 1));
    List<ColumnEntry> columns = List.of(column("a", "pw", "PASSWORD", 0), column("a", "x", "UNSPECIFIED", 2));
    List<PiiSuspect> suspects = List.of(
        new PiiSuspect("p", "rrn", "RRN", "VALUES", 4, 4, List.of("900101-1******")),
        new PiiSuspect("p", "tel", "PHONE", "NAME", 0, 0, List.of()));
    List<Finding> findings = Findings.derive(POLICY, keks, deks, columns, suspects, List.of("a", "b"),
        List.of(algorithm("AES-256-GCM", TODAY.minusMonths(13)), algorithm("HMAC-SHA-256", REVIEWED_RECENTLY)), TODAY);
    assertEquals(List.of(
        "ENCRYPTED_TABLE_WITHOUT_KEY HIGH b",
        "KEK_DISABLED HIGH k-disabled",
        "KEK_NOT_FOUND HIGH k-gone",
        "KEK_PENDING_DELETION HIGH k-pending",
        "KEK_SHARED_ACROSS_ENVIRONMENTS HIGH k-shared",
        "KEY_VALIDITY_PERIOD_EXCEEDED HIGH a v1",
        "LEFTOVER_PLAINTEXT HIGH a.x",
        "PASSWORD_ENCRYPTED HIGH a.pw",
        "ROWS_ON_DESTROYED_VERSION HIGH b v2",
        "UNENCRYPTED_PII HIGH p.rrn",
        "WEAK_ALGORITHM HIGH b v3",
        "ALGORITHM_REVIEW_OVERDUE MEDIUM algorithm inventory",
        "KEY_ORIGINATOR_PERIOD_EXCEEDED MEDIUM a v2",
        "ROWS_ON_RETIRED_VERSION MEDIUM b v1",
        "COLUMN_UNCLASSIFIED LOW a.x",
        "KEY_USAGE_NEAR_CAP LOW a v2",
        "UNENCRYPTED_PII LOW p.tel"), codes(findings));
    Finding destroyed = findings.stream().filter(f -> f.code().equals("ROWS_ON_DESTROYED_VERSION")).findFirst()
        .orElseThrow();
    assertEquals("3 rows (3 values) are under DESTROYED key b v2 and can never be decrypted", destroyed.message());
    Finding retired = findings.stream().filter(f -> f.code().equals("ROWS_ON_RETIRED_VERSION")).findFirst()
        .orElseThrow();
    assertEquals(List.of("PCI DSS 3.7.5"), retired.references());
  }

  @Test
  void algorithmReview_everyEntryOverdue_oneFindingForTheInventory() {
    LocalDate reviewed = TODAY.minusMonths(13);
    List<Finding> findings = Findings.derive(POLICY, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(algorithm("AES-256-GCM", reviewed), algorithm("HMAC-SHA-256", reviewed),
            algorithm("AES-256-GCM (local keystore wrap)", reviewed)), TODAY);
    assertEquals(List.of("ALGORITHM_REVIEW_OVERDUE MEDIUM algorithm inventory"), codes(findings));
    assertEquals("the algorithm inventory (3 entries) was last reviewed on " + reviewed
        + "; the yearly review was due on " + reviewed.plusYears(1), findings.get(0).message());
  }

  /** A KEK of {@code provider} as the KMS describes it, wrapping {@code live} data key versions. */
  private static KekEntry described(String id, @Nullable Boolean rotation, @Nullable Long ageDays,
      @Nullable Integer strengthBits, int live) {
    return new KekEntry("local", id, "keystore k.p12", "AES_256", KekState.ENABLED, null, rotation, List.of(), live,
        live, T, null, List.of(), List.of(), strengthBits, null, ageDays);
  }

  @Test
  void kekOlderThanItsCryptoperiod_rotationOffOrUnknown_isFinding_rotationOnOrUnusedIsNot() {
    Policy policy = new Policy(Duration.ofDays(365), Duration.ofDays(1825), 1000, Duration.ofMinutes(5),
        Duration.ofDays(365));
    List<KekEntry> keks = List.of(described("old-off", false, 400L, 256, 1), described("old-unknown", null, 366L, 256, 1),
        described("old-rotating", true, 900L, 256, 1), described("young", false, 365L, 256, 1),
        described("old-unused", false, 900L, 256, 0), described("age-unknown", false, null, 256, 1));
    List<Finding> findings = Findings.derive(policy, keks, List.of(), List.of(), List.of(), List.of(), List.of(),
        TODAY);
    assertEquals(List.of("KEK_CRYPTOPERIOD_EXCEEDED MEDIUM old-off", "KEK_CRYPTOPERIOD_EXCEEDED MEDIUM old-unknown"),
        codes(findings));
    assertEquals("local KEK old-unknown was created 366 days ago, past the KEK cryptoperiod 365 days, and its automatic"
        + " rotation is unknown; 1 live data key versions depend on it: rotate the KEK and rewrap them",
        findings.get(1).message());
  }

  @Test
  void kekWeakerThanTheDataKeysItWraps_isWeakAlgorithm() {
    DekEntry wrapped = new DekEntry("t", 1, "ACTIVE", "AES_256_GCM", 256, "local", "weak", "kcv", T, T, null, T, null,
        null, 0, 1000, 0, null, 0, 0, 0, List.of("c"), null, 1, List.of());
    List<Finding> findings = Findings.derive(POLICY, List.of(described("weak", null, 1L, 128, 1),
        described("strong", null, 1L, 256, 1)), List.of(wrapped), List.of(), List.of(), List.of("t"), List.of(), TODAY);
    assertEquals(List.of("WEAK_ALGORITHM HIGH weak"), codes(findings));
    assertEquals("local KEK weak (AES_256) has 128-bit security strength, less than the 256-bit data keys it wraps",
        findings.get(0).message());
  }

  @Test
  void withProtocols_httpKmsOutsideTest_isFinding_inTestOrOverHttps_isNot() {
    var http = new io.colseal.operations.report.AuditReport.ProtocolEntry("KMS", "HTTP", "http://127.0.0.1:4566",
        false, "m");
    var https = new io.colseal.operations.report.AuditReport.ProtocolEntry("KMS", "HTTPS",
        "https://kms.us-east-1.amazonaws.com", true, "m");
    var jdbc = new io.colseal.operations.report.AuditReport.ProtocolEntry("JDBC", "TCP without TLS", "jdbc:x", false,
        "m");
    assertEquals(List.of("INSECURE_KMS_ENDPOINT HIGH http://127.0.0.1:4566"),
        codes(Findings.withProtocols(List.of(), List.of(http, jdbc), "prod")));
    assertEquals(List.of("INSECURE_KMS_ENDPOINT HIGH http://127.0.0.1:4566"),
        codes(Findings.withProtocols(List.of(), List.of(http), null)));
    assertEquals(List.of(), codes(Findings.withProtocols(List.of(), List.of(http), "test")));
    assertEquals(List.of(), codes(Findings.withProtocols(List.of(), List.of(https, jdbc), "prod")));
  }

  @Test
  void unencryptedPii_mixedColumn_oneFindingNamingEveryKindWithRateAndKorean() {
    List<PiiSuspect> suspects = List.of(
        new PiiSuspect("p", "reach", "PHONE", "VALUES", 200, 96, List.of("010-****-****")),
        new PiiSuspect("p", "reach", "RRN", "VALUES", 200, 4, List.of("900101-1******")));
    List<Finding> findings = Findings.derive(POLICY, List.of(), List.of(), List.of(), suspects, List.of(), List.of(),
        TODAY);
    assertEquals(List.of("UNENCRYPTED_PII HIGH p.reach"), codes(findings));
    Finding f = findings.get(0);
    assertEquals("p.reach is not encrypted and looks like PHONE (VALUES, confidence MEDIUM): 96 of 200 sampled values"
        + " match; RRN (VALUES, confidence LOW): 4 of 200 sampled values match", f.message());
    assertEquals("p.reach은(는) 암호화되어 있지 않으며 다음 개인정보로 보입니다: 전화번호 (값, 신뢰도 MEDIUM): 표본 200개 중"
        + " 96개 일치; 주민등록번호 (값, 신뢰도 LOW): 표본 200개 중 4개 일치", f.messageKo());
    assertEquals(LegalBasis.RRN.citations(), f.references());
  }

  @Test
  void passwordSuspect_passwordNotHashed_highWithArticle7InBothLanguages() {
    List<PiiSuspect> suspects = List.of(
        new PiiSuspect("members", "password", "PASSWORD", "NAME_AND_VALUES", 200, 81, List.of("********")));
    List<Finding> findings = Findings.derive(POLICY, List.of(), List.of(), List.of(), suspects, List.of(), List.of(),
        TODAY);
    assertEquals(List.of("PASSWORD_NOT_HASHED HIGH members.password"), codes(findings));
    assertEquals(LegalBasis.PASSWORD.citations(), findings.get(0).references());
    assertTrue(findings.get(0).message().contains("81 of 200 sampled values are not a recognised one-way hash"));
    assertTrue(findings.get(0).messageKo().contains("표본 200개 중 81개 값이 인정되는 일방향 해시"));
  }

  /** Issue 15, defect 4: a DEK whose ends are (or are not) recorded with the key. */
  private static DekEntry withEnds(int version, String state, @Nullable Instant useEnds, @Nullable Instant validUntil,
      List<String> flags) {
    return new DekEntry("t", version, state, "AES_256_GCM", 256, "local", "kek1", "kcv", T, T, useEnds, validUntil,
        null, null, 5, 1000, 0.005, null, 4, 4, 4, List.of("c"), null, 400, flags);
  }

  @Test
  void keyPastItsRecordedEnds_messagesNameTheRecordedEnds_notThePolicy() {
    Instant useEnds = T.plus(Duration.ofDays(30));
    Instant validUntil = T.plus(Duration.ofDays(90));
    List<Finding> findings = Findings.derive(POLICY, List.of(), List.of(withEnds(1, "ACTIVE", useEnds, validUntil,
        List.of("ORIGINATOR_PERIOD_EXCEEDED", "VALIDITY_PERIOD_EXCEEDED"))), List.of(), List.of(), List.of(), List.of(),
        TODAY);
    Finding validity = findings.stream().filter(f -> f.code().equals("KEY_VALIDITY_PERIOD_EXCEEDED")).findFirst()
        .orElseThrow();
    assertEquals("key t v1 (ACTIVE) is past the end of its validity period recorded with the key, 2026-04-01 00:00:00"
        + " UTC (created 400 days ago); 4 rows (4 values) are under it", validity.message());
    assertTrue(validity.messageKo().contains("키에 기록된 유효 기한 2026-04-01 00:00:00 UTC"), validity.messageKo());
    Finding use = findings.stream().filter(f -> f.code().equals("KEY_ORIGINATOR_PERIOD_EXCEEDED")).findFirst()
        .orElseThrow();
    assertEquals("key t v1 is ACTIVE past the originator-usage period recorded with the key (use ended 2026-01-31"
        + " 00:00:00 UTC); rotate it", use.message());
    // Neither message quotes the auditor's policy (365 / 1825 days).
    findings.forEach(f -> assertFalse(f.message().contains("365") || f.message().contains("1825"), f.message()));
  }

  @Test
  void cryptoperiodNotRecorded_oneMediumFindingNamingVersionAndCommand() {
    List<Finding> findings = Findings.derive(POLICY, List.of(), List.of(withEnds(3, "DECRYPT_ONLY", null, null,
        List.of("CRYPTOPERIOD_NOT_RECORDED"))), List.of(), List.of(), List.of(), List.of(), TODAY);
    assertEquals(List.of("KEY_CRYPTOPERIOD_NOT_RECORDED MEDIUM t v3"), codes(findings));
    Finding f = findings.get(0);
    assertTrue(f.message().startsWith("key t v3 (DECRYPT_ONLY) has no cryptoperiod recorded with it"), f.message());
    assertTrue(f.message().contains("is unknown"), f.message());
    assertTrue(f.message().contains("colseal keys set-cryptoperiod --table t --version 3"), f.message());
    assertTrue(f.messageKo().contains("기록되어 있지 않습니다"), f.messageKo());
    assertTrue(f.messageKo().contains("colseal keys set-cryptoperiod --table t --version 3"), f.messageKo());
  }
}
