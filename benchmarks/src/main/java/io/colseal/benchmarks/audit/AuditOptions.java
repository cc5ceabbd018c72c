package io.colseal.benchmarks.audit;

import io.colseal.config.Redaction;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The audit harness's command line. Defaults make the full run: 1,000,000 rows, 5 timed runs of
 * each measurement after one untimed warm-up, 200 PII samples per column, PostgreSQL on {@code
 * 127.0.0.1:5432/test} as {@code postgres}. A bad value fails with a message naming the option.
 *
 * @param password from {@code COLSEAL_HARNESS_JDBC_PASSWORD}, never the command line
 * @param docs {@code --docs}: the Markdown file whose audit section the report replaces
 * @param cliJar {@code --cli}: colseal.jar, to time {@code colseal audit} as an operator runs it
 *     (a new JVM each time); null to leave the CLI out
 */
record AuditOptions(long rows, int repeats, int piiSampleRows, String jdbcUrl, String user, String password,
    @Nullable Path docs, boolean json, boolean help, @Nullable Path cliJar) {

  static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String URL_VARIABLE = "COLSEAL_BENCH_POSTGRES_URL";
  static final String PASSWORD_VARIABLE = "COLSEAL_HARNESS_JDBC_PASSWORD";

  static final String USAGE =
      """
      Usage: java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.audit.AuditHarness [options]

        --rows N             rows of bench_audit (default 1000000)
        --repeats N          timed runs of each measurement, after one warm-up (default 5); the median is reported
        --pii-sample-rows N  values the report samples per unregistered character column (default 200)
        --jdbc-url URL       PostgreSQL server; the harness works in a fresh schema that it drops
                             (default COLSEAL_BENCH_POSTGRES_URL, else jdbc:postgresql://127.0.0.1:5432/test)
        --user NAME          database user (default postgres); password: COLSEAL_HARNESS_JDBC_PASSWORD
        --docs FILE          also write the Markdown report into FILE between its audit markers
        --cli JAR            also time the operator CLI (java -jar JAR ... audit), JVM start included
        --json               JSON on standard output; the Markdown report goes to standard error

      Exit status: 0 done and the report was right (the target is reported, not enforced),
      1 the report's counts were wrong, 2 bad options or the harness could not run.
      """;

  static AuditOptions parse(String[] args, Map<String, String> env) {
    long rows = 1_000_000;
    int repeats = 5;
    int pii = 200;
    String fromEnv = env.get(URL_VARIABLE);
    String jdbcUrl = fromEnv == null || fromEnv.isBlank() ? DEFAULT_JDBC_URL : fromEnv.trim();
    String user = "postgres";
    Path docs = null;
    Path cli = null;
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
            case "--rows" -> rows = number(option, value, 300, Integer.MAX_VALUE);
            case "--repeats" -> repeats = (int) number(option, value, 1, 100);
            case "--pii-sample-rows" -> pii = (int) number(option, value, 0, 100_000);
            case "--jdbc-url" -> jdbcUrl = value.trim();
            case "--user" -> user = value;
            case "--docs" -> docs = Path.of(value);
            case "--cli" -> cli = Path.of(value);
            default -> throw new IllegalArgumentException("unknown option " + option);
          }
        }
      }
    }
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL JDBC URL, got " + Redaction.maskUrl(jdbcUrl));
    }
    return new AuditOptions(rows, repeats, pii, jdbcUrl, user, env.getOrDefault(PASSWORD_VARIABLE, ""), docs, json, help, cli);
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

  String maskedJdbcUrl() {
    return Redaction.maskUrl(jdbcUrl);
  }

  @Override
  public String toString() {
    return "AuditOptions{rows=" + rows + ", repeats=" + repeats + ", jdbcUrl=" + maskedJdbcUrl() + ", user=" + user + '}';
  }
}
