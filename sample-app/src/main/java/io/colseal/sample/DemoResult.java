package io.colseal.sample;

import io.colseal.keys.KeyRingStats;
import io.colseal.keys.KeyVersion;
import io.colseal.sample.ReadBack.Verification;
import io.colseal.sample.Samples.CustomerSample;
import io.colseal.sample.StoredValues.EnvelopeCheck;
import io.colseal.sample.data.CustomerProfile;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run did and found; {@link Report} prints it.
 *
 * @param settings the settings of the run
 * @param database product name and version
 * @param schemaVersion the application schema's Flyway version after migrating
 * @param migrationsApplied application migrations this run applied
 * @param written what was written, in order
 * @param rowsWritten rows inserted in all three tables
 * @param statementsWhileWriting JDBC statements Hibernate prepared while writing (batching keeps it low)
 * @param verification the read-back comparison
 * @param envelopes the plain-JDBC check of every encrypted column
 * @param samples customers shown side by side
 * @param keyStats key ring counters after the read pass
 * @param keys the key table after the run
 * @param kek provider and KEK that wrap the data keys, e.g. {@code local KEK demo-kek}
 */
record DemoResult(
    DemoSettings settings,
    String database,
    String schemaVersion,
    int migrationsApplied,
    List<CustomerProfile> written,
    long rowsWritten,
    long statementsWhileWriting,
    Verification verification,
    EnvelopeCheck envelopes,
    List<CustomerSample> samples,
    KeyRingStats keyStats,
    List<KeyVersion> keys,
    String kek,
    Timings timings) {

  /** Wall-clock time of each phase. */
  record Timings(Duration startup, Duration write, Duration readAndVerify, Duration storedCheck, Duration total) {}

  /** Whether every row and value read back as written and every encrypted value is stored as an envelope. */
  public boolean ok() {
    return verification.mismatches().isEmpty()
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

  /** Fields that did not read back as written, as {@code memberNumber table.column}. */
  public List<String> mismatches() {
    return verification.mismatches().stream().map(Object::toString).toList();
  }
}
