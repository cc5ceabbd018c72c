package io.colseal.operations.internal.job;

import io.colseal.operations.legacy.LegacyFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ReencryptionJob}'s builder collected.
 *
 * @param tables the tables, or null for every table of the column registry
 * @param decrypt decrypt instead of re-encrypting
 * @param partitionsPerTable 0: automatic
 * @param batchBytes the byte budget of a batch's stored values (a batch always has at least one row)
 * @param maxRowsPerSecond 0: unlimited
 * @param transactionTimeout the longest a batch transaction may sit idle, holding its row locks
 * @param legacy the legacy format whose values are moved into envelopes; null for none
 * @param legacyColumns the columns (normalised names) that may hold legacy values; null for every
 *     registered column of the selected tables
 * @param fernetKeyFile the file with the Base64 CiphertextBlob of the legacy Fernet key; null for none
 */
public record JobOptions(@Nullable List<String> tables, boolean decrypt, boolean dryRun, boolean verify,
    boolean resume, @Nullable String jobId, int batchSize, long batchBytes, int workers, int partitionsPerTable, long maxRowsPerSecond,
    Duration lockTimeout, Duration statementTimeout, Duration transactionTimeout, Duration lease,
    @Nullable LegacyFormat legacy, @Nullable Set<String> legacyColumns, @Nullable Path fernetKeyFile,
    boolean algorithmChosen) {

  /** Whether {@code column} (normalised) of a selected table may hold legacy values. */
  public boolean legacyColumn(String column) {
    return legacy != null && (legacyColumns == null || legacyColumns.contains(column));
  }

  public String mode() {
    return decrypt ? "DECRYPT" : "REENCRYPT";
  }
}
