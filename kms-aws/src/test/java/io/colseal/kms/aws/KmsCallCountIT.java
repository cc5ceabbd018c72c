package io.colseal.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.colseal.kms.aws.testing.GlobalKmsCallCounter;
import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * KMS calls per process: two fresh JVMs ({@link KmsCallCountWorkload}) on one PostgreSQL database.
 * The first writes 10,000 rows over three tables and reads them back; the second reads them all.
 * Every SDK call in each child is counted by {@link GlobalKmsCallCounter}, which only the children
 * load. Data keys are made once per table and unwrapped at most once per table key per process;
 * no row causes a KMS call.
 *
 * <p>The first child finds the endpoint in {@code colseal.kms.aws.endpoint}; the second gets no
 * endpoint setting and must find it in {@code AWS_ENDPOINT_URL_KMS}, as the SDK documents.
 */
@ExtendWith(KmsEndpointExtension.class)
@OneDatabase(because = "counts the KMS calls of two processes sharing one key table on a server database; the count does not depend on which server (AwsKmsKeyRingIT runs on every database)")
class KmsCallCountIT {
  private static final int ROWS = 10_000;
  private static final List<String> TABLES = List.of("clinical_note", "invoice", "patient");
  private static final long CHILD_TIMEOUT_MINUTES = 5;

  @TempDir static Path interceptorDir;

  private static TestDatabase db;
  private static String kekArn;
  private static Result first;
  private static Result second;

  private record Result(Map<String, Long> calls, Map<String, String> workload) {
    long calls(String operation) {
      return calls.entrySet().stream().filter(e -> e.getKey().startsWith(operation + "/")).mapToLong(Map.Entry::getValue).sum();
    }

    long total() {
      return calls.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  @BeforeAll
  static void runTwoFreshProcesses(KmsEndpoint kms) throws Exception {
    String kekAlias = kms.createAliasedKey("colseal-count-it");
    try (var client = kms.client()) {
      kekArn = client.describeKey(r -> r.keyId(kekAlias)).keyMetadata().arn();
    }
    db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
    Path resource = interceptorDir.resolve(GlobalKmsCallCounter.RESOURCE);
    Files.createDirectories(resource.getParent());
    Files.writeString(resource, GlobalKmsCallCounter.class.getName() + "\n", StandardCharsets.UTF_8);

    first = runChild(kms, kekAlias, "write", List.of("-Dcolseal.kms.aws.endpoint=" + kms.uri()), Map.of());
    second = runChild(kms, kekAlias, "read", List.of(), Map.of("AWS_ENDPOINT_URL_KMS", kms.uri().toString()));
    System.out.println("KMS calls, first process (write + read back): " + first.calls);
    System.out.println("KMS calls, second process (read): " + second.calls);
  }

  @AfterAll
  static void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void firstProcess_generatesExactlyOneDataKeyPerTable() {
    Map<String, Long> expected = new TreeMap<>();
    TABLES.forEach(t -> expected.put("GenerateDataKey/" + t, 1L));
    assertEquals(expected, generateCalls(first));
  }

  @Test
  void firstProcess_makesNoKmsCallButGenerateDataKey() {
    assertEquals(first.calls("GenerateDataKey"), first.total(), first.calls.toString());
  }

  @Test
  void firstProcess_writesAndReadsBackEveryRow() {
    assertEquals(Long.toString(ROWS), first.workload.get("rows-written"));
    assertEquals(Long.toString(ROWS), first.workload.get("rows-verified"));
  }

  @Test
  void secondProcess_decryptsEachTableKeyAtMostOnce() {
    for (String table : TABLES) {
      long n = second.calls.getOrDefault("Decrypt/" + table, 0L);
      assertTrue(n <= 1, "Decrypt/" + table + "=" + n);
    }
  }

  @Test
  void secondProcess_makesNoKmsCallButOneDecryptPerTable() {
    Map<String, Long> expected = new TreeMap<>();
    TABLES.forEach(t -> expected.put("Decrypt/" + t, 1L));
    assertEquals(expected, second.calls);
  }

  @Test
  void secondProcess_readsEveryRowBack() {
    assertEquals(Long.toString(ROWS), second.workload.get("rows-verified"));
  }

  @Test
  void keyRingCounters_agreeWithSdkCalls() {
    assertEquals(Long.toString(first.calls("GenerateDataKey")), first.workload.get("keyring-generate"));
    assertEquals(Long.toString(second.calls("Decrypt")), second.workload.get("keyring-unwrap"));
  }

  @Test
  void keyTable_holdsOneKeyPerTableWrappedUnderKekArn() throws SQLException {
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT table_name, key_version, kek_provider, kek_id FROM colseal_data_key")) {
      while (rs.next()) {
        rows.put(rs.getString(1) + " v" + rs.getInt(2), rs.getString(3) + " " + rs.getString(4));
      }
    }
    Map<String, String> expected = new TreeMap<>();
    TABLES.forEach(t -> expected.put(t + " v1", "aws-kms " + kekArn));
    assertEquals(expected, rows);
  }

  private static Map<String, Long> generateCalls(Result r) {
    Map<String, Long> out = new TreeMap<>();
    r.calls.forEach((k, v) -> {
      if (k.startsWith("GenerateDataKey/")) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static Result runChild(KmsEndpoint kms, String kekId, String mode, List<String> extraProperties,
      Map<String, String> extraEnvironment) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A short-lived JVM on a small machine: the quick JIT tier and one GC thread start it faster.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(interceptorDir + File.pathSeparator + System.getProperty("java.class.path"));
    command.add("-Dcolseal.kms.provider=aws-kms");
    command.add("-Dcolseal.kms.kek-id=" + kekId);
    command.add("-Dcolseal.kms.aws.region=" + KmsEndpoint.REGION);
    command.addAll(extraProperties);
    command.add(KmsCallCountWorkload.class.getName());
    command.add(mode);
    command.add(Integer.toString(ROWS));

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    // Only what this test sets: no AWS account, endpoint or colseal setting of the developer's shell.
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("COLSEAL_"));
    env.putAll(kms.childEnvironment());
    env.putAll(extraEnvironment);
    env.put("COLSEAL_WORKLOAD_JDBC_URL", db.url());
    env.put("COLSEAL_WORKLOAD_JDBC_USER", db.user());
    env.put("COLSEAL_WORKLOAD_JDBC_PASSWORD", db.password());
    Path log = logDir().resolve("kms-call-count-" + mode + ".log");
    builder.redirectOutput(log.toFile());

    Process child = builder.start();
    if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      fail("the " + mode + " process did not finish within " + CHILD_TIMEOUT_MINUTES + " minutes; see " + log);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (child.exitValue() != 0) {
      fail("the " + mode + " process exited with " + child.exitValue() + ":\n" + tail(output));
    }
    return new Result(parseLong(line(output, KmsCallCountWorkload.CALLS_LINE)),
        parse(line(output, KmsCallCountWorkload.WORKLOAD_LINE)));
  }

  private static Path logDir() {
    Path target = Path.of("target");
    return Files.isDirectory(target) ? target : interceptorDir;
  }

  private static String line(String output, String prefix) {
    return output.lines()
        .filter(l -> l.equals(prefix) || l.startsWith(prefix + " "))
        .findFirst()
        .map(l -> l.substring(prefix.length()).trim())
        .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in:\n" + tail(output)));
  }

  private static Map<String, String> parse(String pairs) {
    Map<String, String> out = new TreeMap<>();
    for (String pair : pairs.split(" ")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        out.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return out;
  }

  private static Map<String, Long> parseLong(String pairs) {
    Map<String, Long> out = new TreeMap<>();
    parse(pairs).forEach((k, v) -> out.put(k, Long.parseLong(v)));
    return out;
  }

  private static String tail(String output) {
    return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
  }
}
