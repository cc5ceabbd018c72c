package io.colseal.operations.internal.job;

import io.colseal.exception.ColsealConfigException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The job tables {@code colseal_job} and {@code colseal_job_partition}: runs, partitions, leases
 * and checkpoints. Times come from the database clock, so processes on different hosts agree on
 * when a lease expires.
 *
 * <p>A partition is leasable when PENDING, or LEASED with its lease expired (or by the same owner). Leasing selects it
 * {@code FOR UPDATE SKIP LOCKED} (H2: {@code FOR UPDATE}) and then updates it only if it is still
 * leasable, so two workers never hold the same partition. Every batch renews the lease in the same
 * transaction as its data, and only while the lease is still this worker's.
 */
public final class JobStore {
  private final Dialect dialect;
  private final Duration lease;

  public JobStore(Dialect dialect, Duration lease) {
    this.dialect = dialect;
    this.lease = lease;
  }

  /** The run a process works on: {@code joined} when it continues an unfinished run. */
  public record Run(String jobId, int runNo, boolean joined) {}

  /** A partition leased by one worker. */
  public record Lease(String table, int partition, @Nullable String lowerKey, @Nullable String upperKey,
      @Nullable String checkpointKey, String owner) {}

  /** A partition to create. */
  public record PlannedPartition(String table, int partition, @Nullable String lowerKey, @Nullable String upperKey) {}

  /** No unfinished run of a job to resume. */
  public static final class NothingToResume extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NothingToResume(String jobId) {
      super("no unfinished job '" + jobId + "' to resume; run without --resume to start one");
    }
  }

  /** Plans the partitions of a new run; called while the job row is locked. */
  public interface Planner {
    List<PlannedPartition> plan(Connection c) throws SQLException;
  }

  /**
   * Joins the unfinished run of {@code jobId}, or starts a new one (planned by {@code planner}) when
   * there is none or the last one is DONE. {@code c} is in manual-commit mode; this commits.
   */
  public Run openRun(Connection c, String jobId, String mode, String options, boolean resume, Planner planner)
      throws SQLException {
    for (int attempt = 0; ; attempt++) {
      Integer runNo = null;
      String state = null;
      String storedMode = null;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT run_no, state, mode FROM colseal_job WHERE job_id = ? FOR UPDATE")) {
        ps.setString(1, jobId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            runNo = rs.getInt(1);
            state = rs.getString(2);
            storedMode = rs.getString(3);
          }
        }
      }
      if ("RUNNING".equals(state)) {
        c.commit();
        if (!mode.equals(storedMode)) {
          throw new ColsealConfigException("job '" + jobId + "' is an unfinished " + storedMode + " job; this run asks for "
              + mode + "; give another --job-id");
        }
        return new Run(jobId, runNo, true);
      }
      if (resume) {
        c.rollback();
        throw new NothingToResume(jobId);
      }
      int next = runNo == null ? 1 : runNo + 1;
      List<PlannedPartition> partitions = planner.plan(c);
      try {
        if (runNo == null) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO colseal_job (job_id, run_no, mode, state, "
              + "options, created_at, updated_at) VALUES (?, ?, ?, 'RUNNING', ?, " + dialect.now() + ", "
              + dialect.now() + ")")) {
            ps.setString(1, jobId);
            ps.setInt(2, next);
            ps.setString(3, mode);
            ps.setString(4, options);
            ps.executeUpdate();
          }
        } else {
          try (PreparedStatement ps = c.prepareStatement("UPDATE colseal_job SET run_no = ?, mode = ?, "
              + "state = 'RUNNING', options = ?, updated_at = " + dialect.now() + ", finished_at = NULL WHERE job_id = ?")) {
            ps.setInt(1, next);
            ps.setString(2, mode);
            ps.setString(3, options);
            ps.setString(4, jobId);
            ps.executeUpdate();
          }
        }
      } catch (SQLException e) {
        // Another process created the job at the same moment: take its run on the next pass.
        c.rollback();
        if (attempt < 2) {
          continue;
        }
        throw e;
      }
      insertPartitions(c, jobId, next, partitions);
      c.commit();
      return new Run(jobId, next, false);
    }
  }

  private void insertPartitions(Connection c, String jobId, int runNo, List<PlannedPartition> partitions)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO colseal_job_partition (job_id, run_no, table_name, "
        + "partition_no, lower_key, upper_key, state, attempts, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, "
        + dialect.now() + ")")) {
      for (PlannedPartition p : partitions) {
        ps.setString(1, jobId);
        ps.setInt(2, runNo);
        ps.setString(3, p.table());
        ps.setInt(4, p.partition());
        ps.setString(5, p.lowerKey());
        ps.setString(6, p.upperKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Leases the next leasable partition of the run for {@code owner}, or returns null if none is. Commits. */
  public @Nullable Lease lease(Connection c, Run run, String owner) throws SQLException {
    // Its own lease too: a worker whose session the database ended takes its partition back at once.
    String leasable = "(state = 'PENDING' OR (state = 'LEASED' AND (lease_until < " + dialect.now()
        + " OR lease_owner = ?)))";
    for (int attempt = 0; attempt < 5; attempt++) {
      Lease found = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT table_name, partition_no, lower_key, upper_key, "
          + "checkpoint_key FROM colseal_job_partition WHERE job_id = ? AND run_no = ? AND " + leasable
          + " ORDER BY table_name, partition_no LIMIT 1" + dialect.forUpdateSkipLocked())) {
        ps.setString(1, run.jobId());
        ps.setInt(2, run.runNo());
        ps.setString(3, owner);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            found = new Lease(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), owner);
          }
        }
      }
      if (found == null) {
        c.commit();
        return null;
      }
      int n;
      try (PreparedStatement ps = c.prepareStatement("UPDATE colseal_job_partition SET state = 'LEASED', "
          + "lease_owner = ?, lease_until = " + dialect.nowPlus(lease) + ", attempts = attempts + 1, updated_at = "
          + dialect.now() + " WHERE job_id = ? AND run_no = ? AND table_name = ? AND partition_no = ? AND " + leasable)) {
        ps.setString(1, owner);
        ps.setString(2, run.jobId());
        ps.setInt(3, run.runNo());
        ps.setString(4, found.table());
        ps.setInt(5, found.partition());
        ps.setString(6, owner);
        n = ps.executeUpdate();
      }
      c.commit();
      if (n == 1) {
        return found;
      }
    }
    return null;
  }

  /**
   * Records a batch in the transaction of its data: the checkpoint (kept when {@code checkpointKey}
   * is null), the counters, a renewed lease, and DONE when {@code done}. Returns false, and changes
   * nothing, if the lease is no longer this worker's: the caller must roll back.
   */
  public boolean checkpoint(Connection c, Run run, Lease lease, @Nullable String checkpointKey, long rows,
      long changed, long conflicts, long failures, boolean done) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE colseal_job_partition SET checkpoint_key = COALESCE(?, "
        + "checkpoint_key), rows_examined = rows_examined + ?, rows_changed = rows_changed + ?, conflicts = conflicts + ?, "
        + "failures = failures + ?, lease_until = " + dialect.nowPlus(this.lease) + ", state = ?, updated_at = "
        + dialect.now() + " WHERE job_id = ? AND run_no = ? AND table_name = ? AND partition_no = ? AND lease_owner = ? "
        + "AND state = 'LEASED'")) {
      ps.setString(1, checkpointKey);
      ps.setLong(2, rows);
      ps.setLong(3, changed);
      ps.setLong(4, conflicts);
      ps.setLong(5, failures);
      ps.setString(6, done ? "DONE" : "LEASED");
      ps.setString(7, run.jobId());
      ps.setInt(8, run.runNo());
      ps.setString(9, lease.table());
      ps.setInt(10, lease.partition());
      ps.setString(11, lease.owner());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Whether every partition of the run is DONE; if so, marks the run DONE (once, whichever process
   * sees it first). Commits.
   */
  public boolean finishIfDone(Connection c, Run run) throws SQLException {
    long total;
    long done;
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'DONE' THEN 1 "
        + "ELSE 0 END), 0) FROM colseal_job_partition WHERE job_id = ? AND run_no = ?")) {
      ps.setString(1, run.jobId());
      ps.setInt(2, run.runNo());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
        done = rs.getLong(2);
      }
    }
    if (done < total) {
      c.commit();
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE colseal_job SET state = 'DONE', finished_at = "
        + dialect.now() + ", updated_at = " + dialect.now() + " WHERE job_id = ? AND run_no = ? AND state = 'RUNNING'")) {
      ps.setString(1, run.jobId());
      ps.setInt(2, run.runNo());
      ps.executeUpdate();
    }
    c.commit();
    return true;
  }
}
