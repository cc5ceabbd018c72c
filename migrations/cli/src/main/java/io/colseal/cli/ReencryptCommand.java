package io.colseal.cli;

import io.colseal.ColumnAlgorithm;
import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.cli.internal.JasyptFormat;
import io.colseal.cli.internal.UsageException;
import io.colseal.exception.ErrorCode;
import io.colseal.operations.ReencryptionJob;
import io.colseal.operations.internal.job.JobStore;
import io.colseal.operations.report.JsonWriter;
import io.colseal.operations.report.ReencryptionEvent;
import io.colseal.operations.report.ReencryptionSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  @Option(names = "--to-algorithm", paramLabel = "ALGORITHM",
      description = "Write the randomized columns with AES_256_GCM or ARIA_256_GCM (envelope algorithm 03) instead of "
          + "colseal.crypto.default-algorithm, moving values of the other; not with --decrypt.")
  @Nullable String toAlgorithm;

  @Option(names = "--column", paramLabel = "COLUMN",
      description = "With --from-*: the column that holds legacy values, the only one processed; repeatable (default: "
          + "every registered column of the tables).")
  @Nullable List<String> columns;

  @ArgGroup(exclusive = true)
  @Nullable Legacy legacy;

  @Option(names = "--jasypt-algorithm", paramLabel = "ALGORITHM",
      description = "The PBE algorithm Jasypt used (default PBEWithMD5AndDES, Jasypt's default; jasypt-spring-boot 3: "
          + "PBEWITHHMACSHA512ANDAES_256).")
  String jasyptAlgorithm = "PBEWithMD5AndDES";

  @Option(names = "--jasypt-iterations", paramLabel = "N", description = "Key obtention iterations (default 1000).")
  int jasyptIterations = 1000;

  @Option(names = "--jasypt-password-env", paramLabel = "VAR",
      description = "The environment variable holding the Jasypt password (never on the command line).")
  @Nullable String jasyptPasswordEnv;

  @Option(names = "--jasypt-salt-generator", paramLabel = "random|fixed",
      description = "random: Jasypt's default, salt stored in front (default); fixed: StringFixedSaltGenerator.")
  String jasyptSaltGenerator = "random";

  @Option(names = "--jasypt-fixed-salt-env", paramLabel = "VAR",
      description = "With --jasypt-salt-generator fixed: the environment variable holding the fixed salt.")
  @Nullable String jasyptFixedSaltEnv;

  @Option(names = "--jasypt-iv-generator", paramLabel = "auto|random|none",
      description = "random: RandomIvGenerator, IV stored after the salt; none: NoIvGenerator; auto (default): random "
          + "for AES algorithms, none otherwise.")
  String jasyptIvGenerator = "auto";

  @Option(names = "--jasypt-output", paramLabel = "base64|hexadecimal",
      description = "How Jasypt encoded its output (default base64).")
  String jasyptOutput = "base64";

  /** {@code --from-fernet-key FILE | --from-fernet-key-sql SQL | --from-jasypt}. */
  static final class Legacy {
    @Option(names = "--from-fernet-key", paramLabel = "FILE", required = true,
        description = "Move Fernet tokens of the KMS + Fernet recipe into envelopes; FILE holds the Base64 "
            + "CiphertextBlob of its data key (encrypted_key.txt), unwrapped once by the configured KMS.")
    @Nullable Path fernetKeyFile;

    @Option(names = "--from-fernet-key-sql", paramLabel = "SQL", required = true,
        description = "As --from-fernet-key, the Base64 CiphertextBlob read by this query (first row, first column).")
    @Nullable String fernetKeySql;

    @Option(names = "--from-jasypt", required = true,
        description = "Move Jasypt ciphertext into envelopes, opened with the --jasypt-* settings.")
    boolean jasypt;
  }

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
    if (toAlgorithm != null) {
      b.toAlgorithm(toAlgorithm(toAlgorithm));
    }
    if (target.all) {
      b.allTables();
    } else {
      b.tables(target.tables == null ? List.of() : target.tables);
    }
    Path keyFromSql = legacy(b, context);
    ReencryptionSummary summary;
    try {
      summary = b.build().run();
    } catch (JobStore.NothingToResume e) {
      throw new UsageException(e.getMessage());
    } finally {
      if (keyFromSql != null) {
        try {
          Files.deleteIfExists(keyFromSql);
        } catch (IOException e) {
          err.println("colseal: could not delete the temporary key file " + keyFromSql);
        }
      }
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

  /**
   * Applies the {@code --from-*} options to {@code b}; returns the temporary file that holds the key
   * read by {@code --from-fernet-key-sql} (the caller deletes it), or null.
   */
  private @Nullable Path legacy(ReencryptionJob.Builder b, Context context) {
    if (legacy == null) {
      if (columns != null) {
        throw new UsageException("--column names the columns of a legacy format: use it with --from-fernet-key,"
            + " --from-fernet-key-sql or --from-jasypt");
      }
      return null;
    }
    if (decrypt) {
      throw new UsageException("--from-* moves legacy values into envelopes; it cannot be combined with --decrypt");
    }
    Path temp = null;
    if (legacy.fernetKeyFile != null) {
      b.fromFernetKey(legacy.fernetKeyFile);
    } else if (legacy.fernetKeySql != null) {
      temp = fernetKeyFromSql(context, legacy.fernetKeySql);
      b.fromFernetKey(temp);
    } else {
      b.legacyFormat(jasypt());
    }
    if (columns != null) {
      b.legacyColumns(columns);
    }
    return temp;
  }

  private ColumnAlgorithm toAlgorithm(String name) {
    if (decrypt) {
      throw new UsageException("--to-algorithm chooses how values are encrypted; it cannot be combined with --decrypt");
    }
    String wanted = name.strip().replace('-', '_');
    for (ColumnAlgorithm a : ColumnAlgorithm.values()) {
      if (a != ColumnAlgorithm.DEFAULT && a.name().equalsIgnoreCase(wanted)) {
        return a;
      }
    }
    throw new UsageException("--to-algorithm: AES_256_GCM or ARIA_256_GCM, not " + name);
  }

  private static Path fernetKeyFromSql(Context context, String sql) {
    String blob;
    try (Connection c = context.connections().open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next() || rs.getString(1) == null) {
        throw new UsageException("--from-fernet-key-sql returned no key (no row, or NULL)");
      }
      blob = rs.getString(1).strip();
    } catch (SQLException e) {
      throw new UsageException("--from-fernet-key-sql failed: SQLState " + e.getSQLState() + ", " + e.getMessage());
    }
    try {
      Path file = Files.createTempFile("colseal-fernet-key", ".txt",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, blob);
      return file;
    } catch (IOException | UnsupportedOperationException e) {
      throw new UsageException("cannot write the key of --from-fernet-key-sql to a temporary file: " + e);
    }
  }

  private JasyptFormat jasypt() {
    if (jasyptPasswordEnv == null) {
      throw new UsageException("--from-jasypt needs --jasypt-password-env VAR: the environment variable that holds"
          + " the password (never the password itself on the command line)");
    }
    String password = System.getenv(jasyptPasswordEnv);
    if (password == null || password.isEmpty()) {
      throw new UsageException("--jasypt-password-env: the environment variable " + jasyptPasswordEnv
          + " is not set or empty");
    }
    String salt = null;
    switch (jasyptSaltGenerator.toLowerCase(Locale.ROOT)) {
      case "random" -> {
        if (jasyptFixedSaltEnv != null) {
          throw new UsageException("--jasypt-fixed-salt-env needs --jasypt-salt-generator fixed");
        }
      }
      case "fixed" -> {
        salt = jasyptFixedSaltEnv == null ? null : System.getenv(jasyptFixedSaltEnv);
        if (salt == null || salt.isEmpty()) {
          throw new UsageException("--jasypt-salt-generator fixed needs --jasypt-fixed-salt-env VAR naming a set"
              + " environment variable");
        }
      }
      default -> throw new UsageException("--jasypt-salt-generator: random or fixed, not " + jasyptSaltGenerator);
    }
    boolean iv = switch (jasyptIvGenerator.toLowerCase(Locale.ROOT)) {
      case "auto" -> JasyptFormat.needsIv(jasyptAlgorithm);
      case "random" -> true;
      case "none" -> false;
      default -> throw new UsageException("--jasypt-iv-generator: auto, random or none, not " + jasyptIvGenerator);
    };
    JasyptFormat.Output output = switch (jasyptOutput.toLowerCase(Locale.ROOT)) {
      case "base64" -> JasyptFormat.Output.BASE64;
      case "hexadecimal", "hex" -> JasyptFormat.Output.HEXADECIMAL;
      default -> throw new UsageException("--jasypt-output: base64 or hexadecimal, not " + jasyptOutput);
    };
    if (jasyptIterations < 1) {
      throw new UsageException("--jasypt-iterations must be 1 or more");
    }
    char[] pw = password.toCharArray();
    try {
      return new JasyptFormat(jasyptAlgorithm, jasyptIterations, pw, salt, iv, output, workers);
    } finally {
      Arrays.fill(pw, '\0');
    }
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
