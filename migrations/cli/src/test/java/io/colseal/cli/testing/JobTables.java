package io.colseal.cli.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the re-encryption job tables ({@code colseal_job}, {@code colseal_job_partition}) for assertions. */
public final class JobTables {
  private JobTables() {}

  /** A row of {@code colseal_job}. */
  public record Job(String jobId, int runNo, String mode, String state) {}

  /** A row of {@code colseal_job_partition}. */
  public record Partition(String table, int partitionNo, String state, int attempts, long rowsExamined,
      long rowsChanged, long conflicts, long failures) {}

  public static Job job(CliDatabase db, String jobId) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT job_id, run_no, mode, state FROM colseal_job WHERE job_id = ?")) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "no colseal_job row for " + jobId);
        return new Job(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4));
      }
    }
  }

  /** The partitions of the job's current run, by table and number. */
  public static List<Partition> partitions(CliDatabase db, String jobId) throws SQLException {
    int run = job(db, jobId).runNo();
    List<Partition> out = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT table_name, partition_no, state, attempts, rows_examined,"
            + " rows_changed, conflicts, failures FROM colseal_job_partition WHERE job_id = ? AND run_no = ?"
            + " ORDER BY table_name, partition_no")) {
      ps.setString(1, jobId);
      ps.setInt(2, run);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Partition(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
              rs.getLong(6), rs.getLong(7), rs.getLong(8)));
        }
      }
    }
    return out;
  }
}
