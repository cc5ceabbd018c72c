package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Demo.main} as a user runs it (what {@code ./mvnw -Pdemo verify} runs): a JVM of its own, the
 * Spring Boot application with the demo profile, configured only through environment
 * variables, on an H2 file database in a temporary directory. Every run, whatever its outcome, is
 * checked for the database and keystore passwords in its output.
 */
class DemoProcessIT {
  private static final String DB_PASSWORD = "h2-password-7f3a";
  private static final String KEYSTORE_PASSWORD = "keystore-password-9c1e";

  @TempDir Path dir;

  /** Exit status and everything the process printed. */
  private record Run(int status, String output) {}

  private Run demo(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // C1 only: the same program, started in a fraction of the CPU time (each test starts one to three).
        "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        Demo.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    // Only what this test sets: no DEMO_*, SPRING_* or COLSEAL_* from the machine running the build.
    pb.environment().keySet().removeIf(k -> k.startsWith("DEMO_") || k.startsWith("COLSEAL_") || k.startsWith("SPRING_"));
    pb.environment().put("DEMO_DATA_DIR", dir.resolve("data").toString());
    pb.environment().put("SPRING_DATASOURCE_PASSWORD", DB_PASSWORD);
    pb.environment().put("COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes(); // returns when the process closes its output
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "demo did not exit");
    Run run = new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    // Whatever happened, successes and failures alike: no password in the output.
    assertFalse(run.output().contains(DB_PASSWORD), "database password printed");
    assertFalse(run.output().contains(KEYSTORE_PASSWORD), "keystore password printed");
    return run;
  }

  @Test
  void main_defaults_exitsZeroAndPrintsTheReportWithPasswordsMasked() throws Exception {
    Run run = demo(Map.of("DEMO_CUSTOMERS", "40"));

    assertEquals(Demo.EXIT_OK, run.status(), run.output());
    assertTrue(run.output().contains("RESULT: OK"), run.output());
    assertTrue(run.output().contains("Wrote      120 rows (40 customers, 40 cards, 40 accounts)"), run.output());
    assertTrue(run.output().contains("KMS calls  4 (4 data keys generated, 0 unwrapped)"), run.output());
    assertTrue(run.output().contains("spring.datasource.password = ****"), run.output());
    assertTrue(run.output().contains("colseal.kms.local.keystore-password = ****"), run.output());
    assertTrue(Files.exists(dir.resolve("data").resolve("demo-kek.p12")), "keystore created in DEMO_DATA_DIR");
  }

  @Test
  void main_customerCountNotANumber_exitsWithUsageStatus() throws Exception {
    Run run = demo(Map.of(), "a-thousand");

    assertEquals(Demo.EXIT_USAGE, run.status(), run.output());
    assertTrue(run.output().contains("demo.customers"), run.output());
  }

  @Test
  void main_keystoreWithAnotherKek_refusesAndKeepsTheData() throws Exception {
    Run first = demo(Map.of(), "10");
    assertEquals(Demo.EXIT_OK, first.status(), first.output());

    // Same alias and database, but a new keystore: a different KEK, which cannot unwrap the data keys.
    Run second = demo(Map.of("COLSEAL_KMS_LOCAL_KEYSTORE", dir.resolve("other.p12").toString()), "10");

    assertEquals(ErrorCode.KMS_REJECTED.exitCode(), second.status(), second.output());
    assertTrue(second.output().contains("KMS_REJECTED"), second.output());
    // The demo empties its tables only after colseal has accepted the keys: the first run's rows remain.
    String url = "jdbc:h2:file:" + dir.resolve("data").resolve("colseal-demo");
    try (Connection c = DriverManager.getConnection(url, "sa", DB_PASSWORD); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM customer")) {
      rs.next();
      assertEquals(10, rs.getInt(1));
    }
    Run third = demo(Map.of(), "10");
    assertEquals(Demo.EXIT_OK, third.status(), third.output());
    assertTrue(third.output().contains("KMS calls  4 (0 data keys generated, 4 unwrapped)"), third.output());
  }
}
