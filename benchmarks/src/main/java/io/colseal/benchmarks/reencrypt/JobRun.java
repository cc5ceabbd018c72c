package io.colseal.benchmarks.reencrypt;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.colseal.benchmarks.reencrypt.ReencryptProcess.HeapReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One run of {@code colseal reencrypt --json} in its own JVM ({@link ReencryptProcess}), with
 * standard output (the job's JSON lines) and standard error in log files, read back once it exits.
 */
final class JobRun {
  /** What the harness passes to every run of the job. */
  record Setup(String jdbcUrl, String user, String password, Path keystore, String keystorePassword, String kekAlias,
      String heap, Path logDir, Duration timeout) {}

  /**
   * What one run reported.
   *
   * @param summary the job's last JSON line, {@code "event":"summary"}
   * @param batches {@code "event":"batch"} lines: one per committed batch
   * @param wallMillis from starting the JVM to its exit, JVM start-up included
   */
  record Outcome(int exitStatus, JsonObject summary, long batches, long progressLines, long wallMillis,
      HeapReport heap, Path stdoutLog) {}

  private JobRun() {}

  /** The child's command: {@code java -Xmx... ReencryptProcess reencrypt --table ... --workers N --json ...}. */
  static List<String> command(Setup s, int workers, int batchSize, Path heapReport) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + s.heap());
    command.add("-D" + ReencryptProcess.REPORT_PROPERTY + "=" + heapReport);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ReencryptProcess.class.getName());
    command.addAll(List.of("reencrypt", "--table", BenchDatabase.TABLE, "--workers", Integer.toString(workers),
        "--batch-size", Integer.toString(batchSize), "--json",
        "--jdbc-url", s.jdbcUrl(), "--jdbc-user", s.user(),
        "--kms-provider", "local", "--keystore", s.keystore().toString(), "--kek-id", s.kekAlias(),
        // The harness's colseal created the job tables; the job only checks them, as in production.
        "--set", "colseal.key-table.schema-management=validate"));
    return command;
  }

  /** Runs the job with {@code workers} and waits for it. */
  static Outcome run(Setup s, String name, int workers, int batchSize) throws HarnessFailure {
    Path stdout = s.logDir().resolve(name + ".stdout.jsonl");
    Path stderr = s.logDir().resolve(name + ".stderr.log");
    Path heapReport = s.logDir().resolve(name + ".heap.json");
    ProcessBuilder pb = new ProcessBuilder(command(s, workers, batchSize, heapReport))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment(s));
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new HarnessFailure("cannot start the job's JVM: " + e.getMessage(), e);
    }
    Thread stop = new Thread(p::destroyForcibly, "reencrypt-job-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      if (!p.waitFor(s.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new HarnessFailure("the job (" + name + ") did not finish within " + s.timeout() + "; logs: " + stdout
            + ", " + stderr);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new HarnessFailure("interrupted while the job ran", e);
    } finally {
      Runtime.getRuntime().removeShutdownHook(stop);
    }
    long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return read(p.exitValue(), stdout, stderr, heapReport, wall);
  }

  private static Map<String, String> environment(Setup s) {
    // A developer's colseal settings must not change what the job does.
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("COLSEAL_") || k.startsWith("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
    env.put("COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", s.keystorePassword());
    if (!s.password().isEmpty()) {
      env.put("COLSEAL_JDBC_PASSWORD", s.password());
    }
    return env;
  }

  private static Outcome read(int status, Path stdout, Path stderr, Path heapReport, long wall) throws HarnessFailure {
    JsonObject summary = null;
    long batches = 0;
    long progress = 0;
    try {
      for (String line : Files.readAllLines(stdout, UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject event;
        try {
          event = JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException notALine) {
          // Not one of the job's JSON lines (an error document spans several): the exit status says more.
          continue;
        }
        switch (event.has("event") ? event.get("event").getAsString() : "") {
          case "batch" -> batches++;
          case "progress" -> progress++;
          case "summary" -> summary = event;
          default -> { }
        }
      }
    } catch (IOException e) {
      throw new HarnessFailure("cannot read the job's output " + stdout + ": " + e.getMessage() + tail(stderr), e);
    }
    if (summary == null) {
      throw new HarnessFailure("the job exited with status " + status + " without a summary; logs: " + stdout + ", "
          + stderr + tail(stderr));
    }
    HeapReport heap = heap(heapReport);
    if (heap == null) {
      throw new HarnessFailure("the job's JVM wrote no heap report to " + heapReport + tail(stderr));
    }
    return new Outcome(status, summary, batches, progress, wall, heap, stdout);
  }

  private static @Nullable HeapReport heap(Path file) {
    try {
      return new Gson().fromJson(Files.readString(file, UTF_8), HeapReport.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String tail(Path stderr) {
    try {
      String text = Files.readString(stderr, UTF_8).strip();
      return text.isEmpty() ? "" : "\n--- end of " + stderr.getFileName() + " ---\n"
          + (text.length() > 3000 ? "..." + text.substring(text.length() - 3000) : text);
    } catch (IOException e) {
      return "";
    }
  }
}
