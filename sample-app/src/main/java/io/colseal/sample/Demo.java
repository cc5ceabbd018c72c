package io.colseal.sample;

import com.zaxxer.hikari.HikariDataSource;
import io.colseal.Colseal;
import io.colseal.ColsealSettings;
import io.colseal.EncryptedColumn;
import io.colseal.config.Redaction;
import io.colseal.exception.ColsealException;
import io.colseal.hibernate.ColsealHibernate;
import io.colseal.keys.KeyRingStats;
import io.colseal.sample.ReadBack.Verification;
import io.colseal.sample.Samples.CustomerSample;
import io.colseal.sample.StoredValues.EnvelopeCheck;
import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.data.SampleData;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * The demo: writes customers, each with a payment card and a bank account, through Hibernate with
 * colseal; reads everything back and compares it with what was written; reads the stored form
 * with plain JDBC; and prints a report. Once colseal has started (and so accepted its KEK and
 * data keys), each run empties the application tables, so counts are the same every time; it keeps
 * the keystore and the key table, so the second run unwraps the data keys the first run created.
 *
 * <pre>
 * java -cp ... io.colseal.sample.Demo [customers]
 * </pre>
 *
 * <p>Exit status: 0 when every value read back as written and is stored as an envelope; 1 when not;
 * a colseal {@link io.colseal.exception.ErrorCode} exit code when colseal refused to start or to decrypt; 2
 * for other failures; 64 for bad arguments or settings. See {@link DemoSettings} for the settings.
 */
public final class Demo {
  static final int EXIT_OK = 0;
  static final int EXIT_MISMATCH = 1;
  static final int EXIT_FAILED = 2;
  static final int EXIT_USAGE = 64;
  private static final int SAMPLE_CUSTOMERS = 3;
  private static final int READ_PAGE_SIZE = 500;

  private Demo() {}

  public static void main(String[] args) {
    // Korean names must not turn into '?' on a console whose default charset is ASCII.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs with command-line {@code args}, prints the report to {@code out}; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    DemoSettings settings;
    try {
      settings = DemoSettings.resolve(parseArgs(args));
    } catch (IllegalArgumentException e) {
      err.println("colseal sample: " + e.getMessage());
      err.println("usage: Demo [customers]   (settings: see sample-app/README.md)");
      return EXIT_USAGE;
    }
    try {
      DemoResult result = run(settings, Clock.systemUTC());
      Report.print(result, out);
      return result.ok() ? EXIT_OK : EXIT_MISMATCH;
    } catch (Exception e) {
      ColsealException colseal = colsealCause(e);
      err.println("colseal sample FAILED: " + describe(e));
      if (colseal != null) {
        return colseal.code().exitCode();
      }
      return EXIT_FAILED;
    }
  }

  static Map<String, String> parseArgs(String[] args) {
    Map<String, String> given = new HashMap<>();
    if (args.length > 1) {
      throw new IllegalArgumentException("expected at most one argument, the number of customers");
    }
    if (args.length == 1) {
      given.put(DemoSettings.CUSTOMERS, args[0]);
    }
    return given;
  }

  /**
   * One complete run against the database and KEK that {@code settings} name.
   *
   * @param clock the date the sample data is relative to, and the time rows are created
   */
  static DemoResult run(DemoSettings settings, Clock clock) throws SQLException, IOException {
    long start = System.nanoTime();
    if (settings.kmsProvider().equals(DemoSettings.LOCAL_PROVIDER) || settings.jdbcUrl().startsWith("jdbc:h2:file:")) {
      Files.createDirectories(settings.dataDir());
    }
    try (HikariDataSource dataSource = SampleDatabase.open(settings)) {
      String database = product(dataSource);
      MigrateResult migration = SampleDatabase.migrate(dataSource, SampleDatabase.vendor(dataSource));
      // colseal checks its KEK and data keys here; only then is the old demo data deleted.
      try (SessionFactory sessionFactory = SamplePersistence.start(dataSource, settings)) {
        SampleDatabase.clear(dataSource);
        return exercise(settings, clock, dataSource, sessionFactory, database, migration, start);
      }
    }
  }

  /** Writes, reads back, checks the stored form and takes samples; {@code start} is when the run began. */
  private static DemoResult exercise(DemoSettings settings, Clock clock, DataSource dataSource,
      SessionFactory sessionFactory, String database, MigrateResult migration, long start) throws SQLException {
    Colseal colseal = ColsealHibernate.colseal(sessionFactory);
    long started = System.nanoTime();
    List<CustomerProfile> written =
        new SampleData(SampleData.DEFAULT_SEED, LocalDate.now(clock)).customers(settings.customers());
    long statementsBefore = sessionFactory.getStatistics().getPrepareStatementCount();
    long rows = CustomerWriter.write(sessionFactory, written, settings.batchSize(),
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    long statements = sessionFactory.getStatistics().getPrepareStatementCount() - statementsBefore;
    long wrote = System.nanoTime();

    Verification verification = ReadBack.verify(sessionFactory, written, READ_PAGE_SIZE);
    KeyRingStats keyStats = colseal.keyRing().stats(); // before the samples add their decryptions
    long verified = System.nanoTime();

    List<EncryptedColumn> inventory = ColsealHibernate.inventory(sessionFactory);
    EnvelopeCheck envelopes = StoredValues.checkEnvelopes(dataSource, inventory);
    long checked = System.nanoTime();

    Set<String> encrypted = new LinkedHashSet<>();
    inventory.forEach(c -> encrypted.add(c.table() + '.' + c.column()));
    List<CustomerSample> samples = new ArrayList<>();
    for (CustomerProfile p : pickSamples(written)) {
      samples.add(Samples.of(sessionFactory, dataSource, p.memberNumber(), encrypted));
    }
    String kek = settings.kmsProvider() + " KEK "
        + colseal.config().find(ColsealSettings.KEK_ID).orElse("(provider default)");
    DemoResult.Timings timings = new DemoResult.Timings(Duration.ofNanos(started - start),
        Duration.ofNanos(wrote - started), Duration.ofNanos(verified - wrote), Duration.ofNanos(checked - verified),
        Duration.ofNanos(System.nanoTime() - start));
    return new DemoResult(settings, database, schemaVersion(migration), migration.migrationsExecuted,
        List.copyOf(written), rows, statements, verification, envelopes, List.copyOf(samples), keyStats,
        colseal.keyRing().versions(), kek, timings);
  }

  private static String schemaVersion(MigrateResult migration) {
    if (migration.targetSchemaVersion != null) {
      return migration.targetSchemaVersion;
    }
    return migration.initialSchemaVersion != null ? migration.initialSchemaVersion : "none";
  }

  /** The first, middle and last customer. */
  static List<CustomerProfile> pickSamples(List<CustomerProfile> profiles) {
    Set<Integer> indexes = new LinkedHashSet<>(List.of(0, profiles.size() / 2, profiles.size() - 1));
    List<CustomerProfile> out = new ArrayList<>();
    for (int i : indexes) {
      if (i >= 0 && i < profiles.size() && out.size() < SAMPLE_CUSTOMERS) {
        out.add(profiles.get(i));
      }
    }
    return out;
  }

  private static String product(HikariDataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
    }
  }

  private static @Nullable ColsealException colsealCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ColsealException c) {
        return c;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The chain of messages, with credentials in URLs masked. */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 8; t = t.getCause(), depth++) {
      if (depth > 0) {
        sb.append(System.lineSeparator()).append("  caused by ");
      }
      sb.append(t.getClass().getSimpleName()).append(": ").append(Redaction.maskUrl(String.valueOf(t.getMessage())));
      if (t.getCause() == t) {
        break;
      }
    }
    return sb.toString();
  }
}
