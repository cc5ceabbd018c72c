package io.colseal.operations.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.keys.KeyUsage;
import io.colseal.keys.KeyWriter;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.Finding;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Use after retirement from the usage records (issue 15, defect 1): what each kind of evidence allows. */
class RetiredUseEvidenceTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant RETIRED = T.plus(Duration.ofHours(1));
  private static final Duration REFRESH = Duration.ofMinutes(1);
  private static final String ID = "0f1e2d3c-aaaa-bbbb-cccc-000000000001";

  private static DekEntry retired(@Nullable Instant retiredAt) {
    return new DekEntry("customers", 1, "DECRYPT_ONLY", "AES_256_GCM", 256, "local", "kek1", "kcv", T, T, null, T,
        retiredAt, null, 10_000, 1_000_000, 0.01, 10_000L, 5, 5, 5, List.of("email"), null, 10, List.of());
  }

  private static KeyUsage usage(Instant start, Instant end, long n) {
    return new KeyUsage("customers", 1, ID, start, end, n);
  }

  private static KeyWriter writer(Instant lastReport, @Nullable Instant stopped) {
    return new KeyWriter(ID, "colseal@4711@app-3", T, lastReport, stopped, REFRESH);
  }

  private static RetiredUse evaluate(List<KeyUsage> usage, List<KeyWriter> writers) {
    List<RetiredUse> out = RetiredUseEvidence.evaluate(List.of(retired(RETIRED)), usage, writers);
    assertEquals(1, out.size());
    return out.get(0);
  }

  @Test
  void evaluate_recordsBeganAfterRetirement_falseWithBoundsAndHighFinding() {
    RetiredUse u = evaluate(List.of(
        usage(T, RETIRED.minusSeconds(30), 500),
        usage(RETIRED.minusSeconds(30), RETIRED.plusSeconds(10), 40),
        usage(RETIRED.plusSeconds(11), RETIRED.plusSeconds(50), 2_150)), List.of(writer(RETIRED.plusSeconds(50), null)));
    assertEquals(Boolean.FALSE, u.noEncryptionSinceRetirement());
    assertEquals(RetiredUse.RECORDED_ENCRYPTIONS, u.evidenceMethod());
    assertEquals(2_150L, u.encryptionsAfterRetirement());
    assertEquals(2_190L, u.encryptionsPossiblyAfterRetirement());
    assertEquals(RETIRED.plusSeconds(50), u.lastEncryptionAt());
    assertEquals(List.of("colseal@4711@app-3 #0f1e2d3c"), u.writers());
    List<Finding> findings = Findings.withRetiredUse(List.of(), List.of(u));
    assertEquals(1, findings.size());
    Finding f = findings.get(0);
    assertEquals("ENCRYPTION_AFTER_RETIREMENT", f.code());
    assertEquals(Severity.HIGH, f.severity());
    assertTrue(f.message().contains("at least 2150 and at most 2190 values"), f.message());
    assertTrue(f.message().contains("2026-01-01 01:00:50 UTC"), f.message());
    assertTrue(f.message().contains("colseal@4711@app-3 #0f1e2d3c"), f.message());
    assertTrue(f.messageKo().contains("최소 2150개, 최대 2190개"), f.messageKo());
  }

  @Test
  void evaluate_onlyPeriodsIncludingRetirement_unknownWithReasonAndMediumFinding() {
    RetiredUse u = evaluate(List.of(usage(RETIRED.minusSeconds(5), RETIRED.plusSeconds(5), 7)),
        List.of(writer(RETIRED.plusSeconds(600), null)));
    assertNull(u.noEncryptionSinceRetirement());
    assertEquals(0L, u.encryptionsAfterRetirement());
    assertEquals(7L, u.encryptionsPossiblyAfterRetirement());
    assertTrue(u.reason().contains("include the retirement time"), u.reason());
    List<Finding> findings = Findings.withRetiredUse(List.of(), List.of(u));
    assertEquals(List.of("ENCRYPTION_AFTER_RETIREMENT_POSSIBLE MEDIUM"),
        findings.stream().map(f -> f.code() + " " + f.severity()).toList());
  }

  @Test
  void evaluate_noneAfterAndWriterStoppedCleanly_true() {
    RetiredUse u = evaluate(List.of(usage(T, RETIRED.minusSeconds(1), 500)),
        List.of(writer(RETIRED.plusSeconds(2), RETIRED.plusSeconds(2))));
    assertEquals(Boolean.TRUE, u.noEncryptionSinceRetirement());
    assertEquals(0L, u.encryptionsAfterRetirement());
    assertNull(u.reason());
    assertEquals(List.of(), Findings.withRetiredUse(List.of(), List.of(u)));
  }

  @Test
  void evaluate_noneAfterAndWriterReportedAfterRefreshInterval_true() {
    RetiredUse u = evaluate(List.of(usage(T, RETIRED.minusSeconds(1), 500)),
        List.of(writer(RETIRED.plus(REFRESH).plusMillis(1), null)));
    assertEquals(Boolean.TRUE, u.noEncryptionSinceRetirement());
  }

  @Test
  void evaluate_noneAfterButWriterRunningAndNotReportedSince_unknownNamingIt() {
    RetiredUse u = evaluate(List.of(usage(T, RETIRED.minusSeconds(1), 500)),
        List.of(writer(RETIRED.plus(REFRESH), null)));
    assertNull(u.noEncryptionSinceRetirement());
    assertEquals(RetiredUse.RECORDED_ENCRYPTIONS, u.evidenceMethod());
    assertTrue(u.reason().contains("colseal@4711@app-3 #0f1e2d3c"), u.reason());
    assertTrue(u.reason().contains("has not reported since 2026-01-01 01:01:00 UTC"), u.reason());
    assertTrue(u.reasonKo().contains("보고하지 않았습니다"), u.reasonKo());
    assertEquals(List.of(), Findings.withRetiredUse(List.of(), List.of(u)), "unknown without records after: no finding");
  }

  @Test
  void evaluate_reservationOnlyZeroRecord_writerUnreported_unknown() {
    RetiredUse u = evaluate(List.of(usage(RETIRED.minusSeconds(9), RETIRED.minusSeconds(9), 0)),
        List.of(writer(RETIRED.minusSeconds(9), null)));
    assertNull(u.noEncryptionSinceRetirement());
    assertNull(u.lastEncryptionAt());
  }

  @Test
  void evaluate_noRecordsForTheVersion_notRecordedUnknown() {
    RetiredUse u = evaluate(List.of(), List.of(writer(RETIRED.plusSeconds(600), RETIRED.plusSeconds(600))));
    assertNull(u.noEncryptionSinceRetirement());
    assertEquals(RetiredUse.NOT_RECORDED, u.evidenceMethod());
    assertNull(u.encryptionsAfterRetirement());
    assertNull(u.encryptionsPossiblyAfterRetirement());
    assertTrue(u.reason().contains("no process recorded encryptions"), u.reason());
  }

  @Test
  void evaluate_noUsageTable_notRecordedUnknown() {
    RetiredUse u = RetiredUseEvidence.evaluate(List.of(retired(RETIRED)), null, List.of()).get(0);
    assertNull(u.noEncryptionSinceRetirement());
    assertEquals(RetiredUse.NOT_RECORDED, u.evidenceMethod());
    assertTrue(u.reason().contains("V0_9"), u.reason());
  }
}
