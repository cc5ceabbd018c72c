package io.colseal.benchmarks.reencrypt;

import io.colseal.config.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The re-encryption harness's command line. Defaults make the full run: 1,000,000 rows, batches of
 * 500, the job with 1 and then 2 workers in a child JVM with {@code -Xmx256m}, PostgreSQL on {@code
 * 127.0.0.1:5432/test} as {@code postgres}. A bad value fails with a message naming the option; it
 * is never replaced by a default.
 *
 * @param jdbcUrl {@code --jdbc-url}, else {@code COLSEAL_BENCH_POSTGRES_URL}, else the default
 * @param password from {@code COLSEAL_HARNESS_JDBC_PASSWORD}, never the command line
 * @param logDir {@code --log-dir}; null: a new temporary directory
 * @param docs {@code --docs}: the Markdown file whose re-encryption section the report replaces
 */
record ReencryptOptions(
    long rows,
    int batchSize,
    String jdbcUrl,
    String user,
    String password,
    String childHeap,
    @Nullable Path logDir,
    @Nullable Path docs,
    Duration timeout,
    boolean json,
    boolean help) {

  static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String URL_VARIABLE = "COLSEAL_BENCH_POSTGRES_URL";
  static final String PASSWORD_VARIABLE = "COLSEAL_HARNESS_JDBC_PASSWORD";

  static final String USAGE =
      """
      Usage: java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.reencrypt.ReencryptHarness [options]

        --rows N          rows of bench_accounts (default 1000000)
        --batch-size N    rows per batch, baseline and job alike (default 500)
        --jdbc-url URL    PostgreSQL server; the harness works in a fresh schema that it drops
                          (default COLSEAL_BENCH_POSTGRES_URL, else jdbc:postgresql://127.0.0.1:5432/test)
        --user NAME       database user (default postgres); password: COLSEAL_HARNESS_JDBC_PASSWORD
        --child-heap SIZE -Xmx of the job's JVM (default 256m)
        --log-dir DIR     where the job's output and logs go (default a new temporary directory)
        --docs FILE       also write the Markdown report into FILE between its re-encryption markers
        --timeout D       limit for each job run, ISO-8601 (default PT30M)
        --json            JSON on standard output; the Markdown report goes to standard error

      Exit status: 0 done (targets are reported, not enforced), 2 bad options or the harness could not run.
      """;

  static ReencryptOptions parse(String[] args, Map<String, String> env) {
    long rows = 1_000_000;
    int batchSize = 500;
    String fromEnv = env.get(URL_VARIABLE);
    String jdbcUrl = fromEnv == null || fromEnv.isBlank() ? DEFAULT_JDBC_URL : fromEnv.trim();
    String user = "postgres";
    String childHeap = "256m";
    Path logDir = null;
    Path docs = null;
    Duration timeout = Duration.ofMinutes(30);
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
            case "--rows" -> rows = number(option, value, 1, Integer.MAX_VALUE);
            case "--batch-size" -> batchSize = (int) number(option, value, 1, 10_000);
            case "--jdbc-url" -> jdbcUrl = value.trim();
            case "--user" -> user = value;
            case "--child-heap" -> childHeap = heap(value);
            case "--log-dir" -> logDir = Path.of(value);
            case "--docs" -> docs = Path.of(value);
            case "--timeout" -> timeout = duration(option, value);
            default -> throw new IllegalArgumentException("unknown option " + option);
          }
        }
      }
    }
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL JDBC URL, got " + Redaction.maskUrl(jdbcUrl));
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
    }
    return new ReencryptOptions(rows, batchSize, jdbcUrl, user, env.getOrDefault(PASSWORD_VARIABLE, ""), childHeap,
        logDir, docs, timeout, json, help);
  }

  private static long number(String option, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.trim().replace("_", ""));
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
      throw new IllegalArgumentException(option + " must be an ISO-8601 duration such as PT30M, got '" + value + "'");
    }
  }

  private static String heap(String value) {
    if (!value.trim().matches("[1-9][0-9]*[kKmMgG]")) {
      throw new IllegalArgumentException("--child-heap must be a JVM size such as 256m, got '" + value + "'");
    }
    return value.trim();
  }

  /** The JDBC URL without credentials, for reports. */
  String maskedJdbcUrl() {
    return Redaction.maskUrl(jdbcUrl);
  }

  @Override
  public String toString() {
    return "ReencryptOptions{rows=" + rows + ", batchSize=" + batchSize + ", jdbcUrl=" + maskedJdbcUrl() + ", user="
        + user + ", childHeap=" + childHeap + '}';
  }
}
