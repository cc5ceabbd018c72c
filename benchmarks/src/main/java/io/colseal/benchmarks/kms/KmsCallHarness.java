package io.colseal.benchmarks.kms;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.colseal.benchmarks.kms.HarnessDatabase.KeyRow;
import io.colseal.benchmarks.kms.HarnessOptions.Scenario;
import io.colseal.benchmarks.kms.HarnessResult.ScenarioResult;
import io.colseal.benchmarks.kms.Targets.ProcessRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * How many KMS calls colseal costs: application processes (child JVMs running {@link
 * KmsCallWorkload}) write and read rows in several encrypted tables on PostgreSQL, with the {@code
 * aws-kms} provider on a KMS protocol server, and every KMS call they make is counted. The target:
 * one {@code GenerateDataKey} per table key, one {@code Decrypt} per table key per process, none per
 * row.
 *
 * <p>Each scenario gets a fresh schema (dropped at its end) with empty tables:
 *
 * <ul>
 *   <li><b>staggered start</b>: process 1 starts, creates the key table (colseal migrates it) and
 *       the table keys, and writes its share of the rows; once it has said its keys exist, the other
 *       processes start and write theirs; then every process reads all rows back and checks them.
 *       Fails on more than one GenerateDataKey per table.
 *   <li><b>cold concurrent start</b>: the key table exists, empty (created with colseal's
 *       migrations as an application's own Flyway would; the processes only validate it). Every
 *       process is released at the same moment, then writes and reads as above. Processes that find
 *       no key each generate one and the key table keeps one; the extra calls are reported, not
 *       failed, up to one per table per process.
 *   <li><b>cold concurrent first start</b>: as the cold start, but with no key table: each
 *       process's colseal migrates it, which colseal's migration lock serialises.
 * </ul>
 *
 * <p>The KMS server is {@code --kms-endpoint}, else {@code COLSEAL_TEST_KMS_ENDPOINT}, else a
 * {@code moto_server} the harness starts on a free loopback port and stops at the end. Prints a
 * Markdown report (or, with {@code --json}, JSON on standard output and the report on standard
 * error) and exits 0 if every target was met, 1 if not, 2 if it could not run.
 *
 * <p>Run the full case: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar io.colseal.benchmarks.kms.KmsCallHarness}; {@code --help} lists
 * the options.
 */
public final class KmsCallHarness {
  /** JVM options of the application processes: a fixed, modest heap for two of them on a small machine. */
  private static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

  private final HarnessOptions options;
  private final PrintStream progress;

  private KmsCallHarness(HarnessOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * Runs the harness with command-line {@code args} (without {@code --json}) and returns its
   * Markdown report, whether or not the targets were met; progress goes to standard error. For
   * callers such as a benchmark suite that collect reports.
   *
   * @throws IllegalStateException if the options are bad or the harness could not run
   */
  public static String markdown(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = run(args, new PrintStream(out, true, UTF_8), System.err, System.getenv());
    if (status == 2) {
      throw new IllegalStateException("the KMS call harness could not run; its standard error says why");
    }
    return out.toString(UTF_8);
  }

  /**
   * Runs the harness as the command line would, writing the report to {@code out} (and progress to
   * {@code err}); returns the exit status.
   */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    HarnessOptions options;
    try {
      options = HarnessOptions.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(HarnessOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(HarnessOptions.USAGE);
      return 0;
    }
    HarnessResult result;
    try {
      result = new KmsCallHarness(options, err).runAll();
    } catch (HarnessException | IOException e) {
      err.println("The harness could not run: " + e.getMessage());
      return 2;
    }
    String markdown = MarkdownReport.render(result);
    if (options.json()) {
      err.print(markdown);
      out.println(result.toJson());
    } else {
      out.print(markdown);
    }
    return result.passed() ? 0 : 1;
  }

  private HarnessResult runAll() throws HarnessException, IOException {
    long start = System.nanoTime();
    Path logDir = options.logDir() == null
        ? Files.createTempDirectory("colseal-kms-harness-")
        : Files.createDirectories(options.logDir());
    progress.println("Process logs: " + logDir);
    List<ScenarioResult> scenarios = new ArrayList<>();
    String endpointDescription;
    try (Endpoint endpoint = Endpoint.open(options.kmsEndpoint(), logDir);
        HarnessKms.Kek kek = HarnessKms.Kek.create(endpoint.uri())) {
      endpointDescription = endpoint.description();
      progress.println("KMS: " + endpointDescription + ", KEK " + kek.alias() + " (" + kek.keyArn() + ")");
      for (Scenario scenario : options.scenarios()) {
        scenarios.add(runScenario(scenario, endpoint.uri(), kek, logDir));
      }
    }
    boolean passed = scenarios.stream().allMatch(ScenarioResult::passed);
    String ttl = options.keyCacheTtl() == null ? "colseal's default (PT5M)" : options.keyCacheTtl().toString();
    return new HarnessResult(options.tables(), options.rows(), options.processes(),
        options.maskedJdbcUrl() + " (user " + options.user() + ")", endpointDescription, ttl, machine(),
        millisSince(start), passed, scenarios);
  }

  private ScenarioResult runScenario(Scenario scenario, URI endpoint, HarnessKms.Kek kek, Path logDir)
      throws HarnessException {
    progress.println(scenario.title() + ": " + options.processes() + " processes, " + options.tables() + " tables, "
        + options.rows() + " rows");
    try (HarnessDatabase db = HarnessDatabase.create(options, scenario, HarnessTables.first(options.tables()))) {
      long start = System.nanoTime();
      long deadline = start + options.timeout().toNanos();
      List<ChildJvm> children = new ArrayList<>();
      List<ProcessRun> runs = new ArrayList<>();
      try {
        Map<String, String> environment = childEnvironment(db, endpoint, kek);
        if (scenario.staggered()) {
          startStaggered(scenario, environment, logDir, children, deadline);
        } else {
          startTogether(scenario, environment, logDir, children, deadline);
        }
        for (ChildJvm c : children) {
          c.await(KmsCallWorkload.WROTE, deadline);
        }
        progress.println("  every process has written its rows; each reads all of them back");
        for (ChildJvm c : children) {
          c.send(KmsCallWorkload.READ);
        }
        for (ChildJvm c : children) {
          ProcessReport report = parse(c, c.await(KmsCallWorkload.RESULT, deadline));
          c.awaitExit(deadline);
          runs.add(new ProcessRun(report, c.elapsedMillis()));
        }
      } finally {
        children.forEach(ChildJvm::close);
      }
      long elapsed = millisSince(start);
      List<KeyRow> keys = db.keys();
      progress.println("  done in " + TimeUnit.MILLISECONDS.toSeconds(elapsed) + " s");
      return Targets.evaluate(scenario, options, runs, keys, elapsed);
    }
  }

  /** Process 1 boots alone; once its table keys exist it writes while the others start, boot and write. */
  private void startStaggered(Scenario scenario, Map<String, String> environment, Path logDir,
      List<ChildJvm> children, long deadline) throws HarnessException {
    ChildJvm first = launch(1, scenario, environment, logDir, children);
    first.await(KmsCallWorkload.READY, deadline);
    first.send(KmsCallWorkload.BOOT);
    first.await(KmsCallWorkload.BOOTED, deadline);
    progress.println("  process 1 has its table keys; it writes, and the others start");
    first.send(KmsCallWorkload.WRITE);
    List<ChildJvm> others = new ArrayList<>();
    for (int n = 2; n <= options.processes(); n++) {
      others.add(launch(n, scenario, environment, logDir, children));
    }
    bootAndWrite(others, deadline);
  }

  /** Every process starts; once all are up they are released at the same moment on the empty key table. */
  private void startTogether(Scenario scenario, Map<String, String> environment, Path logDir,
      List<ChildJvm> children, long deadline) throws HarnessException {
    List<ChildJvm> all = new ArrayList<>();
    for (int n = 1; n <= options.processes(); n++) {
      all.add(launch(n, scenario, environment, logDir, children));
    }
    bootAndWrite(all, deadline);
  }

  /** Waits until every one of {@code children} is up, releases them all at once, then lets them write. */
  private static void bootAndWrite(List<ChildJvm> children, long deadline) throws HarnessException {
    for (ChildJvm c : children) {
      c.await(KmsCallWorkload.READY, deadline);
    }
    for (ChildJvm c : children) {
      c.send(KmsCallWorkload.BOOT);
    }
    for (ChildJvm c : children) {
      c.await(KmsCallWorkload.BOOTED, deadline);
    }
    for (ChildJvm c : children) {
      c.send(KmsCallWorkload.WRITE);
    }
  }

  private ChildJvm launch(int number, Scenario scenario, Map<String, String> environment, Path logDir,
      List<ChildJvm> children) throws HarnessException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(CHILD_JVM_OPTIONS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KmsCallWorkload.class.getName());
    command.addAll(List.of("--process", Integer.toString(number), "--processes", Integer.toString(options.processes()),
        "--tables", Integer.toString(options.tables()), "--rows", Long.toString(options.rows()),
        "--key-table", scenario.keyTableBeforehand() ? "validate" : "migrate"));
    if (options.keyCacheTtl() != null) {
      command.addAll(List.of("--key-cache-ttl", options.keyCacheTtl().toString()));
    }
    try {
      ChildJvm child = ChildJvm.start(number, command, environment, logDir, scenario.id() + "-process-" + number);
      children.add(child);
      return child;
    } catch (IOException e) {
      throw new HarnessException("cannot start process " + number + ": " + e.getMessage(), e);
    }
  }

  /**
   * The parent's environment without any AWS or colseal setting (a developer's shell must not
   * change what the processes do), plus what the processes need.
   */
  private Map<String, String> childEnvironment(HarnessDatabase db, URI endpoint, HarnessKms.Kek kek) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("COLSEAL_"));
    // No instance metadata service is ours to ask; only loopback addresses are.
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put(KmsCallWorkload.ENV_JDBC_URL, db.processUrl());
    env.put(KmsCallWorkload.ENV_JDBC_USER, options.user());
    env.put(KmsCallWorkload.ENV_JDBC_PASSWORD, options.password());
    env.put(KmsCallWorkload.ENV_KMS_ENDPOINT, endpoint.toString());
    env.put(KmsCallWorkload.ENV_KEK_ID, kek.alias());
    return env;
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vm.name") + "); application processes run with "
        + String.join(" ", CHILD_JVM_OPTIONS);
  }

  private static ProcessReport parse(ChildJvm child, String json) throws HarnessException {
    try {
      return new Gson().fromJson(json, ProcessReport.class);
    } catch (JsonParseException e) {
      throw new HarnessException("process " + child.number() + " sent an unreadable result: " + e.getMessage(), e);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** The KMS endpoint of the run: given, or a moto_server of the harness. */
  private record Endpoint(URI uri, @Nullable MotoServer moto, String description) implements AutoCloseable {
    static Endpoint open(@Nullable URI configured, Path logDir) throws HarnessException {
      if (configured != null) {
        return new Endpoint(configured, null, configured + " (given)");
      }
      if (MotoServer.find().isEmpty()) {
        throw new HarnessException("no KMS endpoint: pass --kms-endpoint, set " + HarnessOptions.ENDPOINT_VARIABLE
            + " or put " + MotoServer.EXECUTABLE + " on the PATH");
      }
      try {
        MotoServer moto = MotoServer.start(logDir);
        return new Endpoint(moto.uri(), moto, MotoServer.EXECUTABLE + " at " + moto.uri() + " (started by the harness)");
      } catch (IOException e) {
        throw new HarnessException("cannot start " + MotoServer.EXECUTABLE + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      if (moto != null) {
        moto.close();
      }
    }
  }
}
