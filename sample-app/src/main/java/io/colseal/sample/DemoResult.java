package io.colseal.sample;

import io.colseal.keys.KeyRingStats;
import io.colseal.keys.KeyVersion;
import io.colseal.sample.JdbcBankAccounts.PayoutCheck;
import io.colseal.sample.ReadBack.Verification;
import io.colseal.sample.Samples.CustomerSample;
import io.colseal.sample.StoredValues.EnvelopeCheck;
import io.colseal.sample.data.CustomerProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one run did and found; {@link Report} prints it.
 *
 * @param settings the settings of the run, secrets masked ({@link ShownSettings})
 * @param database product name and version
 * @param schemaVersion the application schema's Flyway version after migrating
 * @param migrationsApplied application migrations this run applied
 * @param written what was written, in order
 * @param batchSize customers per transaction and JDBC batch size
 * @param rowsWritten rows inserted in all three tables
 * @param statementsWhileWriting JDBC statements Hibernate prepared while writing (batching keeps it low)
 * @param verification the read-back comparison through JPA
 * @param payouts the payout export read with JdbcTemplate, compared with what was written
 * @param lookups searches by email (deterministic) and phone (blind index)
 * @param envelopes the plain-JDBC check of every encrypted column
 * @param samples customers shown side by side
 * @param keyStats key ring counters after the read pass
 * @param keys the key table after the run
 * @param kek provider and KEK that wrap the data keys, e.g. {@code local KEK demo-kek}
 */
record DemoResult(
    List<String> settings,
    String database,
    String schemaVersion,
    int migrationsApplied,
    List<CustomerProfile> written,
    int batchSize,
    long rowsWritten,
    long statementsWhileWriting,
    Verification verification,
    PayoutCheck payouts,
    Lookups.Found lookups,
    EnvelopeCheck envelopes,
    List<CustomerSample> samples,
    KeyRingStats keyStats,
    List<KeyVersion> keys,
    String kek,
    Timings timings) {

  /** Wall-clock time of each phase; {@code startup} is Spring Boot's start (Flyway, Hibernate, colseal). */
  record Timings(Duration startup, Duration write, Duration readAndVerify, Duration storedCheck, Duration total) {}

  /**
   * Whether every row and value read back as written (through JPA and JdbcTemplate), every search
   * found its customer and every encrypted value is stored as an envelope.
   */
  public boolean ok() {
    return verification.mismatches().isEmpty()
        && payouts.mismatches().isEmpty()
        && lookups.misses().isEmpty()
        && envelopes.problems().isEmpty()
        && verification.rowsRead() == rowsWritten;
  }

  /** Customers read back. */
  public long customersRead() {
    return verification.customersRead();
  }

  /** Rows read back from all three tables. */
  public long rowsRead() {
    return verification.rowsRead();
  }

  /** What did not read back or was not found, as {@code memberNumber what}. */
  public List<String> mismatches() {
    List<String> out = new ArrayList<>();
    verification.mismatches().forEach(m -> out.add(m.toString()));
    out.addAll(payouts.mismatches());
    out.addAll(lookups.misses());
    return out;
  }
}
