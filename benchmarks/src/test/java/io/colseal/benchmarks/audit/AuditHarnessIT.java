package io.colseal.benchmarks.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The audit harness on a small table (3,000 rows, 2 timed runs), judged from its JSON output: it
 * completes, the report it times counted what was loaded per key version, NULL and plaintext,
 * found the leftover plaintext and the phone-number column, and the result carries its figures.
 * Timings are not judged.
 *
 * <p>PostgreSQL comes from {@code COLSEAL_TEST_POSTGRES_URL} ({@code _USER}, {@code _PASSWORD}).
 * Without it the class is skipped, or fails when {@code COLSEAL_TEST_REQUIRE_DATABASES=true}.
 */
@ExtendWith(AuditHarnessIT.Prerequisites.class)
class AuditHarnessIT {
  private static final int ROWS = 3_000;
  private static final int REPEATS = 2;

  private static int exitStatus;
  private static String stdout;
  private static String stderr;

  /** Skips the class without PostgreSQL, unless {@code COLSEAL_TEST_REQUIRE_DATABASES=true}: then {@link #runHarness} fails. */
  static final class Prerequisites implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return url() != null || required()
          ? ConditionEvaluationResult.enabled("PostgreSQL")
          : ConditionEvaluationResult.disabled("no PostgreSQL server: set COLSEAL_TEST_POSTGRES_URL");
    }

    static String url() {
      String url = System.getenv("COLSEAL_TEST_POSTGRES_URL");
      return url == null || url.isBlank() ? null : url;
    }

    static boolean required() {
      return "true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"));
    }
  }

  @BeforeAll
  static void runHarness() {
    String url = Prerequisites.url();
    if (url == null) {
      fail("no PostgreSQL server: set COLSEAL_TEST_POSTGRES_URL (COLSEAL_TEST_REQUIRE_DATABASES=true)");
    }
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put(AuditOptions.PASSWORD_VARIABLE, System.getenv().getOrDefault("COLSEAL_TEST_POSTGRES_PASSWORD", ""));
    String[] args = {"--rows", Integer.toString(ROWS), "--repeats", Integer.toString(REPEATS), "--jdbc-url", url,
        "--user", System.getenv().getOrDefault("COLSEAL_TEST_POSTGRES_USER", "postgres"), "--json"};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    exitStatus = AuditHarness.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
        environment);
    stdout = out.toString(UTF_8);
    stderr = err.toString(UTF_8);
    System.out.println(stderr);
  }

  private static JsonObject json() {
    try {
      return JsonParser.parseString(stdout).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new AssertionError("no JSON on standard output (exit " + exitStatus + "):\n" + stdout + "\n" + stderr, e);
    }
  }

  @Test
  void run_smallTable_completesAndExitsZero() {
    assertEquals(0, exitStatus, stderr);
    assertTrue(json().get("correct").getAsBoolean(), stdout);
  }

  @Test
  void run_smallTable_reportCountsWhatWasLoaded() {
    JsonObject r = json();
    // Ids 1..3000 in thirds; every 50th NULL, every 997th (not a multiple of 50) plaintext: 997, 1994, 2991.
    assertEquals(ROWS, r.get("reportRowsTotal").getAsLong());
    assertEquals(ROWS / 50, r.get("reportRowsNull").getAsLong());
    assertEquals(3, r.get("reportRowsNotEncrypted").getAsLong());
    JsonObject byVersion = r.getAsJsonObject("reportRowsByKeyVersion");
    assertEquals(List.of("v1", "v2", "v3"), List.copyOf(byVersion.keySet()));
    assertEquals(ROWS - ROWS / 50 - 3, byVersion.entrySet().stream().mapToLong(e -> e.getValue().getAsLong()).sum());
    assertEquals(3, r.get("reportDekVersions").getAsInt());
  }

  @Test
  void run_smallTable_reportFindsTheLeftoverPlaintextAndThePhoneColumn() {
    JsonObject r = json();
    assertTrue(r.get("reportFindings").toString().contains("LEFTOVER_PLAINTEXT bench_audit"), r.toString());
    assertTrue(r.get("reportSuspects").toString().contains("bench_members.phone PHONE"), r.toString());
    assertEquals(64, r.get("contentSha256").getAsString().length());
  }

  @Test
  void report_hasMediansRatioAndTarget() {
    JsonObject r = json();
    for (String key : List.of("plainGroupByMillis", "countRowsMillis", "reportMillis")) {
      assertEquals(REPEATS, r.getAsJsonArray(key).size(), key);
    }
    for (String key : List.of("plainGroupByMedianMillis", "countRowsMedianMillis", "reportMedianMillis", "ratio")) {
      assertTrue(r.has(key) && r.get(key).getAsDouble() >= 0, key + " in " + r);
    }
    assertEquals(1.5, r.get("target").getAsDouble());
    assertTrue(r.has("targetMet"));
    assertFalse(r.get("loadAverageAtStart").getAsString().isBlank());
  }

  @Test
  void report_markdownGoesToStandardErrorWithoutValues() {
    assertTrue(stderr.contains("| full report: `ComplianceAudit … .run()` |"), stderr);
    assertTrue(stderr.contains("| plain `SELECT SUBSTRING(doc, 1, 18), COUNT(*) … GROUP BY 1` |"), stderr);
    // Counts and names only: neither a loaded value nor a phone number.
    for (String text : List.of(stdout, stderr)) {
      assertFalse(text.contains("Order note") || text.contains("legacy note") || text.contains("010-0000-"), text);
    }
  }
}
