package io.colseal.operations.report;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a re-encryption job reports while it runs, in order: one {@link Start}, a {@link Batch} after
 * every committed batch, {@link Progress} at most once a second, a {@link Failure} per value that
 * failed, and one {@link Summary} at the end. {@code colseal reencrypt --json} writes each as one
 * line, {@code {"event":"<kind>", ...the record's components}}, a summary with the components of its
 * {@link ReencryptionSummary}. Events carry names, keys, versions and counts, never a value.
 */
public sealed interface ReencryptionEvent {
  /** The {@code event} member of its JSON line: {@code start}, {@code batch}, ... */
  String kind();

  /** The run began; {@code workerId} is {@code host:pid:uuid} of this process. */
  record Start(String jobId, String mode, boolean dryRun, boolean verify, List<String> tables, String workerId)
      implements ReencryptionEvent {
    public Start {
      tables = List.copyOf(tables);
    }

    @Override
    public String kind() {
      return "start";
    }
  }

  /** One committed batch of a partition; {@code rows} are rows, the other counts values (conflicts rows). */
  record Batch(String jobId, String table, int partition, long rows, long reencrypted, long encrypted,
      long imported, long decrypted, long skipped, long conflicts, long failures) implements ReencryptionEvent {
    @Override
    public String kind() {
      return "batch";
    }
  }

  /** Rows done by this process so far, of the candidate rows counted when it started. */
  record Progress(long rowsDone, long rowsTotal, double rowsPerSecond, @Nullable Long etaSeconds)
      implements ReencryptionEvent {
    @Override
    public String kind() {
      return "progress";
    }
  }

  /**
   * A value that could not be processed; its row was left as it was.
   *
   * @param primaryKey the row's primary key, column name to value
   * @param keyVersion the key version its envelope names; null for a value that is not an envelope
   * @param code the {@code ErrorCode} name: {@code DECRYPT_FAILED}, {@code KEY_NOT_FOUND}, ...
   */
  record Failure(String table, String column, Map<String, Object> primaryKey, @Nullable Integer keyVersion,
      String code) implements ReencryptionEvent {
    public Failure {
      primaryKey = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(primaryKey));
    }

    @Override
    public String kind() {
      return "failure";
    }
  }

  /** The end of the run. */
  record Summary(ReencryptionSummary summary) implements ReencryptionEvent {
    @Override
    public String kind() {
      return "summary";
    }
  }
}
