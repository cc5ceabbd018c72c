package io.colseal.operations.internal.job;

import io.colseal.RegisteredColumn;
import io.colseal.operations.internal.job.JobStore.Lease;
import io.colseal.operations.internal.job.JobStore.Run;
import io.colseal.operations.internal.job.PageReader.Row;
import io.colseal.operations.internal.job.RowRewriter.Change;
import io.colseal.operations.report.ReencryptionEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Works through one leased partition, one transaction per batch: read a page of candidate rows
 * after the checkpoint, compute their new values, write them with compare-and-set on the old values
 * (JDBC batch), then record checkpoint, counters and a renewed lease, and commit. A row whose
 * compare-and-set fails (an application wrote it meanwhile) is read again and retried up to 3
 * times, then counted as a conflict. If the lease turns out to be another worker's, the batch is
 * rolled back and the partition left to that worker.
 */
public final class BatchWorker {
  static final int CAS_RETRIES = 3;
  static final int BATCH_RETRIES = 3;

  private final Dialect dialect;
  private final JobStore store;
  private final Run run;
  private final TableLayout table;
  private final PageReader reader;
  private final RowRewriter rewriter;
  private final int batchSize;
  private final Duration transactionTimeout;
  private final @Nullable TokenBucket throttle;
  private final JobCounters counters;
  private final JobMetrics metrics;
  private final Consumer<ReencryptionEvent> events;
  private final Map<Integer, String> updateSql = new LinkedHashMap<>();

  public BatchWorker(Dialect dialect, JobStore store, Run run, TableLayout table, Candidates candidates,
      RowRewriter rewriter, int batchSize, long batchBytes, Duration transactionTimeout, @Nullable TokenBucket throttle, JobCounters counters, JobMetrics metrics,
      Consumer<ReencryptionEvent> events) {
    this.dialect = dialect;
    this.store = store;
    this.run = run;
    this.table = table;
    this.reader = new PageReader(dialect, table, candidates, batchBytes);
    this.rewriter = rewriter;
    this.batchSize = batchSize;
    this.transactionTimeout = transactionTimeout;
    this.throttle = throttle;
    this.counters = counters;
    this.metrics = metrics;
    this.events = events;
  }

  /** The counts of one batch. */
  private static final class Tally {
    long rows;
    long changedRows;
    long reencrypted;
    long encrypted;
    long imported;
    long decrypted;
    long skipped;
    long conflicts;
    final List<ReencryptionEvent.Failure> failures = new ArrayList<>();

    void add(Change c) {
      reencrypted += c.reencrypted();
      encrypted += c.encrypted();
      imported += c.imported();
      decrypted += c.decrypted();
      skipped += c.skipped();
    }
  }

  /** Processes the partition until it is DONE or the lease is lost. {@code c}: manual commit, READ COMMITTED. */
  public void process(Connection c, Lease lease) throws SQLException, InterruptedException {
    List<Object> after = lease.checkpointKey() != null ? KeyTuple.decode(lease.checkpointKey())
        : lease.lowerKey() != null ? KeyTuple.decode(lease.lowerKey()) : null;
    List<Object> upper = lease.upperKey() == null ? null : KeyTuple.decode(lease.upperKey());
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      long start = System.nanoTime();
      Batch b = null;
      long since = System.nanoTime();
      for (int attempt = 1; b == null; attempt++) {
        try {
          b = batch(c, lease, after, upper);
        } catch (SQLException e) {
          // A lock timeout or deadlock: roll back and try the batch again. The rows may be held by
          // a frozen worker of this job, whose batch the database ends after the transaction
          // timeout: keep trying at least that long, then give up (an application holds them).
          rollback(c, e);
          boolean waitedOutFrozenWorker = !dialect.isLockWait(e)
              || System.nanoTime() - since > transactionTimeout.toNanos();
          if (attempt >= BATCH_RETRIES && waitedOutFrozenWorker) {
            throw e;
          }
        }
      }
      if (b.lost()) {
        return;
      }
      Tally t = b.tally();
      boolean done = b.done();
      List<Object> last = b.last();
      report(lease, t, System.nanoTime() - start);
      if (done) {
        return;
      }
      after = last;
    }
  }

  /** Rolls back after {@code failure}; if the connection is gone too, rethrows {@code failure}. */
  private static void rollback(Connection c, SQLException failure) throws SQLException {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
      throw failure;
    }
  }

  /** The outcome of one batch: lost lease, or committed with its counts. */
  private record Batch(boolean lost, Tally tally, boolean done, @Nullable List<Object> last) {}

  private Batch batch(Connection c, Lease lease, @Nullable List<Object> after, @Nullable List<Object> upper)
      throws SQLException, InterruptedException {
    PageReader.Page read = reader.page(c, after, upper, batchSize);
    List<Row> page = read.rows();
    if (throttle != null && !page.isEmpty()) {
      c.commit(); // the read took no locks; no transaction stays open while the throttle waits
      throttle.acquire(page.size());
    }
    Tally t = new Tally();
    t.rows = page.size();
    applyPage(c, page, t);
    boolean done = read.last();
    List<Object> last = page.isEmpty() ? null : page.get(page.size() - 1).key();
    if (!store.checkpoint(c, run, lease, last == null ? null : KeyTuple.encode(last), t.rows, t.changedRows,
        t.conflicts, t.failures.size(), done)) {
      c.rollback();
      return new Batch(true, t, done, last);
    }
    c.commit();
    return new Batch(false, t, done, last);
  }

  private void report(Lease lease, Tally t, long nanos) {
    counters.rowsExamined.add(t.rows);
    counters.reencrypted.add(t.reencrypted);
    counters.encrypted.add(t.encrypted);
    counters.imported.add(t.imported);
    counters.decrypted.add(t.decrypted);
    counters.skipped.add(t.skipped);
    counters.conflicts.add(t.conflicts);
    counters.failures.add(t.failures.size());
    metrics.values("reencrypted", t.reencrypted);
    metrics.values("encrypted", t.encrypted);
    metrics.values("imported", t.imported);
    metrics.values("decrypted", t.decrypted);
    metrics.values("skipped", t.skipped);
    metrics.values("conflict", t.conflicts);
    metrics.values("failure", t.failures.size());
    metrics.batch(nanos);
    t.failures.forEach(events);
    events.accept(new ReencryptionEvent.Batch(run.jobId(), table.table(), lease.partition(), t.rows, t.reencrypted,
        t.encrypted, t.imported, t.decrypted, t.skipped, t.conflicts, t.failures.size()));
  }

  /** A row to write and what it becomes. */
  private record Pending(Row row, Change change, int mask) {}

  /**
   * The page's changes as one JDBC batch per set of changed columns; rows whose compare-and-set
   * failed are then read again and retried one by one.
   */
  private void applyPage(Connection c, List<Row> page, Tally t) throws SQLException {
    Map<Integer, List<Pending>> byMask = new LinkedHashMap<>();
    for (Row row : page) {
      Change change = rewriter.rewrite(row.key(), row.stored(), row.plain());
      if (!change.failures().isEmpty()) {
        fail(row, change, t);
      } else if (!change.writes()) {
        t.add(change);
      } else {
        int mask = mask(change);
        byMask.computeIfAbsent(mask, m -> new ArrayList<>()).add(new Pending(row, change, mask));
      }
    }
    List<Row> retry = new ArrayList<>();
    for (Map.Entry<Integer, List<Pending>> group : byMask.entrySet()) {
      List<Pending> rows = group.getValue();
      int[] counts;
      try (PreparedStatement ps = c.prepareStatement(updateSql.computeIfAbsent(group.getKey(), this::updateStatement))) {
        for (Pending p : rows) {
          bindUpdate(ps, p.row(), p.change());
          ps.addBatch();
        }
        counts = ps.executeBatch();
      }
      for (int i = 0; i < rows.size(); i++) {
        Pending p = rows.get(i);
        boolean ok = counts[i] == 1
            || counts[i] == Statement.SUCCESS_NO_INFO && written(c, p.row().key(), p.change().newValues());
        if (ok) {
          t.add(p.change());
          t.changedRows++;
        } else {
          retry.add(p.row());
        }
      }
    }
    for (Row row : retry) {
      retryRow(c, row, t);
    }
  }

  private void fail(Row row, Change change, Tally t) {
    for (RowRewriter.FailedValue f : change.failures()) {
      t.failures.add(new ReencryptionEvent.Failure(table.table(), f.column(), primaryKey(row.key()), f.keyVersion(),
          f.code()));
    }
  }

  /** A row whose compare-and-set failed: read it again and retry, up to {@link #CAS_RETRIES} times. */
  private void retryRow(Connection c, Row stale, Tally t) throws SQLException {
    for (int attempt = 0; attempt < CAS_RETRIES; attempt++) {
      Row row = reader.reread(c, stale.key());
      if (row == null) {
        return; // deleted meanwhile: nothing to do
      }
      Change change = rewriter.rewrite(row.key(), row.stored(), row.plain());
      if (!change.failures().isEmpty()) {
        fail(row, change, t);
        return;
      }
      if (!change.writes()) {
        t.add(change);
        return;
      }
      if (compareAndSet(c, row, change)) {
        t.add(change);
        t.changedRows++;
        return;
      }
    }
    t.conflicts++;
  }

  private static int mask(Change change) {
    int mask = 0;
    Object[] values = change.newValues();
    for (int j = 0; j < values.length; j++) {
      if (values[j] != null) {
        mask |= 1 << j;
      }
    }
    return mask;
  }

  private boolean compareAndSet(Connection c, Row row, Change change) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(updateSql.computeIfAbsent(mask(change), this::updateStatement))) {
      bindUpdate(ps, row, change);
      int n = ps.executeUpdate();
      return n == 1 || n == Statement.SUCCESS_NO_INFO && written(c, row.key(), change.newValues());
    }
  }

  /** New values, then the key, then the old values of the changed columns. */
  private void bindUpdate(PreparedStatement ps, Row row, Change change) throws SQLException {
    Object[] values = change.newValues();
    int i = 1;
    for (Object v : values) {
      if (v != null) {
        set(ps, i++, v);
      }
    }
    i = reader.bindKey(ps, i, Keyset.equal(keySql()), row.key());
    for (int j = 0; j < values.length; j++) {
      if (values[j] != null) {
        set(ps, i++, row.stored()[j]);
      }
    }
  }

  /** For drivers that do not count: whether the row now holds the values just written. */
  private boolean written(Connection c, List<Object> key, Object[] values) throws SQLException {
    Row now = reader.reread(c, key);
    if (now == null) {
      return false;
    }
    for (int j = 0; j < values.length; j++) {
      if (values[j] != null && !sameValue(values[j], now.stored()[j])) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(Object a, @Nullable Object b) {
    return a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a.equals(b);
  }

  private String updateStatement(int mask) {
    List<RegisteredColumn> cols = table.columns();
    List<String> sets = new ArrayList<>();
    List<String> cas = new ArrayList<>();
    for (int j = 0; j < cols.size(); j++) {
      if ((mask & (1 << j)) != 0) {
        sets.add(cols.get(j).columnSql() + " = ?");
        cas.add(dialect.nullSafeEquals(cols.get(j).columnSql()));
      }
    }
    return "UPDATE " + table.tableSql() + " SET " + String.join(", ", sets) + " WHERE " + Keyset.equal(keySql()).sql()
        + " AND " + String.join(" AND ", cas);
  }

  private List<String> keySql() {
    return table.key().stream().map(TableLayout.KeyColumn::sql).toList();
  }

  private static void set(PreparedStatement ps, int index, @Nullable Object v) throws SQLException {
    if (v instanceof byte[] b) {
      ps.setBytes(index, b);
    } else {
      ps.setString(index, (String) v);
    }
  }

  /** The key as reported: column name to value. */
  Map<String, Object> primaryKey(List<Object> key) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < key.size(); i++) {
      out.put(table.key().get(i).display(), key.get(i));
    }
    return out;
  }
}
