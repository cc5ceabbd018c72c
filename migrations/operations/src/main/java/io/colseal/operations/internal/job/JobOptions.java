package io.colseal.operations.internal.job;

import java.time.Duration;
import java.util.List;
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
 */
public record JobOptions(@Nullable List<String> tables, boolean decrypt, boolean dryRun, boolean verify,
    boolean resume, @Nullable String jobId, int batchSize, long batchBytes, int workers, int partitionsPerTable, long maxRowsPerSecond,
    Duration lockTimeout, Duration statementTimeout, Duration transactionTimeout, Duration lease) {

  public String mode() {
    return decrypt ? "DECRYPT" : "REENCRYPT";
  }
}
