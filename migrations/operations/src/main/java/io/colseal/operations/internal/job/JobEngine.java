package io.colseal.operations.internal.job;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.ColumnRowCounts;
import io.colseal.EncryptionMode;
import io.colseal.KeyAdmin;
import io.colseal.RegisteredColumn;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyTableException;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.operations.legacy.LegacyFormat;
import io.colseal.operations.report.JsonWriter;
import io.colseal.operations.report.ReencryptionEvent;
import io.colseal.operations.report.ReencryptionSummary;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@code ReencryptionJob}: resolves the tables and their columns, then counts ({@code
 * dry-run}), verifies, or joins or starts a run of the job and works on it with {@code workers}
 * threads until every partition of the run is DONE, and finally counts where the tables stand.
 *
 * <p>Each worker thread has its own connection (READ COMMITTED, the lock, statement and transaction
 * timeouts); it leases a partition, processes it ({@link BatchWorker}) and leases the next. When the
 * database ends its session (the transaction timeout ended a batch left idle while the process was
 * frozen), the batch was rolled back; the worker opens a new connection and leases again. When only
 * partitions leased by others are left, it polls the job table every 500 ms, taking over a lease
 * that expires, until all are DONE.
 */
public final class JobEngine {
  static final long POLL_MILLIS = 500;
  /** New connections a worker opens after the database ended its session, before it gives up. */
  static final int MAX_RECONNECTS = 10;

  private final ConnectionSource connections;
  private final ColsealConfig config;
  private final JobOptions o;
  private final EventSink events;
  private final JobCounters counters = new JobCounters();
  private final String workerId = workerId();
  private final List<UnreadableKeyVersion> unreadable = new java.util.concurrent.CopyOnWriteArrayList<>();

  public JobEngine(ConnectionSource connections, ColsealConfig config, JobOptions options,
      Consumer<ReencryptionEvent> listener) {
    this.connections = connections;
    this.config = options.fernetKeyFile() == null ? config
        : config.toBuilder().readFernetKey(options.fernetKeyFile()).build();
    this.o = options;
    this.events = new EventSink(listener);
  }

  public ReencryptionSummary run() {
    long start = System.nanoTime();
    try (KeyAdmin admin = KeyAdmin.open(connections, config)) {
      Map<String, List<RegisteredColumn>> columns = columns(admin);
      List<String> tables = List.copyOf(columns.keySet());
      String jobId = o.jobId() != null ? o.jobId() : "reencrypt:" + o.mode() + ":" + String.join(",", tables);
      refuseSilentCipherChange(admin, columns);
      events.accept(new ReencryptionEvent.Start(jobId, o.mode(), o.dryRun(), o.verify(), tables, workerId));
      if (o.dryRun()) {
        dryRun(admin, columns);
      } else {
        try (Colseal colseal = Colseal.start(connections, config)) {
          work(colseal, admin, jobId, columns);
        } catch (SQLException e) {
          // Never the driver's message: a failed batch's message can quote the statement with its
          // parameters (PostgreSQL's BatchUpdateException does), which --decrypt fills with plaintext.
          String what = e.getClass().getSimpleName() + ", SQLState " + e.getSQLState() + ", vendor code "
              + e.getErrorCode();
          throw new KeyTableException("the re-encryption job failed on the database (" + what + ")",
              new SQLException(what, e.getSQLState(), e.getErrorCode()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ColsealException(ErrorCode.JOB_INCOMPLETE, "the re-encryption job was interrupted");
        }
      }
      ReencryptionSummary summary = summarize(admin, jobId, tables, (System.nanoTime() - start) / 1_000_000);
      events.accept(new ReencryptionEvent.Summary(summary));
      return summary;
    }
  }

  /** The registered columns per selected table, in table order; CONFIG_INVALID for a table without any. */
  private Map<String, List<RegisteredColumn>> columns(KeyAdmin admin) {
    Map<String, List<RegisteredColumn>> byTable = new TreeMap<>();
    for (RegisteredColumn c : admin.columns()) {
      byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c);
    }
    if (o.tables() == null) {
      return onlyLegacyColumns(byTable);
    }
    Map<String, List<RegisteredColumn>> selected = new TreeMap<>();
    for (String t : o.tables()) {
      String name = normalize(t);
      List<RegisteredColumn> cols = byTable.get(name);
      if (cols == null) {
        throw new ColsealConfigException("table " + name + " has no registered encrypted column (colseal columns "
            + "list shows the registry; applications register their columns when they start)");
      }
      selected.put(name, cols);
    }
    return onlyLegacyColumns(selected);
  }

  /**
   * With legacy columns named, only those: another column's values that are not envelopes may be in
   * another legacy format, and must not be encrypted as if they were plaintext.
   */
  private Map<String, List<RegisteredColumn>> onlyLegacyColumns(Map<String, List<RegisteredColumn>> byTable) {
    if (o.legacyColumns() == null) {
      return byTable;
    }
    Map<String, List<RegisteredColumn>> out = new TreeMap<>();
    Set<String> found = new TreeSet<>();
    byTable.forEach((table, cols) -> {
      List<RegisteredColumn> kept = cols.stream().filter(c -> o.legacyColumns().contains(c.column())).toList();
      kept.forEach(c -> found.add(c.column()));
      if (!kept.isEmpty()) {
        out.put(table, kept);
      }
    });
    Set<String> missing = new TreeSet<>(o.legacyColumns());
    missing.removeAll(found);
    if (!missing.isEmpty()) {
      throw new ColsealConfigException("legacy column(s) " + missing + " are not registered encrypted columns of "
          + byTable.keySet() + " (colseal columns list shows the registry)");
    }
    return out;
  }

  private static String normalize(String table) {
    String s = table.trim();
    int dot = s.lastIndexOf('.');
    if (dot >= 0 && !s.endsWith("\"") && !s.endsWith("`")) {
      s = s.substring(dot + 1);
    }
    if (s.length() >= 2 && (s.startsWith("\"") || s.startsWith("`"))) {
      s = s.substring(1, s.length() - 1);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * Without {@code toAlgorithm}, a re-encryption seals with {@code colseal.crypto.default-algorithm};
   * a randomized column whose values are under the other block cipher (ARIA values with an AES
   * default, AES values with an ARIA default: the column chose its cipher in its own mapping, which
   * the registry does not record) would change cipher silently. Refused before anything is written,
   * naming the column and the choice to make.
   */
  private void refuseSilentCipherChange(KeyAdmin admin, Map<String, List<RegisteredColumn>> columns) {
    if (o.algorithmChosen() || o.decrypt() || o.verify()) {
      return;
    }
    boolean ariaDefault = config.defaultAlgorithm() == io.colseal.ColumnAlgorithm.ARIA_256_GCM;
    for (Map.Entry<String, List<RegisteredColumn>> e : columns.entrySet()) {
      for (ColumnRowCounts c : admin.countRows(e.getKey())) {
        if (e.getValue().stream().noneMatch(r -> r.column().equals(c.column()))
            || modeOf(e.getValue(), c.column()) != io.colseal.EncryptionMode.RANDOMIZED) {
          continue;
        }
        long aria = 0;
        long aes = 0;
        for (int version : c.byKeyVersion().keySet()) {
          aria += c.rowsOn(version, io.colseal.keys.Algorithm.ARIA_256_GCM);
          aes += c.rowsOn(version, io.colseal.keys.Algorithm.AES_256_GCM)
              + c.rowsOn(version, io.colseal.keys.Algorithm.AES_256_GCM_COLUMN_KEY);
        }
        long other = ariaDefault ? aes : aria;
        if (other > 0) {
          throw new ColsealConfigException(c.table() + '.' + c.column() + " holds " + other + " value(s) under "
              + (ariaDefault ? "AES-256-GCM" : "ARIA-256-GCM") + ", and this job would seal every value it writes"
              + " with " + (ariaDefault ? "ARIA-256-GCM" : "AES-256-GCM") + " (colseal.crypto.default-algorithm):"
              + " choose with --to-algorithm " + (ariaDefault ? "AES_256_GCM" : "ARIA_256_GCM") + " to keep the"
              + " column's cipher, or --to-algorithm " + (ariaDefault ? "ARIA_256_GCM" : "AES_256_GCM")
              + " to move it. Nothing was written");
        }
      }
    }
  }

  private void dryRun(KeyAdmin admin, Map<String, List<RegisteredColumn>> columns) {
    for (Map.Entry<String, List<RegisteredColumn>> e : columns.entrySet()) {
      int active = admin.list(e.getKey()).stream().filter(v -> v.state() == KeyState.ACTIVE)
          .mapToInt(KeyVersion::version).findFirst().orElse(-1);
      for (ColumnRowCounts c : admin.countRows(e.getKey())) {
        if (e.getValue().stream().noneMatch(r -> r.column().equals(c.column()))) {
          continue; // not selected (--column)
        }
        long envelopes = c.byKeyVersion().values().stream().mapToLong(Long::longValue).sum();
        if (o.verify()) {
          counters.skipped.add(envelopes + c.notEncrypted());
        } else if (o.decrypt()) {
          counters.decrypted.add(envelopes);
          counters.skipped.add(c.notEncrypted());
        } else {
          // On the ACTIVE version with the algorithm of the column's registered mode: stays;
          // anything else moves (Candidates selects the same rows).
          long stays = c.rowsOn(active, config.algorithm(modeOf(e.getValue(), c.column())));
          long legacy = legacyValues(e.getValue(), c);
          counters.reencrypted.add(envelopes - stays);
          counters.imported.add(legacy);
          counters.encrypted.add(c.notEncrypted() - legacy);
          counters.skipped.add(stays);
        }
      }
      try (Connection c = connections.open()) {
        TableLayout layout = new TableLayout(e.getKey(), e.getValue().get(0).tableSql(), List.of(), e.getValue());
        counters.rowsExamined.add(candidates(layout, active, Dialect.of(c)).count(c, layout.tableSql()));
      } catch (SQLException ex) {
        throw new KeyTableException("cannot count the rows of " + e.getKey(), ex);
      }
    }
  }

  /** The values of {@code counts}' column that are not envelopes and that the legacy format claims, by its shape. */
  private long legacyValues(List<RegisteredColumn> columns, ColumnRowCounts counts) {
    LegacyFormat format = o.legacy();
    RegisteredColumn col = columns.stream().filter(r -> r.column().equals(counts.column())).findFirst().orElse(null);
    if (format == null || col == null || !o.legacyColumn(col.column()) || counts.notEncrypted() == 0
        || col.storage() == io.colseal.Storage.BINARY) {
      return 0;
    }
    try (Connection c = connections.open()) {
      String shape = format.shapeSql(col.columnSql(), Dialect.of(c).vendor());
      if (shape == null) {
        return counts.notEncrypted();
      }
      String sql = "SELECT COUNT(*) FROM " + col.tableSql() + " WHERE " + col.columnSql() + " IS NOT NULL AND "
          + col.columnSql() + " NOT LIKE ? AND " + shape;
      try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, io.colseal.EnvelopeHeaders.textMagic() + "%");
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Math.min(rs.getLong(1), counts.notEncrypted());
        }
      }
    } catch (SQLException ex) {
      throw new KeyTableException("cannot count the legacy values of " + counts.table() + '.' + counts.column(), ex);
    }
  }

  private static EncryptionMode modeOf(List<RegisteredColumn> columns, String column) {
    return columns.stream().filter(r -> r.column().equals(column)).findFirst()
        .map(RegisteredColumn::mode)
        .orElse(EncryptionMode.RANDOMIZED);
  }

  private Candidates candidates(TableLayout t, int activeVersion, Dialect dialect) {
    Candidates.Kind kind = o.verify() ? Candidates.Kind.ANY_VALUE
        : o.decrypt() ? Candidates.Kind.ENVELOPE : Candidates.Kind.NOT_ON_ACTIVE;
    return Candidates.of(kind, t.columns(), activeVersion, dialect.vendor(), config::algorithm);
  }

  private void work(Colseal colseal, KeyAdmin admin, String jobId, Map<String, List<RegisteredColumn>> columns)
      throws SQLException, InterruptedException {
    Map<String, TableLayout> layouts = new LinkedHashMap<>();
    Dialect dialect;
    try (Connection c = connections.open()) {
      dialect = Dialect.of(c);
      for (Map.Entry<String, List<RegisteredColumn>> e : columns.entrySet()) {
        layouts.put(e.getKey(), TableLayout.discover(c, dialect, e.getValue()));
      }
    }
    Map<String, Integer> active = new LinkedHashMap<>();
    Map<String, List<ColumnCipher<?, ?>>> ciphers = new LinkedHashMap<>();
    for (TableLayout t : layouts.values()) {
      List<ColumnCipher<?, ?>> cs = new ArrayList<>();
      t.columns().forEach(c -> cs.add(colseal.column(c)));
      ciphers.put(t.table(), cs);
    }
    if (o.legacy() != null && !o.verify()) {
      // Before anything is written, data keys included: wrong legacy settings stop the job here.
      try (Connection c = connections.open()) {
        c.setAutoCommit(false);
        for (TableLayout t : layouts.values()) {
          LegacyPreflight.check(c, t, ciphers.get(t.table()), legacyFormats(t.columns()), o.batchSize());
        }
      }
    }
    if (!o.decrypt() && !o.verify()) {
      colseal.keyRing().ensureActiveKeys(layouts.keySet());
    }
    for (TableLayout t : List.copyOf(layouts.values())) {
      try {
        active.put(t.table(), o.decrypt() || o.verify() ? -1 : colseal.keyRing().requireActive(t.table()).version());
      } catch (KeyUnavailableException e) {
        if (e.code() != ErrorCode.KEY_UNSUPPORTED) {
          throw e;
        }
        // Its ACTIVE key is one this release cannot read: the table is left out, the others go on.
        layouts.remove(t.table());
        unreadable.addAll(admin.unreadable(t.table()));
      }
    }
    if (o.verify()) {
      new Verifier(dialect, events, counters).verify(connections, layouts.values(), t -> candidates(t, -1, dialect),
          t -> new RowRewriter(RowRewriter.Action.VERIFY, t.columns(), ciphers.get(t.table()), -1), o.batchSize(), o.batchBytes());
      return;
    }
    runJob(dialect, jobId, layouts, t -> new RowRewriter(o.decrypt() ? RowRewriter.Action.DECRYPT
        : RowRewriter.Action.REENCRYPT, t.columns(), ciphers.get(t.table()), active.get(t.table()),
        legacyFormats(t.columns())),
        t -> candidates(t, active.get(t.table()), dialect));
  }

  /** Per column of {@code columns}, the legacy format its values may be in, or null. */
  private LegacyFormat[] legacyFormats(List<RegisteredColumn> columns) {
    LegacyFormat[] out = new LegacyFormat[columns.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = o.legacyColumn(columns.get(j).column()) ? o.legacy() : null;
    }
    return out;
  }

  private void runJob(Dialect dialect, String jobId, Map<String, TableLayout> layouts,
      java.util.function.Function<TableLayout, RowRewriter> rewriters,
      java.util.function.Function<TableLayout, Candidates> candidates) throws SQLException, InterruptedException {
    JobStore store = new JobStore(dialect, o.lease());
    JobStore.Run run;
    try (Connection c = connections.open()) {
      c.setAutoCommit(false);
      dialect.applyCoordinatorTimeouts(c);
      run = store.openRun(c, jobId, o.mode(), options(layouts.keySet()), o.resume(), conn -> {
        List<JobStore.PlannedPartition> all = new ArrayList<>();
        for (TableLayout t : layouts.values()) {
          all.addAll(PartitionPlanner.plan(conn, t, o.partitionsPerTable()));
        }
        return all;
      });
      long total = 0;
      for (TableLayout t : layouts.values()) {
        total += candidates.apply(t).count(c, t.tableSql());
      }
      c.commit();
      events.total(total);
    }
    TokenBucket throttle = o.maxRowsPerSecond() > 0 ? new TokenBucket(o.maxRowsPerSecond(), System::nanoTime) : null;
    JobMetrics metrics = JobMetrics.detect();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < o.workers(); i++) {
      String owner = workerId + "/" + i;
      Thread t = new Thread(() -> {
        try {
          workLoop(dialect, store, run, owner, layouts, rewriters, candidates, throttle, metrics, failure);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "colseal-reencrypt-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    Throwable e = failure.get();
    if (e instanceof SQLException s) {
      throw s;
    }
    if (e instanceof InterruptedException ie) {
      throw ie;
    }
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
  }

  private void workLoop(Dialect dialect, JobStore store, JobStore.Run run, String owner,
      Map<String, TableLayout> layouts, java.util.function.Function<TableLayout, RowRewriter> rewriters,
      java.util.function.Function<TableLayout, Candidates> candidates, @Nullable TokenBucket throttle,
      JobMetrics metrics, AtomicReference<Throwable> failure) throws SQLException, InterruptedException {
    Map<String, BatchWorker> workers = new LinkedHashMap<>();
    for (int reconnects = 0; failure.get() == null; reconnects++) {
      try (Connection c = connections.open()) {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        dialect.applyTimeouts(c, o.lockTimeout(), o.statementTimeout(), o.transactionTimeout());
        try {
          workOn(c, dialect, store, run, owner, layouts, rewriters, candidates, throttle, metrics, failure, workers);
          return;
        } catch (SQLException e) {
          // The database ended the session (the transaction timeout while this process was frozen,
          // a restart, a network cut): the open batch was rolled back, so none of it is lost. Work
          // on with a new connection; the partition's checkpoint says where.
          if (c.isValid(5) || reconnects >= MAX_RECONNECTS) {
            throw e;
          }
        }
      }
    }
  }

  /** Leases and processes partitions on {@code c} until the run is DONE or another worker failed. */
  private void workOn(Connection c, Dialect dialect, JobStore store, JobStore.Run run, String owner,
      Map<String, TableLayout> layouts, java.util.function.Function<TableLayout, RowRewriter> rewriters,
      java.util.function.Function<TableLayout, Candidates> candidates, @Nullable TokenBucket throttle,
      JobMetrics metrics, AtomicReference<Throwable> failure, Map<String, BatchWorker> workers)
      throws SQLException, InterruptedException {
    while (failure.get() == null) {
      JobStore.Lease lease = store.lease(c, run, owner);
      if (lease != null) {
        TableLayout t = layouts.get(lease.table());
        if (t == null) {
          throw new ColsealConfigException("job " + run.jobId() + " has a partition of table " + lease.table()
              + " that this run does not select; give the same tables, or another --job-id");
        }
        BatchWorker w = workers.computeIfAbsent(lease.table(), x -> new BatchWorker(dialect, store, run, t,
            candidates.apply(t), rewriters.apply(t), o.batchSize(), o.batchBytes(), o.transactionTimeout(), throttle, counters,
            metrics, events));
        w.process(c, lease);
        continue;
      }
      if (store.finishIfDone(c, run)) {
        return;
      }
      Thread.sleep(POLL_MILLIS); // coordination with other processes' workers, by polling the job table
    }
  }

  private String options(java.util.Set<String> tables) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tables", List.copyOf(new TreeSet<>(tables)));
    m.put("mode", o.mode());
    m.put("batchSize", o.batchSize());
    m.put("batchBytes", o.batchBytes());
    m.put("partitionsPerTable", o.partitionsPerTable());
    m.put("lease", o.lease());
    return JsonWriter.writeLine(m).trim();
  }

  private ReencryptionSummary summarize(KeyAdmin admin, String jobId, List<String> tables, long millis) {
    List<ReencryptionSummary.ColumnCounts> cols = new ArrayList<>();
    List<ReencryptionSummary.Retirable> retirable = new ArrayList<>();
    for (String t : tables) {
      List<ColumnRowCounts> counts = admin.countRows(t);
      for (ColumnRowCounts c : counts) {
        Map<String, Long> byVersion = new LinkedHashMap<>();
        c.byKeyVersion().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> byVersion.put(String.valueOf(e.getKey()), e.getValue()));
        cols.add(new ReencryptionSummary.ColumnCounts(c.table(), c.column(), byVersion, c.notEncrypted()));
      }
      for (KeyVersion v : admin.list(t)) {
        long rows = counts.stream().mapToLong(c -> c.rowsOn(v.version())).sum();
        if (v.state() == KeyState.DECRYPT_ONLY && rows == 0) {
          retirable.add(new ReencryptionSummary.Retirable(t, v.version(),
              "colseal keys retire --table " + t + " --version " + v.version()));
        }
      }
    }
    return new ReencryptionSummary(jobId, counters.rowsExamined(), counters.reencrypted(), counters.encrypted(),
        counters.imported(), counters.decrypted(), counters.skipped(), counters.conflicts(), counters.failures(), millis, cols, retirable,
        unreadable);
  }

  private static String workerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
  }
}
