package io.colseal.benchmarks.reencrypt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The re-encryption harness on a small table (2,000 rows, batches of 500), judged from its JSON
 * output: it completes, both job runs leave every row on the newest version, every row decrypts to
 * what was loaded, and the report carries its fields. Timings are not looked at.
 *
 * <p>PostgreSQL comes from {@code COLSEAL_TEST_POSTGRES_URL} ({@code _USER}, {@code _PASSWORD}).
 * Without it the class is skipped, or fails when {@code COLSEAL_TEST_REQUIRE_DATABASES=true}.
 */
@ExtendWith(ReencryptHarnessIT.Prerequisites.class)
class ReencryptHarnessIT {
  private static final int ROWS = 2_000;
  private static final int BATCH = 500;
  private static final Path LOGS = Path.of("target", "reencrypt-harness-it");

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
    environment.put(ReencryptOptions.PASSWORD_VARIABLE,
        System.getenv().getOrDefault("COLSEAL_TEST_POSTGRES_PASSWORD", ""));
    String[] args = {"--rows", Integer.toString(ROWS), "--batch-size", Integer.toString(BATCH), "--jdbc-url", url,
        "--user", System.getenv().getOrDefault("COLSEAL_TEST_POSTGRES_USER", "postgres"), "--json",
        "--log-dir", LOGS.toString(), "--timeout", "PT5M"};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    exitStatus = ReencryptHarness.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
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

  private static List<JsonObject> jobs() {
    JsonArray array = json().getAsJsonArray("jobs");
    List<JsonObject> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsJsonObject()));
    return out;
  }

  @Test
  void run_smallTable_completesAndExitsZero() {
    assertEquals(0, exitStatus, stderr);
    assertTrue(json().get("passed").getAsBoolean(), stdout);
  }

  @Test
  void run_smallTable_runsTheJobWithOneThenTwoWorkers() {
    assertEquals(List.of(1, 2), jobs().stream().map(j -> j.get("workers").getAsInt()).toList());
    for (JsonObject j : jobs()) {
      assertEquals(0, j.get("exitStatus").getAsInt(), j.toString());
      assertEquals(ROWS, j.get("rowsExamined").getAsLong(), j.toString());
      assertEquals(0, j.get("failures").getAsLong(), j.toString());
      assertTrue(j.get("batchEvents").getAsLong() >= ROWS / BATCH, j.toString());
    }
  }

  @Test
  void run_smallTable_everyRowEndsOnTheNewestVersion() {
    assertEquals(List.of(2, 3), jobs().stream().map(j -> j.get("toVersion").getAsInt()).toList());
    for (JsonObject j : jobs()) {
      assertEquals(ROWS, j.get("rowsOnVersion").getAsLong(), j.toString());
    }
  }

  @Test
  void run_smallTable_everyRowDecryptsToWhatWasLoaded() {
    assertEquals(ROWS, json().get("rowsVerified").getAsLong());
    assertEquals(0, json().get("rowsMismatched").getAsLong());
  }

  @Test
  void report_hasBaselineRatesTargetAndHeap() {
    JsonObject r = json();
    assertEquals(ROWS, r.get("rows").getAsLong());
    assertEquals(BATCH, r.get("batchSize").getAsInt());
    JsonObject baseline = r.getAsJsonObject("baseline");
    assertEquals(ROWS, baseline.get("rows").getAsLong());
    assertTrue(baseline.get("rowsPerSecond").getAsDouble() > 0, baseline.toString());
    assertFalse(baseline.get("loadAverage").getAsString().isBlank());
    assertEquals(0.8, r.get("target").getAsDouble());
    assertTrue(r.has("targetMet") && r.has("speedup2Workers") && r.has("tableSizeMb") && r.has("jobJvm"), r.toString());
    for (JsonObject j : jobs()) {
      for (String field : List.of("rowsPerSecond", "ratioToBaseline", "durationMillis", "wallMillis")) {
        assertTrue(j.get(field).getAsDouble() > 0, field + " in " + j);
      }
      JsonObject heap = j.getAsJsonObject("heap");
      long max = heap.get("maxHeapMb").getAsLong();
      assertTrue(max > 0 && max <= 256, "the job runs with -Xmx256m: " + heap);
      assertTrue(heap.get("peakUsedMb").getAsLong() > 0, heap.toString());
      for (String field : List.of("peakAfterGcMb", "afterGcFirstHalfMb", "afterGcSecondHalfMb", "finalUsedMb",
          "collections")) {
        assertTrue(heap.has(field), field + " in " + heap);
      }
    }
  }

  @Test
  void report_markdownGoesToStandardErrorWithTheResultTable() {
    assertTrue(stderr.contains("| baseline: plain JDBC, no crypto, no CAS |"), stderr);
    assertTrue(stderr.contains("`colseal reencrypt --workers 1`"), stderr);
    assertTrue(stderr.contains("`colseal reencrypt --workers 2`"), stderr);
  }
}
