package io.colseal.operations;

import static java.util.Objects.requireNonNull;

import io.colseal.ColsealConfig;
import io.colseal.ColumnAlgorithm;
import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.Identifiers;
import io.colseal.operations.internal.job.JobEngine;
import io.colseal.operations.internal.job.JobOptions;
import io.colseal.operations.internal.job.Leases;
import io.colseal.operations.legacy.LegacyFormat;
import io.colseal.operations.legacy.LegacyFormats;
import io.colseal.operations.report.ReencryptionEvent;
import io.colseal.operations.report.ReencryptionSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Re-encrypts the registered encrypted columns of tables in place: values under older key versions
 * move to the ACTIVE one (without decoding), plaintext values are encrypted, or with {@link
 * Mode#DECRYPT} envelopes become plaintext again. What {@code colseal reencrypt} runs.
 *
 * <pre>{@code
 * ReencryptionSummary s = ReencryptionJob.builder(connections, config)
 *     .tables(List.of("customers"))
 *     .listener(event -> log(event))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Rows are chosen by SQL over the envelope headers, read by primary key in batches within
 * partitions of the key range, and written with compare-and-set on their old values, so a
 * concurrent application write is never lost. Progress lives in the job tables ({@code colseal_job},
 * {@code colseal_job_partition}): several processes can work on one job, and a stopped job continues
 * where its last committed batch ended. {@link #run()} may be called once; the job is not thread
 * safe, its workers are its own threads.
 */
public final class ReencryptionJob {
  /** What happens to the values. */
  public enum Mode {
    /** Older envelopes to the ACTIVE version; plaintext values encrypted. */
    REENCRYPT,
    /** Envelopes to their plaintext form (leaving encryption). */
    DECRYPT
  }

  /** The default byte budget of a batch: 8 MiB. */
  public static final long DEFAULT_BATCH_BYTES = 8L << 20;

  private final ConnectionSource connections;
  private final ColsealConfig config;
  private final JobOptions options;
  private final Consumer<ReencryptionEvent> listener;

  private ReencryptionJob(Builder b) {
    connections = b.connections;
    // --to-algorithm: the job seals with the target as the default algorithm, and counts a value as
    // done only when its header names it (Candidates), so a run moves a column between AES and ARIA.
    config = b.toAlgorithm == null ? b.config : b.config.toBuilder().defaultAlgorithm(b.toAlgorithm).build();
    listener = b.listener;
    options = new JobOptions(b.tables, b.mode == Mode.DECRYPT, b.dryRun, b.verify, b.resume, b.jobId, b.batchSize,
        b.batchBytes, b.workers, b.partitionsPerTable, b.maxRowsPerSecond, b.lockTimeout, b.statementTimeout, b.transactionTimeout,
        b.lease, b.legacy, b.legacyColumns, b.fernetKeyFile, b.toAlgorithm != null);
  }

  public static Builder builder(ConnectionSource connections, ColsealConfig config) {
    return new Builder(connections, config);
  }

  /**
   * Runs the job to its end and returns this process's summary (also the last event). Values that
   * fail are reported and counted, not thrown: check {@link ReencryptionSummary#complete()}.
   *
   * @throws io.colseal.exception.ColsealException for what stops the job: settings, keys, KMS, database
   */
  public ReencryptionSummary run() {
    return new JobEngine(connections, config, options, listener).run();
  }

  @Override
  public String toString() {
    return "ReencryptionJob{" + options.mode() + ", tables=" + (options.tables() == null ? "all" : options.tables())
        + ", dryRun=" + options.dryRun() + ", verify=" + options.verify() + '}';
  }

  public static final class Builder {
    private final ConnectionSource connections;
    private final ColsealConfig config;
    private @Nullable ColumnAlgorithm toAlgorithm;
    private @Nullable List<String> tables;
    private boolean all;
    private Mode mode = Mode.REENCRYPT;
    private boolean dryRun;
    private boolean verify;
    private boolean resume;
    private int batchSize = 500;
    private long batchBytes = DEFAULT_BATCH_BYTES;
    private int workers = 1;
    private int partitionsPerTable;
    private long maxRowsPerSecond;
    private Duration lockTimeout = Duration.ofSeconds(5);
    private Duration statementTimeout = Duration.ofSeconds(60);
    private Duration transactionTimeout = Duration.ofSeconds(20);
    private Duration lease = Duration.ofSeconds(30);
    private @Nullable String jobId;
    private Consumer<ReencryptionEvent> listener = e -> {};
    private @Nullable LegacyFormat legacy;
    private @Nullable Set<String> legacyColumns;
    private @Nullable Path fernetKeyFile;

    private Builder(ConnectionSource connections, ColsealConfig config) {
      this.connections = requireNonNull(connections, "connections");
      this.config = requireNonNull(config, "config");
    }

    /** The tables to process (their registered columns); or {@link #allTables()}. */
    public Builder tables(List<String> tables) {
      if (tables.isEmpty()) {
        throw new ColsealConfigException("tables must name at least one table");
      }
      this.tables = List.copyOf(tables);
      this.all = false;
      return this;
    }

    /** Every table of the column registry. */
    public Builder allTables() {
      this.tables = null;
      this.all = true;
      return this;
    }

    public Builder mode(Mode mode) {
      this.mode = requireNonNull(mode, "mode");
      return this;
    }

    /** Count what would change; write nothing, not even the job tables. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Decrypt every value and report failures; write nothing. */
    public Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    /** Only continue an unfinished run of the job; fail if there is none. */
    public Builder resume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /** Rows per batch (and transaction): 1..100000, default 500. */
    public Builder batchSize(int batchSize) {
      this.batchSize = range("batchSize", batchSize, 1, 100_000);
      return this;
    }

    /**
     * The byte budget of a batch: rows are added to a batch (and read from the database) until their
     * stored values reach it, at least one row, at most {@link #batchSize(int)} rows. A worker holds
     * about five times a batch's stored bytes while it works on it, so the heap a job needs is
     * bounded by {@code workers x 5 x (batchBytes + the largest stored value)}, whatever the number
     * of rows. 64 KiB..1 GiB, default 8 MiB.
     */
    public Builder batchBytes(long bytes) {
      if (bytes < 64 * 1024 || bytes > 1L << 30) {
        throw new ColsealConfigException("batchBytes must be 65536..1073741824, got " + bytes);
      }
      this.batchBytes = bytes;
      return this;
    }

    /** Worker threads of this process: 1..64, default 1. */
    public Builder workers(int workers) {
      this.workers = range("workers", workers, 1, 64);
      return this;
    }

    /** Partitions per table when a run is created: 0 (automatic: rows / 50000, 1..64) up to 10000. */
    public Builder partitionsPerTable(int partitions) {
      this.partitionsPerTable = range("partitionsPerTable", partitions, 0, 10_000);
      return this;
    }

    /** Rows per second of this process, all workers together; 0 = unlimited. */
    public Builder maxRowsPerSecond(long rows) {
      if (rows < 0) {
        throw new ColsealConfigException("maxRowsPerSecond must be 0 (unlimited) or more, got " + rows);
      }
      this.maxRowsPerSecond = rows;
      return this;
    }

    /** How long a batch waits for a row lock an application holds: 1 ms..10 min, default 5 s. */
    public Builder lockTimeout(Duration timeout) {
      this.lockTimeout = duration("lockTimeout", timeout, Duration.ofMillis(1), Duration.ofMinutes(10));
      return this;
    }

    /** The longest statement: 1 s..1 h, default 60 s. */
    public Builder statementTimeout(Duration timeout) {
      this.statementTimeout = duration("statementTimeout", timeout, Duration.ofSeconds(1), Duration.ofHours(1));
      return this;
    }

    /**
     * The longest a batch transaction may stay open while its connection is idle (the process
     * frozen, paused or cut off): the database then ends the session, rolls the batch back and
     * frees its row locks, and the batch is done again (by this process when it comes back, or by
     * the one that takes its partition over). PostgreSQL: {@code idle_in_transaction_session_timeout};
     * MariaDB: {@code idle_transaction_timeout} (whole seconds); MySQL and H2 have no such setting.
     * 1 s..1 h, default 20 s; keep it below {@link #lease(Duration)}, so a frozen worker's locks are
     * gone by the time another worker takes its partition over.
     */
    public Builder transactionTimeout(Duration timeout) {
      this.transactionTimeout = duration("transactionTimeout", timeout, Duration.ofSeconds(1), Duration.ofHours(1));
      return this;
    }

    /** How long a partition stays leased without a committed batch: 1 s..1 h, default 30 s. */
    public Builder lease(Duration lease) {
      this.lease = duration("lease", lease, Duration.ofSeconds(1), Leases.LONGEST);
      return this;
    }

    /** The job's id; null: {@code reencrypt:<mode>:<sorted,tables>}. */
    public Builder jobId(@Nullable String jobId) {
      if (jobId != null && (jobId.isBlank() || jobId.length() > 255)) {
        throw new ColsealConfigException("jobId must be 1..255 characters");
      }
      this.jobId = jobId;
      return this;
    }

    /**
     * Moves Fernet tokens of the AWS KMS + Fernet recipe into envelopes: {@code file} holds the
     * Base64 {@code CiphertextBlob} of the legacy data key (the recipe's {@code encrypted_key.txt}),
     * which the configured KEK provider ({@code aws-kms}) unwraps once. Values with a token's shape
     * are opened (HMAC first) and encrypted; see {@link LegacyFormats#fernet()}.
     */
    public Builder fromFernetKey(Path file) {
      this.fernetKeyFile = requireNonNull(file, "file");
      this.legacy = LegacyFormats.fernet();
      return this;
    }

    /**
     * Moves the values of {@code format} into envelopes (a Jasypt format, or one of your own). The
     * job first opens a sample of each legacy column (up to a batch of values, by key): if half or
     * more fail, it stops before it writes anything, since the settings are wrong rather than values.
     */
    public Builder legacyFormat(LegacyFormat format) {
      this.legacy = requireNonNull(format, "format");
      return this;
    }

    /**
     * The columns that hold legacy values, and the only ones the job then processes (another
     * column's values that are not envelopes may be in another legacy format, and must not be
     * encrypted as plaintext); by default every registered column of the tables.
     */
    public Builder legacyColumns(List<String> columns) {
      if (columns.isEmpty()) {
        throw new ColsealConfigException("legacyColumns must name at least one column");
      }
      Set<String> names = new LinkedHashSet<>();
      columns.forEach(c -> names.add(Identifiers.normalize(c)));
      this.legacyColumns = Set.copyOf(names);
      return this;
    }

    /** Receives every event, one at a time, on the job's threads. */
    public Builder listener(Consumer<ReencryptionEvent> listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Writes every randomized column with {@code algorithm} (envelope algorithm 01, or 04 with
     * column keys, for {@link ColumnAlgorithm#AES_256_GCM}; 03 for {@link
     * ColumnAlgorithm#ARIA_256_GCM}) instead of {@code colseal.crypto.default-algorithm}: values under
     * the ACTIVE version of the other algorithm are rewritten too. Deterministic and row-bound
     * columns are AES whatever it says. Not with {@link Mode#DECRYPT}.
     *
     * @throws ColsealConfigException if {@code algorithm} is {@link ColumnAlgorithm#DEFAULT}
     */
    public Builder toAlgorithm(ColumnAlgorithm algorithm) {
      if (requireNonNull(algorithm, "algorithm") == ColumnAlgorithm.DEFAULT) {
        throw new ColsealConfigException("toAlgorithm must name an algorithm (AES_256_GCM or ARIA_256_GCM)");
      }
      this.toAlgorithm = algorithm;
      return this;
    }

    public ReencryptionJob build() {
      if (toAlgorithm != null && mode == Mode.DECRYPT) {
        throw new ColsealConfigException("toAlgorithm chooses how values are encrypted; it cannot be combined with"
            + " DECRYPT");
      }
      if (tables == null && !all) {
        throw new ColsealConfigException("choose the tables: tables(...) or allTables()");
      }
      if (dryRun && verify) {
        throw new ColsealConfigException("dryRun and verify exclude each other");
      }
      if (legacy != null && mode == Mode.DECRYPT) {
        throw new ColsealConfigException("a legacy format is moved into envelopes; it cannot be combined with DECRYPT");
      }
      if (legacyColumns != null && legacy == null) {
        throw new ColsealConfigException("legacyColumns needs a legacy format (fromFernetKey or legacyFormat)");
      }
      return new ReencryptionJob(this);
    }

    private static int range(String name, int v, int min, int max) {
      if (v < min || v > max) {
        throw new ColsealConfigException(name + " must be " + min + ".." + max + ", got " + v);
      }
      return v;
    }

    private static Duration duration(String name, Duration d, Duration min, Duration max) {
      requireNonNull(d, name);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new ColsealConfigException(name + " must be " + min + ".." + max + ", got " + d);
      }
      return d;
    }
  }
}
