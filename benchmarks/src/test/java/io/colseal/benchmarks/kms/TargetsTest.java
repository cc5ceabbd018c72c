package io.colseal.benchmarks.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.benchmarks.kms.HarnessDatabase.KeyRow;
import io.colseal.benchmarks.kms.HarnessOptions.Scenario;
import io.colseal.benchmarks.kms.HarnessResult.Check;
import io.colseal.benchmarks.kms.HarnessResult.ScenarioResult;
import io.colseal.benchmarks.kms.Targets.ProcessRun;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static final HarnessOptions OPTIONS =
      HarnessOptions.parse(new String[] {"--tables", "2", "--rows", "100", "--processes", "2"}, Map.of());
  private static final List<KeyRow> ONE_KEY_EACH = List.of(
      new KeyRow("kms_t01", 1, "ACTIVE", "colseal@101@host"), new KeyRow("kms_t02", 1, "ACTIVE", "colseal@101@host"));

  @Test
  void evaluate_keysMadeByFirstAndDecryptedOnceBySecond_meetsEveryTarget() {
    ScenarioResult r = staggered(
        run(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1)),
        run(2, 102, calls("Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1)));
    assertTrue(r.passed(), r.checks().toString());
  }

  @Test
  void evaluate_staggeredStartWithSecondGenerateForOneTable_missesGenerateTarget() {
    ScenarioResult r = staggered(
        run(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1)),
        run(2, 102, calls("GenerateDataKey/kms_t01", 1, "Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1)));
    assertFalse(check(r, "GenerateDataKey").passed());
    assertFalse(r.passed());
  }

  @Test
  void evaluate_coldStartLoserGeneratedOnce_meetsTargetsAndCountsOneDiscardedKey() {
    ScenarioResult r = cold(
        run(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1)),
        run(2, 102, calls("GenerateDataKey/kms_t01", 1, "Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1)));
    assertTrue(r.passed(), r.checks().toString());
    assertEquals(3, r.generateDataKey());
    assertEquals(1, r.keysDiscarded());
  }

  @Test
  void evaluate_coldStartProcessGeneratesTwiceForOneTable_missesGenerateTarget() {
    ScenarioResult r = cold(
        run(1, 101, calls("GenerateDataKey/kms_t01", 2, "GenerateDataKey/kms_t02", 1)),
        run(2, 102, calls("Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1)));
    assertFalse(check(r, "GenerateDataKey").passed());
  }

  @Test
  void evaluate_secondDecryptOfOneTableKeyInOneProcess_missesDecryptTarget() {
    ScenarioResult r = staggered(
        run(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1)),
        run(2, 102, calls("Decrypt/kms_t01", 2, "Decrypt/kms_t02", 1)));
    Check decrypt = check(r, "Decrypt per table key");
    assertFalse(decrypt.passed());
    assertEquals("max 2, at kms_t01, process 2", decrypt.detail());
  }

  @Test
  void evaluate_anyOtherKmsCall_missesTarget() {
    ScenarioResult r = staggered(
        run(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1, "DescribeKey/-", 1)),
        run(2, 102, calls("Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1)));
    assertFalse(check(r, "no KMS call other").passed());
  }

  @Test
  void evaluate_rowMissingOnReadBack_missesTarget() {
    ProcessReport reader = report(2, 102, calls("Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1), 99, 1);
    ScenarioResult r = staggered(run(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1)),
        new ProcessRun(reader, 1_000));
    assertFalse(check(r, "read back").passed());
  }

  @Test
  void evaluate_secondActiveKeyOfOneTable_missesKeyTableTarget() {
    List<KeyRow> keys = List.of(new KeyRow("kms_t01", 1, "ACTIVE", "colseal@101@host"),
        new KeyRow("kms_t01", 2, "ACTIVE", "colseal@102@host"), new KeyRow("kms_t02", 1, "ACTIVE", "colseal@101@host"));
    ScenarioResult r = Targets.evaluate(Scenario.STAGGERED, OPTIONS, List.of(
        run(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1)),
        run(2, 102, calls("Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1))), keys, 1_000);
    assertFalse(check(r, "exactly one data key").passed());
  }

  @Test
  void evaluate_keyRingCountersDisagreeWithSdkCalls_missesTarget() {
    ProcessReport r1 = report(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1), 100, 0);
    ProcessReport undercounted = new ProcessReport(r1.process(), r1.pid(), r1.apiCalls(), r1.httpRequests(),
        r1.rowsWritten(), r1.rowsRead(), r1.rowsMismatched(), r1.encryptions(), r1.decryptions(), 1, 0,
        r1.bootMillis(), r1.writeMillis(), r1.readMillis(), r1.uptimeMillis());
    ScenarioResult r = staggered(new ProcessRun(undercounted, 1_000),
        run(2, 102, calls("Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1)));
    assertFalse(check(r, "KeyRingStats").passed());
  }

  @Test
  void evaluate_activeKeyCreatedByAProcessOfTheRun_namesThatProcess() {
    ScenarioResult r = staggered(
        run(1, 101, calls("GenerateDataKey/kms_t01", 1, "GenerateDataKey/kms_t02", 1)),
        run(2, 102, calls("Decrypt/kms_t01", 1, "Decrypt/kms_t02", 1)));
    assertEquals(1, r.tables().get(0).createdByProcess());
    assertEquals(List.of(0L, 1L), r.tables().get(0).decryptByProcess());
  }

  private static ScenarioResult staggered(ProcessRun... runs) {
    return Targets.evaluate(Scenario.STAGGERED, OPTIONS, List.of(runs), ONE_KEY_EACH, 1_000);
  }

  private static ScenarioResult cold(ProcessRun... runs) {
    return Targets.evaluate(Scenario.COLD, OPTIONS, List.of(runs), ONE_KEY_EACH, 1_000);
  }

  private static Check check(ScenarioResult r, String targetContains) {
    return r.checks().stream().filter(c -> c.target().contains(targetContains)).findFirst().orElseThrow();
  }

  /** A process that wrote half the rows and read all of them back correctly. */
  private static ProcessRun run(int process, long pid, Map<String, Long> calls) {
    return new ProcessRun(report(process, pid, calls, 100, 0), 1_000);
  }

  private static ProcessReport report(int process, long pid, Map<String, Long> calls, long rowsRead, long mismatched) {
    long generate = sum(calls, "GenerateDataKey/");
    long decrypt = sum(calls, "Decrypt/");
    return new ProcessReport(process, pid, calls, calls, 50, rowsRead, mismatched, 150, 300, generate, decrypt,
        100, 100, 100, 1_000);
  }

  private static long sum(Map<String, Long> calls, String prefix) {
    return calls.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
  }

  private static Map<String, Long> calls(Object... keysAndCounts) {
    Map<String, Long> out = new TreeMap<>();
    for (int i = 0; i < keysAndCounts.length; i += 2) {
      out.put((String) keysAndCounts[i], ((Integer) keysAndCounts[i + 1]).longValue());
    }
    return out;
  }
}
