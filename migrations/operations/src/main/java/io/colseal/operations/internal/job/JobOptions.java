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
 * @param maxRowsPerSecond 0: unlimited
 */
public record JobOptions(@Nullable List<String> tables, boolean decrypt, boolean dryRun, boolean verify,
    boolean resume, @Nullable String jobId, int batchSize, int workers, int partitionsPerTable, long maxRowsPerSecond,
    Duration lockTimeout, Duration statementTimeout, Duration lease) {

  public String mode() {
    return decrypt ? "DECRYPT" : "REENCRYPT";
  }
}
