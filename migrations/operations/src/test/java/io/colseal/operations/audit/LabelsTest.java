package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.colseal.Classification;
import io.colseal.operations.report.AuditReport;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private static final List<String> CODES = List.of("KEY_VALIDITY_PERIOD_EXCEEDED", "KEY_ORIGINATOR_PERIOD_EXCEEDED",
      "KEY_USAGE_NEAR_CAP", "LEFTOVER_PLAINTEXT", "ROWS_ON_RETIRED_VERSION", "ROWS_ON_DESTROYED_VERSION",
      "ENCRYPTION_AFTER_RETIREMENT", "KEK_DISABLED", "KEK_PENDING_DELETION", "KEK_NOT_FOUND",
      "KEK_SHARED_ACROSS_ENVIRONMENTS", "ENCRYPTED_TABLE_WITHOUT_KEY", "KEY_UNSUPPORTED", "WEAK_ALGORITHM", "PASSWORD_ENCRYPTED",
      "UNENCRYPTED_PII", "COLUMN_UNCLASSIFIED", "ALGORITHM_REVIEW_OVERDUE",
      "REENCRYPTION_JOB_STALE", "KEK_CRYPTOPERIOD_EXCEEDED", "INSECURE_KMS_ENDPOINT",
      "PASSWORD_NOT_HASHED", "KEY_CRYPTOPERIOD_NOT_RECORDED",
      // Issue 15, defect 1.
      "ENCRYPTION_AFTER_RETIREMENT_POSSIBLE");

  @Test
  void everyFindingCode_hasBothLabels() {
    assertEquals(new java.util.TreeSet<>(CODES), new java.util.TreeSet<>(Labels.findingCodes()));
    for (String code : CODES) {
      assertNotEquals(code, Labels.finding(code, Lang.KO));
      assertNotEquals(code, Labels.finding(code, Lang.EN));
    }
  }

  @Test
  void everyReportField_hasAHeaderInBothLanguages() {
    for (Class<?> type : AuditReport.class.getDeclaredClasses()) {
      if (!type.isRecord()) {
        continue;
      }
      for (RecordComponent c : type.getRecordComponents()) {
        if (List.of("keks", "deks", "suspects", "lifecycle", "algorithms", "findings", "source", "policy",
            "jobRuns", "rotations", "retiredUse").contains(c.getName())) {
          continue;
        }
        assertNotEquals(c.getName(), Labels.header(c.getName(), Lang.KO), type.getSimpleName() + "." + c.getName());
        assertNotEquals(c.getName(), Labels.header(c.getName(), Lang.EN), type.getSimpleName() + "." + c.getName());
      }
    }
  }

  @Test
  void classifications_comeFromTheEnum() {
    for (Classification c : Classification.values()) {
      assertEquals(c.korean(), Labels.classification(c.name(), Lang.KO));
      assertEquals(c.english(), Labels.classification(c.name(), Lang.EN));
    }
    for (Labels.Section s : Labels.Section.values()) {
      assertNotEquals(s.name(), Labels.section(s, Lang.KO));
    }
    for (AuditReport.Severity s : AuditReport.Severity.values()) {
      assertNotEquals(s.name(), Labels.severity(s, Lang.EN));
    }
  }
}
