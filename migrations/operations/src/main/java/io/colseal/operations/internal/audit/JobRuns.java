package io.colseal.operations.internal.audit;

import io.colseal.jdbc.DatabaseVendor;
import io.colseal.operations.internal.job.Dialect;
import io.colseal.operations.internal.job.Leases;
import io.colseal.operations.report.AuditReport.JobRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Runs of re-encryption jobs from {@code colseal_job} and {@code colseal_job_partition}, with their
 * partition counts summed. {@code colseal_job} keeps only a job's latest run, so an earlier run has
 * state {@code SUPERSEDED} and mode {@code UNKNOWN}; its start and end are the earliest and latest
 * partition updates. The latest run starts at the job's creation (run 1) or its earliest partition
 * update.
 *
 * <p>A latest run still {@code RUNNING} is <em>stale</em> ({@link #STALE}) when it has unfinished
 * partitions and no worker holds a live lease on any of them, and either some lease has expired (its
 * worker stopped committing batches: every batch renews the lease) or nothing has changed for
 * longer than the longest lease colseal allows (one hour: a worker that died between partitions
 * leaves no lease to expire). Leases are compared with the database clock, as the job compares them.
 */
public final class JobRuns {
  /** The state reported, instead of {@code RUNNING}, for a run nobody is working on. */
  public static final String STALE = "STALE";

  /** The longest lease a job may take ({@code ReencryptionJob.Builder.lease}). */
  private static final long LONGEST_LEASE_SECONDS = Leases.LONGEST.toSeconds();

  private JobRuns() {}

  /**
   * A stale latest run: its tables (sorted), its partitions, how many are DONE, and the last change
   * to any of them (its last progress).
   */
  public record StaleJob(String jobId, int runNo, String mode, List<String> tables, int partitions, int done,
      Instant lastProgress) {
    public StaleJob {
      tables = List.copyOf(tables);
    }
  }

  /** The latest runs that are {@code RUNNING} in {@code colseal_job} but stale (see above). */
  public static List<StaleJob> stale(Connection c) throws SQLException {
    boolean zoned = DatabaseVendor.of(c).zonedTimestamps();
    String now = Dialect.of(c).now();
    Map<String, Progress> jobs = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT j.job_id, j.run_no, j.mode, p.table_name, COUNT(*),"
            + " SUM(CASE WHEN p.state = 'DONE' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.state = 'LEASED' AND p.lease_until >= " + now + " THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.state = 'LEASED' AND p.lease_until < " + now + " THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN p.updated_at >= " + longestLeaseAgo(c, now) + " THEN 1 ELSE 0 END),"
            + " MAX(p.updated_at)"
            + " FROM colseal_job j JOIN colseal_job_partition p ON p.job_id = j.job_id AND p.run_no = j.run_no"
            + " WHERE j.state = 'RUNNING' GROUP BY j.job_id, j.run_no, j.mode, p.table_name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Progress p = jobs.get(rs.getString(1));
        if (p == null) {
          p = new Progress(rs.getInt(2), rs.getString(3));
          jobs.put(rs.getString(1), p);
        }
        p.add(rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
            instant(rs, 10, zoned));
      }
    }
    List<StaleJob> out = new ArrayList<>();
    jobs.forEach((id, p) -> {
      if (p.done < p.partitions && p.liveLeases == 0 && (p.expiredLeases > 0 || p.recentlyChanged == 0)) {
        out.add(new StaleJob(id, p.runNo, p.mode, List.copyOf(p.tables), p.partitions, p.done, p.last));
      }
    });
    out.sort((a, b) -> a.jobId().compareTo(b.jobId()));
    return out;
  }

  /** The partition counts of one running job, summed over its tables. */
  private static final class Progress {
    final int runNo;
    final String mode;
    final TreeSet<String> tables = new TreeSet<>();
    int partitions;
    int done;
    int liveLeases;
    int expiredLeases;
    int recentlyChanged;
    @Nullable Instant last;

    Progress(int runNo, String mode) {
      this.runNo = runNo;
      this.mode = mode;
    }

    void add(String table, int partitions, int done, int live, int expired, int recent, Instant lastUpdate) {
      tables.add(table);
      this.partitions += partitions;
      this.done += done;
      liveLeases += live;
      expiredLeases += expired;
      recentlyChanged += recent;
      last = last == null || lastUpdate.isAfter(last) ? lastUpdate : last;
    }
  }

  /** The database time {@link #LONGEST_LEASE_SECONDS} before {@code now}. */
  private static String longestLeaseAgo(Connection c, String now) throws SQLException {
    return switch (DatabaseVendor.of(c)) {
      case H2 -> "DATEADD(SECOND, -" + LONGEST_LEASE_SECONDS + ", " + now + ")";
      case POSTGRESQL -> "(" + now + " - INTERVAL '" + LONGEST_LEASE_SECONDS + " seconds')";
      case MYSQL -> "TIMESTAMPADD(SECOND, -" + LONGEST_LEASE_SECONDS + ", " + now + ")";
    };
  }

  private record Job(String mode, String state, Instant createdAt, @Nullable Instant finishedAt, int runNo) {}

  /** The runs, oldest first; the latest run of each job in {@code stale} has state {@link #STALE}. */
  public static List<JobRun> read(Connection c, List<StaleJob> stale) throws SQLException {
    boolean zoned = DatabaseVendor.of(c).zonedTimestamps();
    Map<String, Job> jobs = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
            "SELECT job_id, run_no, mode, state, created_at, finished_at FROM colseal_job");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        jobs.put(rs.getString(1), new Job(rs.getString(3), rs.getString(4), instant(rs, 5, zoned),
            instantOrNull(rs, 6, zoned), rs.getInt(2)));
      }
    }
    List<JobRun> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
            "SELECT job_id, run_no, COUNT(*), SUM(rows_examined), SUM(rows_changed), SUM(conflicts), SUM(failures),"
                + " MIN(updated_at), MAX(updated_at) FROM colseal_job_partition GROUP BY job_id, run_no"
                + " ORDER BY job_id, run_no");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        int run = rs.getInt(2);
        Job job = jobs.get(id);
        Instant first = instant(rs, 8, zoned);
        Instant last = instant(rs, 9, zoned);
        boolean latest = job != null && job.runNo() == run;
        String mode = latest ? job.mode() : "UNKNOWN";
        String state = !latest ? "SUPERSEDED"
            : stale.stream().anyMatch(j -> j.jobId().equals(id) && j.runNo() == run) ? STALE : job.state();
        Instant started = latest && run == 1 ? job.createdAt() : first;
        Instant finished = latest ? job.finishedAt() : last;
        out.add(new JobRun(id, run, mode, state, started, finished, rs.getInt(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6), rs.getLong(7)));
      }
    }
    out.sort((a, b) -> a.startedAt().compareTo(b.startedAt()) != 0 ? a.startedAt().compareTo(b.startedAt())
        : a.jobId().compareTo(b.jobId()) != 0 ? a.jobId().compareTo(b.jobId()) : Integer.compare(a.runNo(), b.runNo()));
    return out;
  }

  private static Instant instant(ResultSet rs, int i, boolean zoned) throws SQLException {
    Instant t = instantOrNull(rs, i, zoned);
    if (t == null) {
      throw new SQLException("unexpected NULL timestamp in the job tables");
    }
    return t;
  }

  private static @Nullable Instant instantOrNull(ResultSet rs, int i, boolean zoned) throws SQLException {
    if (zoned) {
      OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }
}
