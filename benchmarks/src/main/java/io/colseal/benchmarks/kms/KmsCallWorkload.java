package io.colseal.benchmarks.kms;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.colseal.ColsealSettings;
import io.colseal.benchmarks.kms.HarnessTables.HarnessTable;
import io.colseal.hibernate.ColsealHibernate;
import io.colseal.keys.KeyRingStats;
import io.colseal.kms.aws.AwsKmsProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * One application process of the harness, run as a child JVM by {@link KmsCallHarness}: Hibernate
 * (native bootstrap, HikariCP, JDBC batching) with colseal on the {@code aws-kms} provider, whose
 * {@code KmsClient} counts every call it makes ({@link KmsCallCounter}).
 *
 * <p>It follows the harness's commands, one per line on standard input, and answers each with a
 * line on standard output that starts with {@value #PREFIX}:
 *
 * <pre>
 * (start)  -&gt; ready                       JVM up, pool and KMS client built
 * boot     -&gt; booted                      SessionFactory built: colseal started, table keys ready
 * write    -&gt; wrote 50000                 its share of the rows inserted
 * read     -&gt; result {"process":1,...}    every row read back and checked; then it exits
 * </pre>
 *
 * <p>Process {@code k} of {@code n} writes rows {@code (k-1)*rows/n+1 .. k*rows/n}. Settings come
 * from its arguments, {@code --process k --processes n --tables t --rows r --key-table
 * migrate|validate [--key-cache-ttl D]} (the last two are colseal settings), and, for what must not
 * show in a process list, from the environment: {@code COLSEAL_HARNESS_JDBC_URL}, {@code
 * _JDBC_USER}, {@code _JDBC_PASSWORD}, {@code _KMS_ENDPOINT} and {@code _KEK_ID}.
 */
public final class KmsCallWorkload {
  static final String PREFIX = "colseal-harness";
  static final String READY = "ready";
  static final String BOOT = "boot";
  static final String BOOTED = "booted";
  static final String WRITE = "write";
  static final String WROTE = "wrote";
  static final String READ = "read";
  static final String RESULT = "result";

  static final String ENV_JDBC_URL = "COLSEAL_HARNESS_JDBC_URL";
  static final String ENV_JDBC_USER = "COLSEAL_HARNESS_JDBC_USER";
  static final String ENV_JDBC_PASSWORD = "COLSEAL_HARNESS_JDBC_PASSWORD";
  static final String ENV_KMS_ENDPOINT = "COLSEAL_HARNESS_KMS_ENDPOINT";
  static final String ENV_KEK_ID = "COLSEAL_HARNESS_KEK_ID";

  /** Rows per transaction. */
  static final int TRANSACTION_ROWS = 1_000;
  /** {@code hibernate.jdbc.batch_size}: with ordered inserts, one batch per table per transaction at 10 tables. */
  static final int JDBC_BATCH_SIZE = 100;
  /** Rows per page when reading back (keyset pagination on the id). */
  static final int PAGE_ROWS = 1_000;
  private static final int POOL_SIZE = 4;

  private final int process;
  private final int processes;
  private final List<HarnessTable> tables;
  private final long rows;
  private final String keyTable;
  private final @Nullable String keyCacheTtl;

  private KmsCallWorkload(Map<String, String> args) {
    process = Integer.parseInt(required(args, "--process"));
    processes = Integer.parseInt(required(args, "--processes"));
    tables = HarnessTables.first(Integer.parseInt(required(args, "--tables")));
    rows = Long.parseLong(required(args, "--rows"));
    keyTable = required(args, "--key-table");
    keyCacheTtl = args.get("--key-cache-ttl");
  }

  public static void main(String[] args) throws IOException {
    KmsCallWorkload workload = new KmsCallWorkload(pairs(args));
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, UTF_8));
    PrintStream out = new PrintStream(System.out, true, UTF_8);
    workload.run(commands, out);
  }

  private void run(BufferedReader commands, PrintStream out) throws IOException {
    KmsCallCounter counter = new KmsCallCounter();
    URI endpoint = URI.create(env(ENV_KMS_ENDPOINT));
    try (KmsClient client = HarnessKms.client(endpoint, counter); HikariDataSource dataSource = dataSource()) {
      announce(out, READY);
      await(commands, BOOT);
      long t0 = System.nanoTime();
      ProcessReport report;
      try (SessionFactory sf = sessionFactory(dataSource, AwsKmsProvider.using(client, env(ENV_KEK_ID)))) {
        long bootMillis = millisSince(t0);
        announce(out, BOOTED);

        await(commands, WRITE);
        long t1 = System.nanoTime();
        long written = write(sf);
        long writeMillis = millisSince(t1);
        announce(out, WROTE + " " + written);

        await(commands, READ);
        long t2 = System.nanoTime();
        ReadBack.Result read = ReadBack.readAll(sf, tables, rows, PAGE_ROWS);
        long readMillis = millisSince(t2);

        KeyRingStats stats = ColsealHibernate.colseal(sf).keyRing().stats();
        report = new ProcessReport(process, ProcessHandle.current().pid(), counter.apiCalls(), counter.httpRequests(),
            written, read.rowsRead(), read.rowsMismatched(), stats.encryptions(), stats.decryptions(),
            stats.kmsGenerateCalls(), stats.kmsUnwrapCalls(), bootMillis, writeMillis, readMillis,
            ManagementFactory.getRuntimeMXBean().getUptime());
      }
      announce(out, RESULT + " " + new Gson().toJson(report));
    }
  }

  private HikariDataSource dataSource() {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(env(ENV_JDBC_URL));
    pool.setUsername(env(ENV_JDBC_USER));
    pool.setPassword(System.getenv().getOrDefault(ENV_JDBC_PASSWORD, ""));
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setPoolName("harness-process-" + process);
    // PgJDBC sends a batch of inserts as multi-row INSERTs; what a tuned application would do.
    pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(pool);
  }

  private SessionFactory sessionFactory(DataSource dataSource, AwsKmsProvider kms) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    // The harness created the tables; Hibernate checks that the mapping matches them.
    settings.put(AvailableSettings.HBM2DDL_AUTO, "validate");
    settings.put(AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString(JDBC_BATCH_SIZE));
    settings.put(AvailableSettings.ORDER_INSERTS, "true");
    settings.put(ColsealSettings.KMS_PROVIDER.name(), kms);
    settings.put(ColsealSettings.SCHEMA_MANAGEMENT.name(), keyTable);
    if (keyCacheTtl != null) {
      settings.put(ColsealSettings.KEY_CACHE_TTL.name(), keyCacheTtl);
    }
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
    try {
      MetadataSources sources = new MetadataSources(registry);
      tables.forEach(t -> sources.addAnnotatedClass(t.type()));
      return sources.buildMetadata().buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  /** Inserts this process's rows, {@value #TRANSACTION_ROWS} per transaction, spread over all tables. */
  private long write(SessionFactory sf) {
    long first = (process - 1) * rows / processes + 1;
    long last = process * rows / processes;
    for (long from = first; from <= last; from += TRANSACTION_ROWS) {
      long start = from;
      long end = Math.min(last, from + TRANSACTION_ROWS - 1);
      sf.inTransaction(session -> {
        for (long id = start; id <= end; id++) {
          session.persist(tables.get(HarnessTables.indexOf(id, tables.size())).newRow(id));
        }
      });
    }
    return last - first + 1;
  }

  private static void announce(PrintStream out, String line) {
    out.println(PREFIX + " " + line);
  }

  private static void await(BufferedReader commands, String expected) throws IOException {
    String line = commands.readLine();
    if (line == null) {
      throw new IOException("the harness closed standard input while this process waited for '" + expected + "'");
    }
    if (!line.trim().equals(expected)) {
      throw new IOException("expected the command '" + expected + "', got '" + line + "'");
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(name + " is not set; this process is started by " + KmsCallHarness.class.getName());
    }
    return v;
  }

  private static Map<String, String> pairs(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      out.put(args[i], args[i + 1]);
    }
    return out;
  }

  private static String required(Map<String, String> args, String name) {
    String v = args.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return v;
  }
}
