package io.colseal.benchmarks.kms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The KMS call harness on a small workload (3 tables, 600 rows, 2 child-JVM processes, every
 * scenario), judged from its JSON output: one GenerateDataKey per table key, one Decrypt per table
 * key per process, none per row. Then a run with the key cache off, which must miss the target.
 *
 * <p>PostgreSQL comes from {@code COLSEAL_TEST_POSTGRES_URL} ({@code _USER}, {@code _PASSWORD}); KMS
 * from {@code COLSEAL_TEST_KMS_ENDPOINT}, else the harness starts {@code moto_server} from the
 * {@code PATH}. Without either the class is skipped, or fails when {@code
 * COLSEAL_TEST_REQUIRE_DATABASES=true}.
 */
@ExtendWith(KmsCallHarnessIT.Prerequisites.class)
class KmsCallHarnessIT {
  private static final int TABLES = 3;
  private static final int ROWS = 600;
  private static final int PROCESSES = 2;
  private static final Path LOGS = Path.of("target", "kms-call-harness-it");

  private static List<String> serverArgs;
  private static Map<String, String> environment;
  private static Run smallRun;

  private record Run(int exitStatus, String stdout, String stderr) {
    JsonObject json() {
      try {
        return JsonParser.parseString(stdout).getAsJsonObject();
      } catch (RuntimeException e) {
        throw new AssertionError("no JSON on standard output (exit " + exitStatus + "):\n" + stdout + "\n" + stderr, e);
      }
    }
  }

  /**
   * Skips the class, with the reason, when PostgreSQL or a KMS endpoint is missing; with {@code
   * COLSEAL_TEST_REQUIRE_DATABASES=true} the class runs and {@link #runHarness} fails instead.
   */
  static final class Prerequisites implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String problem = problem();
      return problem == null || required()
          ? ConditionEvaluationResult.enabled("PostgreSQL and a KMS endpoint")
          : ConditionEvaluationResult.disabled(problem);
    }

    static @Nullable String problem() {
      String url = System.getenv("COLSEAL_TEST_POSTGRES_URL");
      if (url == null || url.isBlank()) {
        return "no PostgreSQL server: set COLSEAL_TEST_POSTGRES_URL";
      }
      String endpoint = System.getenv(HarnessOptions.ENDPOINT_VARIABLE);
      if ((endpoint == null || endpoint.isBlank()) && MotoServer.find().isEmpty()) {
        return "no KMS endpoint: set " + HarnessOptions.ENDPOINT_VARIABLE + " or put moto_server on the PATH";
      }
      return null;
    }

    static boolean required() {
      return "true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"));
    }
  }

  @BeforeAll
  static void runHarness() {
    String problem = Prerequisites.problem();
    if (problem != null) {
      fail(problem + " (COLSEAL_TEST_REQUIRE_DATABASES=true)");
    }
    String url = System.getenv("COLSEAL_TEST_POSTGRES_URL");
    serverArgs = List.of("--jdbc-url", url, "--user",
        System.getenv().getOrDefault("COLSEAL_TEST_POSTGRES_USER", "postgres"), "--json");
    environment = new HashMap<>(System.getenv());
    environment.put(HarnessOptions.PASSWORD_VARIABLE, System.getenv().getOrDefault("COLSEAL_TEST_POSTGRES_PASSWORD", ""));

    smallRun = run("small", "--tables", Integer.toString(TABLES), "--rows", Integer.toString(ROWS),
        "--processes", Integer.toString(PROCESSES));
    System.out.println(smallRun.stderr);
  }

  private static Run run(String name, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(serverArgs);
    all.addAll(List.of("--log-dir", LOGS.resolve(name).toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = KmsCallHarness.run(all.toArray(String[]::new), new PrintStream(out, true, UTF_8),
        new PrintStream(err, true, UTF_8), environment);
    return new Run(status, out.toString(UTF_8), err.toString(UTF_8));
  }

  @Test
  void run_smallWorkload_meetsEveryTargetAndExitsZero() {
    assertEquals(0, smallRun.exitStatus(), smallRun.stderr());
    assertTrue(smallRun.json().get("passed").getAsBoolean());
  }

  @Test
  void run_smallWorkload_reportsEveryScenario() {
    assertEquals(List.of("staggered-start", "cold-concurrent-start", "cold-concurrent-first-start"),
        scenarios().stream().map(s -> s.get("id").getAsString()).toList());
  }

  @Test
  void staggeredStart_generatesExactlyOneDataKeyPerTable() {
    JsonObject staggered = scenario("staggered-start");
    for (String table : tables()) {
      long generated = processes(staggered).stream().mapToLong(p -> calls(p, "GenerateDataKey", table)).sum();
      assertEquals(1, generated, table);
    }
  }

  @Test
  void staggeredStart_firstProcessMakesTheKeysAndDecryptsNone() {
    JsonObject first = processes(scenario("staggered-start")).get(0);
    assertEquals(TABLES, first.get("generateDataKey").getAsLong());
    assertEquals(0, first.get("decrypt").getAsLong());
  }

  @Test
  void staggeredStart_laterProcessesDecryptEachTableKeyExactlyOnceAndGenerateNone() {
    List<JsonObject> processes = processes(scenario("staggered-start"));
    for (JsonObject p : processes.subList(1, processes.size())) {
      assertEquals(0, p.get("generateDataKey").getAsLong());
      for (String table : tables()) {
        assertEquals(1, calls(p, "Decrypt", table), "process " + p.get("process") + " " + table);
      }
    }
  }

  @Test
  void everyScenario_decryptEachTableKeyAtMostOncePerProcess() {
    for (JsonObject s : scenarios()) {
      for (JsonObject p : processes(s)) {
        for (String table : tables()) {
          long n = calls(p, "Decrypt", table);
          assertTrue(n <= 1, s.get("id") + " process " + p.get("process") + " " + table + ": " + n);
        }
      }
    }
  }

  @Test
  void everyScenario_makeNoKmsCallButGenerateDataKeyAndDecrypt() {
    for (JsonObject s : scenarios()) {
      for (JsonObject p : processes(s)) {
        for (Map.Entry<String, JsonElement> e : p.getAsJsonObject("callsByTable").entrySet()) {
          assertTrue(e.getKey().startsWith("GenerateDataKey/") || e.getKey().startsWith("Decrypt/"),
              s.get("id") + ": " + e.getKey());
        }
        assertEquals(0, p.get("otherKmsCalls").getAsLong());
      }
    }
  }

  @Test
  void everyScenario_everyProcessReadsEveryRowBackIntact() {
    for (JsonObject s : scenarios()) {
      long written = 0;
      for (JsonObject p : processes(s)) {
        written += p.get("rowsWritten").getAsLong();
        assertEquals(ROWS, p.get("rowsRead").getAsLong(), s.get("id") + " process " + p.get("process"));
        assertEquals(0, p.get("rowsMismatched").getAsLong(), s.get("id") + " process " + p.get("process"));
        assertEquals(3L * ROWS, p.get("decryptions").getAsLong(), s.get("id") + " process " + p.get("process"));
      }
      assertEquals(ROWS, written, s.get("id").getAsString());
    }
  }

  @Test
  void coldStarts_generateAtMostOneDataKeyPerTablePerProcess() {
    for (JsonObject cold : coldScenarios()) {
      for (String table : tables()) {
        long total = 0;
        for (JsonObject p : processes(cold)) {
          long n = calls(p, "GenerateDataKey", table);
          assertTrue(n <= 1, cold.get("id") + " process " + p.get("process") + " " + table + ": " + n);
          total += n;
        }
        assertTrue(total >= 1, cold.get("id") + " " + table + " got no data key");
      }
    }
  }

  @Test
  void coldStarts_keepExactlyOneKeyPerTableAndCountTheDiscardedOnes() {
    for (JsonObject cold : coldScenarios()) {
      assertEquals(TABLES, cold.get("keysKept").getAsLong(), cold.get("id").getAsString());
      assertEquals(cold.get("generateDataKey").getAsLong() - TABLES, cold.get("keysDiscarded").getAsLong());
      for (JsonElement t : cold.getAsJsonArray("tables")) {
        assertEquals(1, t.getAsJsonObject().get("keyVersions").getAsInt(), cold.get("id") + " " + t);
      }
    }
  }

  @Test
  void run_keyCacheDisabled_missesTheDecryptTargetAndExitsOne() {
    // With colseal.keys.cache-ttl=PT0S every value costs a Decrypt: the harness must notice.
    Run uncached = run("uncached", "--tables", "1", "--rows", "20", "--processes", "1", "--scenario", "staggered",
        "--key-cache-ttl", "PT0S");
    assertEquals(1, uncached.exitStatus(), uncached.stderr());
    JsonObject staggered = uncached.json().getAsJsonArray("scenarios").get(0).getAsJsonObject();
    assertFalse(staggered.get("passed").getAsBoolean());
    assertTrue(staggered.get("decrypt").getAsLong() > 20, staggered.toString());
    JsonObject decryptCheck = checks(staggered).stream()
        .filter(c -> c.get("target").getAsString().contains("Decrypt")).findFirst().orElseThrow();
    assertFalse(decryptCheck.get("passed").getAsBoolean(), decryptCheck.toString());
  }

  private static List<JsonObject> scenarios() {
    return objects(smallRun.json().getAsJsonArray("scenarios"));
  }

  private static JsonObject scenario(String id) {
    return scenarios().stream().filter(s -> s.get("id").getAsString().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no scenario " + id + " in " + smallRun.stdout()));
  }

  private static List<JsonObject> coldScenarios() {
    return List.of(scenario("cold-concurrent-start"), scenario("cold-concurrent-first-start"));
  }

  private static List<JsonObject> processes(JsonObject scenario) {
    List<JsonObject> processes = objects(scenario.getAsJsonArray("processes"));
    assertEquals(PROCESSES, processes.size());
    return processes;
  }

  private static List<JsonObject> checks(JsonObject scenario) {
    return objects(scenario.getAsJsonArray("checks"));
  }

  private static List<String> tables() {
    return HarnessTables.first(TABLES).stream().map(HarnessTables.HarnessTable::name).toList();
  }

  private static long calls(JsonObject process, String operation, String table) {
    JsonElement n = process.getAsJsonObject("callsByTable").get(operation + "/" + table);
    return n == null ? 0 : n.getAsLong();
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsJsonObject()));
    return out;
  }
}
