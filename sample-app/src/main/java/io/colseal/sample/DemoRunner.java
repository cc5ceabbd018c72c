package io.colseal.sample;

import io.colseal.Colseal;
import io.colseal.ColsealSettings;
import io.colseal.EncryptedColumn;
import io.colseal.hibernate.ColsealHibernate;
import io.colseal.keys.KeyRingStats;
import io.colseal.sample.ReadBack.Verification;
import io.colseal.sample.Samples.CustomerSample;
import io.colseal.sample.StoredValues.EnvelopeCheck;
import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.data.SampleData;
import jakarta.persistence.EntityManagerFactory;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * The demo, run once the application has started (so colseal has accepted its KEK and data keys):
 * empties the application tables, so counts are the same every run; writes customers with a card
 * (JPA) and a bank account (JdbcTemplate); reads everything back through JPA and the payout export
 * through JdbcTemplate and compares it with what was written; finds sample customers by email
 * (deterministic) and by phone (blind index); reads the stored form with plain JDBC; prints the
 * report. The keystore and the key table stay, so a second run unwraps the keys the first created.
 *
 * <p>Active with the {@code demo} profile only; {@link Demo} adds it.
 */
@Component
@Profile(Demo.PROFILE)
class DemoRunner implements ApplicationRunner, ExitCodeGenerator, ApplicationListener<ApplicationStartedEvent> {
  private static final int SAMPLE_CUSTOMERS = 3;
  private static final int READ_PAGE_SIZE = 500;

  private final DemoProperties properties;
  private final ConfigurableEnvironment environment;
  /** Spring's EntityManagerFactory proxy unwrapped to Hibernate's own, which colseal's lookups need. */
  private final SessionFactoryImplementor sessionFactory;
  private final DataSource dataSource;
  private final Colseal colseal;
  private final CustomerWriter writer;
  private final JdbcBankAccounts jdbcAccounts;
  private final Lookups lookups;
  private final RecordingMigrationStrategy migration;
  private final Clock clock = Clock.systemUTC();
  private Duration startup = Duration.ZERO;
  private @Nullable DemoResult result;

  DemoRunner(DemoProperties properties, ConfigurableEnvironment environment, EntityManagerFactory entityManagerFactory,
      DataSource dataSource, Colseal colseal, CustomerWriter writer, JdbcBankAccounts jdbcAccounts, Lookups lookups,
      RecordingMigrationStrategy migration) {
    this.properties = properties;
    this.environment = environment;
    this.sessionFactory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
    this.dataSource = dataSource;
    this.colseal = colseal;
    this.writer = writer;
    this.jdbcAccounts = jdbcAccounts;
    this.lookups = lookups;
    this.migration = migration;
  }

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    if (event.getTimeTaken() != null) {
      startup = event.getTimeTaken();
    }
  }

  @Override
  public void run(ApplicationArguments args) throws SQLException {
    SampleTables.clear(dataSource);
    DemoResult r = exercise();
    result = r;
    Report.print(r, new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
  }

  /** What the run found; available once the application has started. */
  DemoResult result() {
    if (result == null) {
      throw new IllegalStateException("the demo has not run");
    }
    return result;
  }

  @Override
  public int getExitCode() {
    return result != null && result.ok() ? Demo.EXIT_OK : Demo.EXIT_MISMATCH;
  }

  private DemoResult exercise() throws SQLException {
    long started = System.nanoTime();
    List<CustomerProfile> written =
        new SampleData(SampleData.DEFAULT_SEED, LocalDate.now(clock)).customers(properties.customers());
    long statementsBefore = sessionFactory.getStatistics().getPrepareStatementCount();
    long rows = writer.write(written, properties.batchSize(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    long statements = sessionFactory.getStatistics().getPrepareStatementCount() - statementsBefore;
    long wrote = System.nanoTime();

    Verification verification = ReadBack.verify(sessionFactory, written, READ_PAGE_SIZE);
    JdbcBankAccounts.PayoutCheck payouts = jdbcAccounts.checkPayouts(written);
    KeyRingStats keyStats = colseal.keyRing().stats(); // before the samples add their decryptions
    long verified = System.nanoTime();

    List<EncryptedColumn> inventory = ColsealHibernate.inventory(sessionFactory);
    EnvelopeCheck envelopes = StoredValues.checkEnvelopes(dataSource, inventory);
    long checked = System.nanoTime();

    Set<String> encrypted = new LinkedHashSet<>();
    inventory.forEach(c -> encrypted.add(c.table() + '.' + c.column()));
    List<CustomerProfile> picked = pickSamples(written);
    List<CustomerSample> samples = new ArrayList<>();
    for (CustomerProfile p : picked) {
      samples.add(Samples.of(sessionFactory, dataSource, p.memberNumber(), encrypted));
    }
    Lookups.Found found = lookups.find(picked);
    DemoResult.Timings timings = new DemoResult.Timings(startup, Duration.ofNanos(wrote - started),
        Duration.ofNanos(verified - wrote), Duration.ofNanos(checked - verified),
        Duration.ofNanos(System.nanoTime() - started));
    return new DemoResult(ShownSettings.describe(environment), database(), migration.schemaVersion(),
        migration.migrationsApplied(), List.copyOf(written), properties.batchSize(), rows, statements, verification,
        payouts, found, envelopes, List.copyOf(samples), keyStats, colseal.keyRing().versions(), kek(), timings);
  }

  private String kek() {
    return colseal.config().kmsProviderName().orElse("(no provider)") + " KEK "
        + colseal.config().find(ColsealSettings.KEK_ID).orElse("(provider default)");
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

  private String database() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
    }
  }
}
