package io.colseal.benchmarks.audit;

import io.colseal.operations.internal.audit.Attestations;
import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.JobRun;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.Lifecycle;
import io.colseal.operations.report.AuditReport.Options;
import io.colseal.operations.report.AuditReport.PiiSampling;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.ProtocolEntry;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Rotation;
import io.colseal.operations.report.AuditReport.Scope;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.operations.report.AuditReport.Source;
import io.colseal.operations.report.AuditReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The hand-built report behind {@code docs/examples/audit-report-sample.*} and the screenshots: a
 * shop database two years into colseal, with one of everything an auditor should see: a version
 * past its validity still holding rows, an ACTIVE version past its originator-use period,
 * leftover plaintext, an unclassified column and an unencrypted phone-number column. Every value
 * is made up; {@link AuditSample} adds the content hash.
 */
final class SampleReport {
  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  private static final Duration YEAR = Duration.ofDays(365);
  private static final Duration VALIDITY = Duration.ofDays(3 * 365);
  private static final long CAP = 1L << 30;
  private static final String KEK = "arn:aws:kms:ap-northeast-2:111122223333:alias/shop-prod";

  private SampleReport() {}

  static AuditReport build() {
    Instant c1 = NOW.minus(Duration.ofDays(1_180));
    Instant c2 = NOW.minus(Duration.ofDays(800));
    Instant c3 = NOW.minus(Duration.ofDays(95));
    Instant o1 = NOW.minus(Duration.ofDays(410));
    List<DekEntry> deks = List.of(
        dek("customers", 1, "DECRYPT_ONLY", c1, c1.plus(YEAR), c2, 1_204, List.of("VALIDITY_PERIOD_EXCEEDED"), List.of("rrn")),
        dek("customers", 2, "DECRYPT_ONLY", c2, c2.plus(YEAR), c3, 48_310, List.of(), List.of("rrn", "card_no")),
        dek("customers", 3, "ACTIVE", c3, c3.plus(YEAR), null, 1_650_512, List.of(), List.of("rrn", "card_no")),
        dek("orders", 1, "ACTIVE", o1, o1.plus(YEAR), null, 912_004, List.of("ORIGINATOR_PERIOD_EXCEEDED"),
            List.of("delivery_address")));
    List<ColumnEntry> columns = List.of(
        column("customers", "rrn", "Customer", "residentNumber", "RESIDENT_REGISTRATION_NUMBER", 850_000, 0,
            Map.of(1, 1_204L, 2, 24_310L, 3, 824_469L), 17L, 3),
        column("customers", "card_no", "Customer", "cardNumber", "CARD_NUMBER", 850_000, 23_957,
            Map.of(2, 24_000L, 3, 802_043L), 0L, 3),
        column("orders", "delivery_address", "Order", "deliveryAddress", "UNSPECIFIED", 1_020_000, 107_996,
            Map.of(1, 912_004L), 0L, 1));
    List<Finding> findings = List.of(
        new Finding("KEY_VALIDITY_PERIOD_EXCEEDED", Severity.HIGH, "customers v1",
            "customers v1 was created 1180 days ago (validity 1095 days) and still holds 1,204 rows; re-encrypt and"
                + " destroy it",
            "키 customers v1은 1180일 전에 생성되어 유효 기간 1095일을 넘었고 아직 1,204개 행이 이 키로 암호화되어 있습니다."
                + " 재암호화한 뒤 파기하십시오", List.of("PCI DSS 3.7.4", "PCI DSS 3.7.5", "ISMS-P 2.7.2")),
        new Finding("LEFTOVER_PLAINTEXT", Severity.HIGH, "customers.rrn",
            "17 non-NULL values are not colseal envelopes; run colseal reencrypt --table customers",
            "NULL이 아닌 값 17개가 colseal로 암호화되어 있지 않습니다. colseal reencrypt --table customers를 실행하십시오",
            List.of("개인정보 보호법 제24조의2 ②", "개인정보의 안전성 확보조치 기준 제7조 ② 1호, ③")),
        new Finding("KEY_ORIGINATOR_PERIOD_EXCEEDED", Severity.MEDIUM, "orders v1",
            "orders v1 has been ACTIVE for 410 days (originator-use period 365 days); rotate it",
            "키 orders v1은 410일째 활성(ACTIVE) 상태로 암호화 사용 기간 365일을 넘었습니다. 키를 교체하십시오",
            List.of("PCI DSS 3.7.4", "ISMS-P 2.7.2")),
        new Finding("UNENCRYPTED_PII", Severity.LOW, "members.phone",
            "198 of 200 sampled values look like phone numbers (column name and values); the column is not encrypted",
            "표본 200개 중 198개 값이 전화번호로 보입니다(컬럼 이름과 값). 이 컬럼은 암호화되어 있지 않습니다",
            List.of("not legally required; recommended (ISMS-P 2.7.1)")),
        new Finding("COLUMN_UNCLASSIFIED", Severity.LOW, "orders.delivery_address",
            "the column's classification is UNSPECIFIED; set @Encrypted(classification = ...)",
            "컬럼의 분류가 UNSPECIFIED입니다. @Encrypted(classification = ...)를 지정하십시오", List.of()));
    AuditReport draft = new AuditReport(AuditReport.FORMAT_VERSION, NOW, "0.1.0",
        new Source("PostgreSQL", "16.4", "jdbc:postgresql://shop-db.internal:5432/shop", "public", "aws-kms", "prod"),
        new Policy(YEAR, VALIDITY, CAP, Duration.ofMinutes(5)),
        List.of(new KekEntry("aws-kms", KEK, "AWS KMS ap-northeast-2, account 111122223333", "SYMMETRIC_DEFAULT",
            KekState.ENABLED, null, Boolean.TRUE, List.of("prod"), 4, 4, NOW.minus(Duration.ofDays(1_300)),
            "shop production KEK", List.of("alias/shop-prod"), List.of("owner=payments", "env=prod"), 256, null,
            1_300L)),
        deks, columns,
        List.of(new PiiSuspect("members", "phone", "PHONE", "NAME_AND_VALUES", 200, 198,
            List.of("010-****-****", "010-****-****", "011-***-****"))),
        new Lifecycle(
            List.of(new Rotation("customers", 1, 2, c2), new Rotation("customers", 2, 3, c3)),
            List.of(
                new JobRun("reencrypt-customers-2", 1, "REENCRYPT", "DONE", c2.plus(Duration.ofDays(2)),
                    c2.plus(Duration.ofDays(2)).plusSeconds(1_820), 17, 823_000, 821_796, 2, 0),
                new JobRun("reencrypt-customers-3", 1, "REENCRYPT", "DONE", c3.plus(Duration.ofDays(1)),
                    c3.plus(Duration.ofDays(1)).plusSeconds(2_410), 34, 1_700_000, 1_626_512, 0, 0)),
            List.of(new RetiredUse("customers", 1, "DECRYPT_ONLY", 1_630_112L, 1_630_112, null,
                    RetiredUse.NOT_RECORDED, null, null, null, List.of(),
                    "no process recorded encryptions under this version (used before colseal 0.9 recorded them,"
                        + " or by a process that does not)",
                    "이 버전으로 암호화를 기록한 프로세스가 없습니다 (colseal 0.9 이전에 사용되었거나 기록하지 않는 프로세스가 사용)"),
                new RetiredUse("customers", 2, "DECRYPT_ONLY", 1_702_220L, 1_702_220, true,
                    RetiredUse.RECORDED_ENCRYPTIONS, 0L, 0L, c3.minusSeconds(4), List.of(), null, null))),
        List.of(
            new AlgorithmEntry("AES-256-GCM", "column encryption (AEAD), 96-bit nonce, 128-bit tag",
                List.of("customers.rrn", "customers.card_no", "orders.delivery_address"), 256,
                List.of("NIST SP 800-38D", "KISA 암호 알고리즘 및 키 길이 이용 안내서"), LocalDate.parse("2026-03-02"),
                LocalDate.parse("2027-03-02")),
            new AlgorithmEntry("AWS KMS SYMMETRIC_DEFAULT (AES-256-GCM)", "wrapping data keys (KEK)",
                List.of("colseal_data_key"), 256, List.of("FIPS 140-3"), LocalDate.parse("2026-03-02"),
                LocalDate.parse("2027-03-02"))),
        findings, SCOPE, List.of(), BACKUP, PROTOCOLS, null, "");
    // The attestations as the audit derives them from the same facts: an aws-kms KEK, environment prod.
    List<Attestation> attestations = Attestations.derive(new Attestations.Facts(draft.keks(), draft.deks(), "aws-kms",
        null, null, "prod", true, REVIEWED));
    return new AuditReport(draft.formatVersion(), draft.generatedAt(), draft.colsealVersion(), draft.source(),
        draft.policy(), draft.keks(), draft.deks(), draft.columns(), draft.suspects(), draft.lifecycle(),
        draft.algorithms(), draft.findings(), draft.scope(), attestations, draft.keyTableBackup(), draft.protocols(),
        null, "");
  }

  private static final LocalDate REVIEWED = LocalDate.parse("2026-03-02");

  private static final Scope SCOPE = new Scope(List.of("public"), List.of("customers", "members", "orders"), List.of(),
      new PiiSampling("RANDOM_ORDER+TABLESAMPLE_SYSTEM", 200,
          "at most 200 non-NULL, non-empty values of each unregistered column, drawn at random over the whole table"
              + " (seeded, so the same data gives the same sample)",
          "등록되지 않은 각 컬럼에서 NULL이나 빈 값이 아닌 값을 테이블 전체에서 무작위로 최대 200개 (시드 고정: 같은 데이터는 같은 표본)"),
      new Options(List.of(), 200, false, REVIEWED), false, List.of());

  private static final String BACKUP = "colseal_data_key in the nightly pg_dump of shop to backup-1:/srv/dumps (30 days)";

  private static final List<ProtocolEntry> PROTOCOLS = List.of(
      new ProtocolEntry("KMS", "HTTPS", "https://kms.ap-northeast-2.amazonaws.com", true,
          "the scheme of the AWS SDK's KMS endpoint"),
      new ProtocolEntry("JDBC", "TLS TLSv1.3 TLS_AES_256_GCM_SHA384", "jdbc:postgresql://shop-db.internal:5432/shop",
          true, "PostgreSQL pg_stat_ssl of this connection's backend (pg_backend_pid())"));

  private static DekEntry dek(String table, int version, String state, Instant created, Instant useEnds,
      Instant retired, long rows, List<String> flags, List<String> columns) {
    long reserved = rows + rows / 3;
    return new DekEntry(table, version, state, "AES-256-GCM", 256, "aws-kms", KEK,
        String.format("%06X", (table.hashCode() * 31 + version) & 0xFFFFFF), created, created, useEnds,
        created.plus(VALIDITY), retired, null, reserved, CAP, (double) reserved / CAP, retired == null ? null : reserved,
        rows, rows, rows, columns, "prod", Duration.between(created, NOW).toDays(), flags);
  }

  private static ColumnEntry column(String table, String column, String entity, String attribute,
      String classification, long total, long nulls, Map<Integer, Long> byVersion, long plain, Integer active) {
    return new ColumnEntry(table, column, entity, attribute, "String", "TEXT", "RANDOMIZED", classification,
        "AEAD encryption", "AES-256-GCM", 96, 128, "envelope header | table name | column name", total, nulls, byVersion, plain, active);
  }
}
