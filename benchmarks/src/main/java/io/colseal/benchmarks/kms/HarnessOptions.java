package io.colseal.benchmarks.kms;

import io.colseal.config.Redaction;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The harness's command line. Defaults make the full run: 10 tables, 100,000 rows, 2 processes,
 * PostgreSQL on {@code 127.0.0.1:5432/test} as {@code postgres}, every scenario. A bad value fails
 * with a message naming the option; it is never replaced by a default.
 *
 * @param kmsEndpoint {@code --kms-endpoint}, else {@code COLSEAL_TEST_KMS_ENDPOINT}; null: start moto_server
 * @param password from {@code COLSEAL_HARNESS_JDBC_PASSWORD}, never the command line
 * @param keyCacheTtl {@code --key-cache-ttl}; null: colseal's default
 * @param logDir {@code --log-dir}; null: a new temporary directory
 */
record HarnessOptions(
    int tables,
    long rows,
    int processes,
    String jdbcUrl,
    String user,
    String password,
    @Nullable URI kmsEndpoint,
    List<Scenario> scenarios,
    @Nullable Duration keyCacheTtl,
    @Nullable Path logDir,
    Duration timeout,
    boolean json,
    boolean help) {

  static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PASSWORD_VARIABLE = "COLSEAL_HARNESS_JDBC_PASSWORD";
  static final String ENDPOINT_VARIABLE = "COLSEAL_TEST_KMS_ENDPOINT";
  static final int MAX_PROCESSES = 8;

  static final String USAGE =
      """
      Usage: java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.kms.KmsCallHarness [options]

        --tables N           application tables, 1..10 (default 10)
        --rows N             rows in all, split between the processes (default 100000)
        --processes N        application processes, child JVMs, 1..8 (default 2)
        --jdbc-url URL       PostgreSQL server; the harness works in a fresh schema that it drops
                             (default jdbc:postgresql://127.0.0.1:5432/test)
        --user NAME          database user (default postgres); password: COLSEAL_HARNESS_JDBC_PASSWORD
        --kms-endpoint URL   KMS protocol server (default COLSEAL_TEST_KMS_ENDPOINT, else the
                             harness starts moto_server on a free loopback port)
        --scenario S         all (default), or some of staggered,cold,cold-first
        --key-cache-ttl D    colseal.keys.cache-ttl of the processes, ISO-8601 (default colseal's)
        --log-dir DIR        where process logs go (default a new temporary directory)
        --timeout D          limit for each scenario, ISO-8601 (default PT20M)
        --json               JSON on standard output; the Markdown report goes to standard error

      Exit status: 0 targets met, 1 a target missed, 2 bad options or the harness could not run.
      """;

  /** Which scenarios run. */
  enum Scenario {
    STAGGERED("staggered", "staggered-start",
        "Staggered start: process 1 creates the key table and the table keys, then the others start", true, false),
    COLD("cold", "cold-concurrent-start",
        "Cold concurrent start: every process starts at once on an empty key table (created beforehand by Flyway)",
        false, true),
    COLD_FIRST("cold-first", "cold-concurrent-first-start",
        "Cold concurrent first start: every process starts at once with no key table; each one's colseal migrates",
        false, false);

    private final String option;
    private final String id;
    private final String title;
    private final boolean staggered;
    private final boolean keyTableBeforehand;

    Scenario(String option, String id, String title, boolean staggered, boolean keyTableBeforehand) {
      this.option = option;
      this.id = id;
      this.title = title;
      this.staggered = staggered;
      this.keyTableBeforehand = keyTableBeforehand;
    }

    String id() {
      return id;
    }

    String title() {
      return title;
    }

    /** Whether process 1 makes the keys before the others start; if so, extra data keys fail the run. */
    boolean staggered() {
      return staggered;
    }

    /**
     * Whether the harness creates the key table first, as an application's own Flyway would, and the
     * processes only validate it; otherwise each process's colseal migrates it at start-up.
     */
    boolean keyTableBeforehand() {
      return keyTableBeforehand;
    }
  }

  static HarnessOptions parse(String[] args, Map<String, String> env) {
    int tables = HarnessTables.MAX;
    long rows = 100_000;
    int processes = 2;
    String jdbcUrl = DEFAULT_JDBC_URL;
    String user = "postgres";
    String endpoint = env.get(ENDPOINT_VARIABLE);
    List<Scenario> scenarios = List.of(Scenario.values());
    Duration keyCacheTtl = null;
    Path logDir = null;
    Duration timeout = Duration.ofMinutes(20);
    boolean json = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--json" -> json = true;
        case "--help", "-h" -> help = true;
        default -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
          }
          String value = args[++i];
          switch (option) {
            case "--tables" -> tables = (int) number(option, value, 1, HarnessTables.MAX);
            case "--rows" -> rows = number(option, value, 1, Integer.MAX_VALUE);
            case "--processes" -> processes = (int) number(option, value, 1, MAX_PROCESSES);
            case "--jdbc-url" -> jdbcUrl = value;
            case "--user" -> user = value;
            case "--kms-endpoint" -> endpoint = value;
            case "--scenario" -> scenarios = scenarios(value);
            case "--key-cache-ttl" -> keyCacheTtl = duration(option, value);
            case "--log-dir" -> logDir = Path.of(value);
            case "--timeout" -> timeout = duration(option, value);
            default -> throw new IllegalArgumentException("unknown option " + option);
          }
        }
      }
    }
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL URL (jdbc:postgresql:...), got '"
          + Redaction.maskUrl(jdbcUrl) + "'");
    }
    if (rows < (long) tables * processes) {
      throw new IllegalArgumentException("--rows must be at least tables x processes (" + (long) tables * processes
          + ") so that every process writes to every table, got " + rows);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
    }
    return new HarnessOptions(tables, rows, processes, jdbcUrl, user, env.getOrDefault(PASSWORD_VARIABLE, ""),
        endpoint == null || endpoint.isBlank() ? null : endpoint(endpoint.trim()), scenarios, keyCacheTtl, logDir,
        timeout, json, help);
  }

  private static long number(String option, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", got " + n);
    }
    return n;
  }

  private static Duration duration(String option, String value) {
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be an ISO-8601 duration such as PT5M, got '" + value + "'");
    }
  }

  private static List<Scenario> scenarios(String value) {
    if (value.trim().equals("all")) {
      return List.of(Scenario.values());
    }
    List<Scenario> out = new ArrayList<>();
    for (String name : value.split(",")) {
      Scenario s = Arrays.stream(Scenario.values()).filter(v -> v.option.equals(name.trim())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "--scenario must be all or a comma-separated list of staggered, cold, cold-first; got '" + value + "'"));
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  private static URI endpoint(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--kms-endpoint must be an http(s) URL, got '" + value + "'");
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("--kms-endpoint must be an http(s) URL with a host, got '" + value + "'");
    }
    return uri;
  }

  /** The JDBC URL without credentials, for reports. */
  String maskedJdbcUrl() {
    return Redaction.maskUrl(jdbcUrl);
  }

  @Override
  public String toString() {
    return "HarnessOptions{tables=" + tables + ", rows=" + rows + ", processes=" + processes + ", jdbcUrl="
        + maskedJdbcUrl() + ", user=" + user + ", kmsEndpoint=" + kmsEndpoint + ", scenarios=" + scenarios
        + ", keyCacheTtl=" + keyCacheTtl + '}';
  }
}
