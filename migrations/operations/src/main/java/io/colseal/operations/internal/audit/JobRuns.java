package io.colseal.operations.internal.audit;

import io.colseal.jdbc.DatabaseVendor;
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
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs of re-encryption jobs from {@code colseal_job} and {@code colseal_job_partition}, with their
 * partition counts summed. {@code colseal_job} keeps only a job's latest run, so an earlier run has
 * state {@code SUPERSEDED} and mode {@code UNKNOWN}; its start and end are the earliest and latest
 * partition updates. The latest run starts at the job's creation (run 1) or its earliest partition
 * update.
 */
public final class JobRuns {
  private JobRuns() {}

  private record Job(String mode, String state, Instant createdAt, @Nullable Instant finishedAt, int runNo) {}

  public static List<JobRun> read(Connection c) throws SQLException {
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
        String state = latest ? job.state() : "SUPERSEDED";
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
