package io.colseal.operations.internal.job;

import io.colseal.operations.internal.job.JobStore.PlannedPartition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a table into primary-key ranges {@code (lower, upper]}: it reads the ordered key values
 * once and takes every (rows / partitions)-th as an upper bound. The first range has no lower bound
 * and the last no upper bound, so rows inserted later are covered too.
 */
public final class PartitionPlanner {
  static final int ROWS_PER_AUTOMATIC_PARTITION = 50_000;
  static final int MAX_AUTOMATIC_PARTITIONS = 64;

  private PartitionPlanner() {}

  /** The partition count for {@code rows}: {@code requested} if positive, else automatic. */
  public static int partitionCount(long rows, int requested) {
    if (requested > 0) {
      return requested;
    }
    return (int) Math.max(1, Math.min(MAX_AUTOMATIC_PARTITIONS, rows / ROWS_PER_AUTOMATIC_PARTITION));
  }

  /** The upper bounds for {@code partitions} ranges over {@code rows} ordered keys: the 1-based positions. */
  public static List<Long> boundaryPositions(long rows, int partitions) {
    List<Long> out = new ArrayList<>();
    if (partitions <= 1 || rows <= 1) {
      return out;
    }
    long step = (rows + partitions - 1) / partitions;
    for (long pos = step; pos < rows && out.size() < partitions - 1; pos += step) {
      out.add(pos);
    }
    return out;
  }

  public static List<PlannedPartition> plan(Connection c, TableLayout t, int requested) throws SQLException {
    long rows;
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + t.tableSql());
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      rows = rs.getLong(1);
    }
    List<Long> positions = boundaryPositions(rows, partitionCount(rows, requested));
    List<String> bounds = new ArrayList<>();
    if (!positions.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + t.keyList() + " FROM " + t.tableSql()
          + " ORDER BY " + t.keyList())) {
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          long pos = 0;
          int next = 0;
          while (next < positions.size() && rs.next()) {
            pos++;
            if (pos == positions.get(next)) {
              List<Object> key = new ArrayList<>();
              for (int i = 1; i <= t.key().size(); i++) {
                key.add(rs.getObject(i));
              }
              bounds.add(KeyTuple.encode(key));
              next++;
            }
          }
        }
      }
    }
    List<PlannedPartition> out = new ArrayList<>();
    @Nullable String lower = null;
    for (int i = 0; i <= bounds.size(); i++) {
      String upper = i < bounds.size() ? bounds.get(i) : null;
      out.add(new PlannedPartition(t.table(), i, lower, upper));
      lower = upper;
    }
    return out;
  }
}
