package io.colseal.benchmarks.reencrypt;

import com.google.gson.GsonBuilder;
import io.colseal.benchmarks.reencrypt.ReencryptProcess.HeapReport;
import java.util.List;

/**
 * The outcome of a harness run, as printed with {@code --json}. Field names are the JSON names.
 *
 * @param database the JDBC URL, credentials masked
 * @param machine CPUs and Java of the harness
 * @param jobJvm the job's JVM options
 * @param tableSizeMb {@code bench_accounts} with its index after loading, in MiB
 * @param target the fraction of the baseline's rate the job with 1 worker should reach
 * @param targetMet whether it did; reported, never enforced
 * @param speedup2Workers the rate with 2 workers divided by the rate with 1
 * @param passed whether every job exited 0 and left every row on the newest version, decrypting intact
 */
record ReencryptResult(
    long rows,
    int batchSize,
    String database,
    String machine,
    String jobJvm,
    long loadMillis,
    long tableSizeMb,
    Phase baseline,
    List<Job> jobs,
    double target,
    boolean targetMet,
    double speedup2Workers,
    long rowsVerified,
    long rowsMismatched,
    boolean passed,
    long elapsedMillis) {

  String toJson() {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create()
        .toJson(this);
  }

  /**
   * The plain-JDBC baseline.
   *
   * @param loadAverage {@code /proc/loadavg} (1, 5, 15 minutes) when the phase started
   */
  record Phase(long rows, long millis, double rowsPerSecond, String loadAverage) {}

  /**
   * One run of {@code colseal reencrypt}.
   *
   * @param toVersion the ACTIVE version the rows were moved to
   * @param rowsExamined from the job's summary
   * @param durationMillis from the job's summary: the job itself, without JVM start-up
   * @param rowsPerSecond rowsExamined per second of durationMillis
   * @param ratioToBaseline rowsPerSecond divided by the baseline's
   * @param wallMillis the JVM's whole life as the harness saw it, start-up included
   * @param batchEvents {@code "event":"batch"} lines on the job's standard output
   * @param rowsOnVersion rows whose every column is under {@code toVersion} afterwards, by SQL
   */
  record Job(
      int workers,
      int exitStatus,
      int toVersion,
      long rowsExamined,
      long reencrypted,
      long conflicts,
      long failures,
      long durationMillis,
      double rowsPerSecond,
      double ratioToBaseline,
      long wallMillis,
      long batchEvents,
      long rowsOnVersion,
      String loadAverage,
      HeapReport heap) {}
}
