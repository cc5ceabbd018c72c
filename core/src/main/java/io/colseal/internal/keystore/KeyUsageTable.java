package io.colseal.internal.keystore;

import io.colseal.keys.KeyUsage;
import io.colseal.keys.KeyWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of the usage records (key table migration V0_9): {@code colseal_key_writer}, one row per
 * encrypting process, updated only by that process (UPDATE, then INSERT when it has no row yet, so no
 * dialect's upsert is needed), and {@code colseal_key_usage}, insert-only, one row per flush per
 * (table, key version). Thread safe.
 */
public final class KeyUsageTable {
  public static final String WRITER_TABLE = "colseal_key_writer";
  public static final String USAGE_TABLE = "colseal_key_usage";
  static final String VALIDATE_WRITERS = "SELECT instance_id, process, started_at, last_report_at, stopped_at,"
      + " refresh_interval_ms FROM " + WRITER_TABLE + " WHERE 1 = 0";
  static final String VALIDATE_USAGE = "SELECT table_name, key_version, instance_id, period_start, period_end,"
      + " encryptions FROM " + USAGE_TABLE + " WHERE 1 = 0";

  private final JdbcSupport jdbc;

  public KeyUsageTable(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  /** One count to insert: {@code encryptions} under {@code table} v{@code version} within the period. */
  public record Count(String table, int version, Instant periodStart, Instant periodEnd, long encryptions) {}

  /**
   * Records one flush of this process in one transaction: its writer row ({@code last_report_at =
   * reportAt}, and {@code stopped_at} when it closes) and its counts.
   */
  public void flush(String instanceId, Instant startedAt, Duration refreshInterval, Instant reportAt,
      @Nullable Instant stoppedAt, List<Count> counts) {
    jdbc.inTransaction("record key usage", USAGE_TABLE, c -> {
      if (updateWriter(c, instanceId, reportAt, stoppedAt) == 0) {
        insertWriter(c, instanceId, startedAt, refreshInterval, reportAt, stoppedAt);
      }
      if (!counts.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + USAGE_TABLE
            + " (table_name, key_version, instance_id, period_start, period_end, encryptions) VALUES (?, ?, ?, ?, ?, ?)")) {
          for (Count n : counts) {
            ps.setString(1, n.table());
            ps.setInt(2, n.version());
            ps.setString(3, instanceId);
            jdbc.setInstant(ps, 4, n.periodStart());
            jdbc.setInstant(ps, 5, n.periodEnd());
            ps.setLong(6, n.encryptions());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return Boolean.TRUE;
    });
  }

  private int updateWriter(Connection c, String instanceId, Instant reportAt, @Nullable Instant stoppedAt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + WRITER_TABLE
        + " SET last_report_at = ?, stopped_at = ? WHERE instance_id = ?")) {
      jdbc.setInstant(ps, 1, reportAt);
      jdbc.setInstant(ps, 2, stoppedAt);
      ps.setString(3, instanceId);
      return ps.executeUpdate();
    }
  }

  private void insertWriter(Connection c, String instanceId, Instant startedAt, Duration refreshInterval,
      Instant reportAt, @Nullable Instant stoppedAt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + WRITER_TABLE
        + " (instance_id, process, started_at, last_report_at, stopped_at, refresh_interval_ms)"
        + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, instanceId);
      ps.setString(2, ProcessIdentity.describe());
      jdbc.setInstant(ps, 3, startedAt);
      jdbc.setInstant(ps, 4, reportAt);
      jdbc.setInstant(ps, 5, stoppedAt);
      ps.setLong(6, refreshInterval.toMillis());
      ps.executeUpdate();
    }
  }

  /** Every usage record, ordered by table, version and period. */
  public List<KeyUsage> listUsage() {
    return jdbc.inTransaction("read the key usage records", USAGE_TABLE, c -> {
      List<KeyUsage> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT table_name, key_version, instance_id, period_start,"
          + " period_end, encryptions FROM " + USAGE_TABLE + " ORDER BY table_name, key_version, period_start, usage_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new KeyUsage(rs.getString(1), rs.getInt(2), rs.getString(3),
              jdbc.requireInstant(rs, "period_start", USAGE_TABLE), jdbc.requireInstant(rs, "period_end", USAGE_TABLE),
              rs.getLong(6)));
        }
      }
      return out;
    });
  }

  /** Every writer row, ordered by start. */
  public List<KeyWriter> listWriters() {
    return jdbc.inTransaction("read the key writers", WRITER_TABLE, c -> {
      List<KeyWriter> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT instance_id, process, started_at, last_report_at,"
          + " stopped_at, refresh_interval_ms FROM " + WRITER_TABLE + " ORDER BY started_at, instance_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new KeyWriter(rs.getString(1), rs.getString(2), jdbc.requireInstant(rs, "started_at", WRITER_TABLE),
              jdbc.requireInstant(rs, "last_report_at", WRITER_TABLE), jdbc.getInstant(rs, "stopped_at"),
              Duration.ofMillis(rs.getLong("refresh_interval_ms"))));
        }
      }
      return out;
    });
  }
}
