package io.colseal.operations.report;

import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.operations.internal.TextTable;
import java.util.List;
import java.util.Map;

/**
 * {@code colseal reencrypt}: what one process did in one run of a job, and where the selected tables
 * stand afterwards.
 *
 * <p>{@code rowsExamined} and {@code conflicts} count rows; {@code reencrypted}, {@code
 * encryptedFromPlaintext}, {@code importedFromLegacy}, {@code decrypted}, {@code skipped} and {@code
 * failures} count values (one
 * per encrypted column of a row). With {@code --dry-run} the value counts are what a run would do.
 *
 * @param rowsExamined rows read (candidates only: rows with at least one value to change, or every
 *     row with {@code --verify})
 * @param importedFromLegacy values in a legacy format (Fernet tokens, Jasypt ciphertext) opened and
 *     encrypted ({@code --from-fernet-key}, {@code --from-jasypt})
 * @param skipped values of examined rows that needed no change (already on the ACTIVE version, or
 *     not an envelope with {@code --decrypt})
 * @param conflicts rows whose compare-and-set update kept failing because another writer changed
 *     them (after 3 retries); they are left as the other writer wrote them
 * @param failures values that could not be decrypted or encrypted; their rows are left unchanged
 * @param columns per column, the values under each key version and the plaintext ones, counted
 *     after the run
 * @param retirable key versions that are neither ACTIVE nor used by any value any more and are
 *     DECRYPT_ONLY: they can be retired
 * @param unreadable key versions whose row names an algorithm or state this release does not know;
 *     a table whose ACTIVE version is among them was left out of the run
 */
public record ReencryptionSummary(
    String jobId,
    long rowsExamined,
    long reencrypted,
    long encryptedFromPlaintext,
    long importedFromLegacy,
    long decrypted,
    long skipped,
    long conflicts,
    long failures,
    long durationMillis,
    List<ColumnCounts> columns,
    List<Retirable> retirable,
    List<UnreadableKeyVersion> unreadable) implements CommandReport {

  public ReencryptionSummary {
    columns = List.copyOf(columns);
    retirable = List.copyOf(retirable);
    unreadable = List.copyOf(unreadable);
  }

  /**
   * One column after the run.
   *
   * @param byKeyVersion values per key version (JSON object keys are the version numbers)
   * @param plaintext non-NULL values that are not envelopes
   */
  public record ColumnCounts(String table, String column, Map<String, Long> byKeyVersion, long plaintext) {
    public ColumnCounts {
      byKeyVersion = Map.copyOf(byKeyVersion);
    }
  }

  /** A key version that no value uses any more, and the command that retires it. */
  public record Retirable(String table, int version, String command) {}

  /** Whether the run left nothing undone: no failed value and no unresolved conflict. */
  public boolean complete() {
    return failures == 0 && conflicts == 0 && unreadable.isEmpty();
  }

  @Override
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append("Job ").append(jobId).append(": ").append(rowsExamined).append(" rows examined in ")
        .append(durationMillis).append(" ms\n");
    TextTable t = new TextTable("REENCRYPTED", "ENCRYPTED", "IMPORTED", "DECRYPTED", "SKIPPED", "CONFLICTS", "FAILURES");
    t.row(reencrypted, encryptedFromPlaintext, importedFromLegacy, decrypted, skipped, conflicts, failures);
    s.append(t.render());
    if (!columns.isEmpty()) {
      TextTable c = new TextTable("TABLE", "COLUMN", "BY KEY VERSION", "PLAINTEXT");
      for (ColumnCounts col : columns) {
        StringBuilder versions = new StringBuilder();
        col.byKeyVersion().entrySet().stream()
            .sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))))
            .forEach(e -> versions.append(versions.length() == 0 ? "" : ", ").append('v').append(e.getKey())
                .append(": ").append(e.getValue()));
        c.row(col.table(), col.column(), versions.length() == 0 ? "-" : versions, col.plaintext());
      }
      s.append('\n').append(c.render());
    }
    for (Retirable r : retirable) {
      s.append('\n').append(r.table()).append(" v").append(r.version()).append(" is no longer used: ")
          .append(r.command());
    }
    if (!retirable.isEmpty()) {
      s.append('\n');
    }
    unreadable.forEach(u -> s.append('\n').append("Left out: ").append(u.message()).append('\n'));
    if (failures > 0 || conflicts > 0) {
      s.append('\n').append("Incomplete: ").append(failures).append(" values failed, ").append(conflicts)
          .append(" rows conflicted; see the failure lines, fix them, and run again.\n");
    }
    return s.toString();
  }
}
