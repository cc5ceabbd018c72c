package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.cli.internal.UsageException;
import io.colseal.exception.ErrorCode;
import io.colseal.operations.ReencryptionJob;
import io.colseal.operations.internal.job.JobStore;
import io.colseal.operations.report.JsonWriter;
import io.colseal.operations.report.ReencryptionEvent;
import io.colseal.operations.report.ReencryptionSummary;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code colseal reencrypt}: runs a {@link ReencryptionJob}. Unlike the other commands it reports as
 * it goes: with {@code --json} one JSON line per event (the last one the summary), otherwise a
 * progress bar on stderr when a console is attached and the summary as text on stdout. A run that
 * ends with failed values or unresolved conflicts exits with {@code JOB_INCOMPLETE} (50) after its
 * summary.
 */
@Command(name = "reencrypt", sortOptions = false, description = {"Re-encrypt the registered encrypted columns "
    + "in place: values under older key versions to the ACTIVE one, plaintext values encrypted; --decrypt turns "
    + "them back into plaintext. Resumable, shareable by several processes (job tables colseal_job*)."})
final class ReencryptCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Tables target = new Tables();

  @Option(names = "--decrypt", description = "Decrypt the values to their plaintext form (leaving encryption).")
  boolean decrypt;

  @ArgGroup(exclusive = true)
  @Nullable Check check;

  @Option(names = "--resume", description = "Only continue the unfinished run of the job; fail if there is none.")
  boolean resume;

  @Option(names = "--job-id", paramLabel = "ID",
      description = "The job; default reencrypt:<REENCRYPT|DECRYPT>:<sorted,tables>.")
  @Nullable String jobId;

  @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch and transaction (default 500).")
  int batchSize = 500;

  @Option(names = "--batch-bytes", paramLabel = "BYTES",
      description = "Byte budget of a batch's stored values, at least one row (default 8388608, 8 MiB).")
  long batchBytes = ReencryptionJob.DEFAULT_BATCH_BYTES;

  @Option(names = "--workers", paramLabel = "N", description = "Worker threads of this process (default 1).")
  int workers = 1;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Key ranges per table when a run starts (default: rows/50000, 1..64).")
  int partitions;

  @Option(names = "--max-rows-per-second", paramLabel = "R", description = "Throttle this process (0: unlimited).")
  long maxRowsPerSecond;

  @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "Longest wait for a row lock (PT5S).")
  Duration lockTimeout = Duration.ofSeconds(5);

  @Option(names = "--statement-timeout", paramLabel = "DURATION", description = "Longest statement (PT60S).")
  Duration statementTimeout = Duration.ofSeconds(60);

  @Option(names = "--transaction-timeout", paramLabel = "DURATION",
      description = "Longest a batch transaction may stay open and idle, holding row locks (PT20S).")
  Duration transactionTimeout = Duration.ofSeconds(20);

  @Option(names = "--lease", paramLabel = "DURATION",
      description = "A partition's lease; another process takes it over when it expires (PT30S).")
  Duration lease = Duration.ofSeconds(30);

  /** {@code --table T [--table T2] | --all}. */
  static final class Tables {
    @Option(names = "--table", paramLabel = "TABLE", required = true, description = "A table; repeatable.")
    @Nullable List<String> tables;

    @Option(names = "--all", required = true, description = "Every table of the column registry.")
    boolean all;
  }

  /** {@code --dry-run | --verify}. */
  static final class Check {
    @Option(names = "--dry-run", required = true, description = "Count what would change; write nothing.")
    boolean dryRun;

    @Option(names = "--verify", required = true,
        description = "Decrypt every value and report failures; write nothing.")
    boolean verify;
  }

  @Override
  public Integer call() {
    ColsealCommand root = (ColsealCommand) spec.root().userObject();
    Context context = root.context();
    boolean dryRun = check != null && check.dryRun;
    boolean verify = check != null && check.verify;
    if (!dryRun) {
      // Checks the KEK settings (and asks for the keystore password) before any work starts.
      KeyAdmin admin = context.openKeyAdmin(true, null);
      admin.close();
    }
    PrintStream out = root.out();
    PrintStream err = root.err();
    boolean json = root.json();
    ProgressBar bar = !json && context.terminal().interactive() ? new ProgressBar(err) : null;
    Consumer<ReencryptionEvent> listener = event -> {
      if (json) {
        out.print(JsonWriter.writeLine(jsonLine(event)));
        out.flush();
      } else if (event instanceof ReencryptionEvent.Failure f) {
        err.println("failure: " + f.table() + "." + f.column() + " " + f.primaryKey() + " key version "
            + (f.keyVersion() == null ? "-" : f.keyVersion()) + ": " + f.code());
      } else if (event instanceof ReencryptionEvent.Progress p && bar != null) {
        bar.show(p);
      }
    };
    ReencryptionJob.Builder b = ReencryptionJob.builder(context.connections(), context.config())
        .mode(decrypt ? ReencryptionJob.Mode.DECRYPT : ReencryptionJob.Mode.REENCRYPT)
        .dryRun(dryRun).verify(verify).resume(resume).jobId(jobId)
        .batchSize(batchSize).batchBytes(batchBytes).workers(workers).partitionsPerTable(partitions)
        .maxRowsPerSecond(maxRowsPerSecond)
        .lockTimeout(lockTimeout).statementTimeout(statementTimeout)
        .transactionTimeout(transactionTimeout).lease(lease).listener(listener);
    if (target.all) {
      b.allTables();
    } else {
      b.tables(target.tables == null ? List.of() : target.tables);
    }
    ReencryptionSummary summary;
    try {
      summary = b.build().run();
    } catch (JobStore.NothingToResume e) {
      throw new UsageException(e.getMessage());
    }
    if (bar != null) {
      bar.finish();
    }
    if (!json) {
      out.print(summary.toText());
      out.flush();
    }
    if (!summary.unreadable().isEmpty()) {
      err.println("colseal: " + ErrorCode.KEY_UNSUPPORTED.name() + ": " + summary.unreadable().get(0).message()
          + "; the other tables were processed");
      err.flush();
      return ErrorCode.KEY_UNSUPPORTED.exitCode();
    }
    if (!summary.complete()) {
      err.println("colseal: " + ErrorCode.JOB_INCOMPLETE.name() + ": " + summary.failures() + " values failed and "
          + summary.conflicts() + " rows conflicted; the summary names where; run again once fixed");
      err.flush();
      return ErrorCode.JOB_INCOMPLETE.exitCode();
    }
    return 0;
  }

  /** {@code {"event": kind, ...components}}; a summary with the components of its {@link ReencryptionSummary}. */
  static Map<String, @Nullable Object> jsonLine(ReencryptionEvent event) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("event", event.kind());
    Record body = event instanceof ReencryptionEvent.Summary s ? s.summary() : (Record) event;
    for (RecordComponent c : body.getClass().getRecordComponents()) {
      try {
        m.put(c.getName(), c.getAccessor().invoke(body));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + c.getName(), e);
      }
    }
    return m;
  }

  /** {@code [#####.....]  45%  1234/5000 rows  850 rows/s  ETA 0:12} on one stderr line. */
  static final class ProgressBar {
    private final PrintStream err;
    private boolean shown;

    ProgressBar(PrintStream err) {
      this.err = err;
    }

    void show(ReencryptionEvent.Progress p) {
      int width = 30;
      double f = p.rowsTotal() == 0 ? 1 : Math.min(1, (double) p.rowsDone() / p.rowsTotal());
      int full = (int) Math.round(f * width);
      String eta = p.etaSeconds() == null ? "?" : p.etaSeconds() / 60 + ":" + String.format("%02d", p.etaSeconds() % 60);
      err.print("\r[" + "#".repeat(full) + ".".repeat(width - full) + "] " + String.format("%3d%%", (int) (f * 100))
          + "  " + p.rowsDone() + "/" + p.rowsTotal() + " rows  " + Math.round(p.rowsPerSecond()) + " rows/s  ETA " + eta);
      err.flush();
      shown = true;
    }

    void finish() {
      if (shown) {
        err.println();
      }
    }
  }
}
