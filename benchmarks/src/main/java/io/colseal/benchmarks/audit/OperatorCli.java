package io.colseal.benchmarks.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code colseal} as an operator runs it: {@code java -jar colseal.jar} in a new JVM, with the
 * settings in a {@code --config} file and the secrets in environment variables (never on the
 * command line). Each call checks the exit status and, for {@code audit}, that a JSON report was
 * written.
 */
final class OperatorCli {
  private final Path jar;
  private final Path dir;
  private final Path config;
  private final Map<String, String> secrets;
  private final String java;

  private OperatorCli(Path jar, Path dir, Path config, Map<String, String> secrets) {
    this.jar = jar;
    this.dir = dir;
    this.config = config;
    this.secrets = secrets;
    this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static OperatorCli create(Path jar, Path dir, Map<String, String> settings, Map<String, String> secrets)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " not found; build it with ./mvnw -pl migrations/cli -am package -DskipTests");
    }
    Properties p = new Properties();
    p.putAll(settings);
    Path config = dir.resolve("operator.properties");
    try (var out = Files.newBufferedWriter(config, UTF_8)) {
      p.store(out, "colseal audit harness");
    }
    return new OperatorCli(jar, dir, config, secrets);
  }

  String jvm() {
    return java;
  }

  /**
   * JVM options tried against the defaults for a short command: the client compiler alone and the
   * serial collector (they cut CPU time under load, but not wall time on a quiet machine, so {@code
   * bin/colseal} does not use them).
   */
  static final List<String> CLIENT_COMPILER = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** {@code colseal --version} as {@code bin/colseal} runs it: the JVM and the CLI starting, nothing else. */
  long version() throws IOException, InterruptedException {
    return run(List.of(), List.of("--version"));
  }

  /** {@code colseal --config … audit --format json --output …} as {@code bin/colseal} runs it. */
  long audit(int piiSampleRows) throws IOException, InterruptedException {
    return audit(List.of(), piiSampleRows);
  }

  /** The same with {@link #CLIENT_COMPILER}. */
  long auditClientCompiler(int piiSampleRows) throws IOException, InterruptedException {
    return audit(CLIENT_COMPILER, piiSampleRows);
  }

  /**
   * Runs the audit once with {@code -XX:ArchiveClassesAtExit}, writing an AppCDS archive of the
   * classes it loaded (JDK 13+), for {@link #auditWithArchive}. Untimed.
   */
  void trainArchive(int piiSampleRows) throws IOException, InterruptedException {
    Files.deleteIfExists(archive());
    audit(List.of("-XX:ArchiveClassesAtExit=" + archive()), piiSampleRows);
    if (!Files.isRegularFile(archive())) {
      throw new IOException("the JVM wrote no class-data archive to " + archive());
    }
  }

  /** The audit with the archive {@link #trainArchive} wrote: the same classes, mapped instead of parsed. */
  long auditWithArchive(int piiSampleRows) throws IOException, InterruptedException {
    return audit(List.of("-XX:SharedArchiveFile=" + archive()), piiSampleRows);
  }

  private Path archive() {
    return dir.resolve("colseal-audit.jsa");
  }

  /** Returns the report's size in bytes. */
  private long audit(List<String> jvmOptions, int piiSampleRows) throws IOException, InterruptedException {
    Path out = dir.resolve("audit.json");
    Files.deleteIfExists(out);
    run(jvmOptions, List.of("--config", config.toString(), "audit", "--format", "json", "--pii-sample-rows",
        Integer.toString(piiSampleRows), "--output", out.toString()));
    String json = Files.readString(out, UTF_8);
    if (!json.contains("\"contentSha256\"")) {
      throw new IOException("colseal audit wrote no report to " + out);
    }
    return json.length();
  }

  private long run(List<String> jvmOptions, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    // For profiling a run, e.g. -XX:StartFlightRecording=filename=cli.jfr; empty when measuring.
    String extra = System.getenv("COLSEAL_HARNESS_CLI_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("cli.log").toFile());
    pb.environment().putAll(secrets);
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("colseal " + args + " did not finish in 10 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IOException("colseal " + args.get(args.size() > 2 ? 2 : 0) + " exited " + p.exitValue() + ": "
          + Files.readString(dir.resolve("cli.log"), UTF_8).strip());
    }
    return p.exitValue();
  }
}
