package io.colseal.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@code java -jar colseal.jar} (the shaded jar the build just made, system property {@code
 * test.colseal.jar}) as a child process with no console, and checks what every run must satisfy: no
 * canary secret in stdout or stderr, an error line and documented exit status on failure, and one
 * JSON document with {@code --json}.
 */
public final class Cli {
  /** A password no output may ever contain. */
  public static final String CANARY = "canary-Pa55w0rd-7f3e";

  private final Path workDir;
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> javaOptions = new ArrayList<>();

  public Cli(Path workDir) {
    this.workDir = workDir;
  }

  /** Adds variables to the child's environment (which otherwise has no COLSEAL_* settings). */
  public Cli env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  public Cli env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** JVM options for the child, before {@code -jar} (as {@code COLSEAL_JAVA_OPTS} in bin/colseal): {@code -Xmx256m}. */
  public Cli javaOptions(String... options) {
    javaOptions.addAll(Arrays.asList(options));
    return this;
  }

  public static Path jar() {
    String jar = System.getProperty("test.colseal.jar");
    assertTrue(jar != null, "system property test.colseal.jar is not set (failsafe sets it)");
    Path p = Path.of(jar);
    assertTrue(Files.isRegularFile(p), "no jar at " + p + "; ITs run after 'package'");
    return p;
  }

  public CliResult run(String... args) {
    ProcessBuilder pb = processBuilder(args);
    try {
      Path out = Files.createTempFile(workDir, "stdout", ".txt");
      Path err = Files.createTempFile(workDir, "stderr", ".txt");
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.redirectOutput(out.toFile());
      pb.redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("colseal " + String.join(" ", args) + " did not finish");
      }
      CliResult r = new CliResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      check(r, args);
      return r;
    } catch (IOException e) {
      throw new AssertionError("cannot run colseal", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Starts a long-running command with {@code --json} (JSON lines on stdout) and returns at once; see
   * {@link CliProcess}.
   */
  public CliProcess start(String... args) {
    return start(event -> {}, args);
  }

  /** As {@link #start(String...)}; {@code listener} sees each event on the reader thread as it is read. */
  public CliProcess start(Consumer<JsonNode> listener, String... args) {
    return CliProcess.start(processBuilder(args), workDir, listener, "colseal " + String.join(" ", args));
  }

  private ProcessBuilder processBuilder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(Arrays.asList(args));
    command.addAll(auditSchema(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("COLSEAL_") && !k.startsWith("COLSEAL_TEST_"));
    pb.environment().putAll(environment);
    return pb;
  }

  /**
   * {@code --schema} with the test's own schema for {@code colseal audit} on a server database, unless
   * the test gives one: the PII scan reads every schema the user may read by default, and the test
   * server holds the schemas of every other test running beside this one. The schema is the one the
   * JDBC URL names ({@code currentSchema=} for PostgreSQL, the database for MariaDB); H2 files have one.
   */
  private List<String> auditSchema(String... args) {
    List<String> a = Arrays.asList(args);
    String url = environment.get("COLSEAL_JDBC_URL");
    if (a.isEmpty() || !a.get(0).equals("audit") || a.size() > 1 && !a.get(1).startsWith("-")
        || a.contains("--schema") || url == null) {
      return List.of();
    }
    java.util.regex.Matcher pg = java.util.regex.Pattern.compile("[?&]currentSchema=([^&]+)").matcher(url);
    if (url.startsWith("jdbc:postgresql:") && pg.find()) {
      return List.of("--schema", pg.group(1));
    }
    java.util.regex.Matcher maria = java.util.regex.Pattern.compile("^jdbc:mariadb://[^/]+/([^?;]+)").matcher(url);
    return maria.find() ? List.of("--schema", maria.group(1)) : List.of();
  }

  /** What holds for every run. */
  public static void check(CliResult r, String... args) {
    String what = "colseal " + String.join(" ", args) + "\n" + r;
    assertFalse(r.out().contains(CANARY), "a secret on stdout: " + what);
    assertFalse(r.err().contains(CANARY), "a secret on stderr: " + what);
    if (r.exit() == 0) {
      assertEquals(0, DocContract.exitCode("SUCCESS"), "documented success status");
    } else {
      String code = r.errorCode();
      assertTrue(code != null, "an error line on stderr: " + what);
      assertEquals(DocContract.exitCode(code), r.exit(), "documented exit status of " + code + ": " + what);
    }
    if (Arrays.asList(args).contains("--json") && Arrays.asList(args).contains("reencrypt")) {
      // JSON lines: every line one object; the last is the summary, or the error of a failed run.
      var lines = r.jsonLines();
      assertFalse(lines.isEmpty(), "no JSON lines: " + what);
      var last = lines.get(lines.size() - 1);
      if (r.exit() == 0 || "JOB_INCOMPLETE".equals(r.errorCode()) || "KEY_UNSUPPORTED".equals(r.errorCode())) {
        assertEquals("summary", last.path("event").asText(), "the last line is the summary: " + what);
      } else {
        assertEquals(r.exit(), last.path("error").path("exitCode").asInt(), what);
      }
    } else if (Arrays.asList(args).contains("--json")) {
      var json = r.json();
      if ("AUDIT_FINDINGS".equals(r.errorCode())) {
        // audit --fail-on writes its report before failing: the document is the report, not an error.
        assertTrue(json.path("findings").size() > 0, "the report with its findings: " + what);
      } else if ("REPORT_INVALID".equals(r.errorCode()) || "REPORT_UNSIGNED".equals(r.errorCode())) {
        // audit verify: the document is the verification, whatever its verdict.
        assertTrue(json.has("verdict") && !json.path("verdict").asText().equals("VALID"), what);
      } else if ("KEY_UNSUPPORTED".equals(r.errorCode()) && json.has("unreadable")) {
        // keys list / rotate did their work for every other key: the document is the report.
        assertTrue(json.path("unreadable").size() > 0, "the report names the unreadable keys: " + what);
      } else if (r.exit() != 0) {
        assertEquals(r.exit(), json.path("error").path("exitCode").asInt(), what);
      }
    }
  }
}
