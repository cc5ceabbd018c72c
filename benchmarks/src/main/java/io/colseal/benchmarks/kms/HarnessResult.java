package io.colseal.benchmarks.kms;

import com.google.gson.GsonBuilder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a harness run, as printed with {@code --json}. Field names are the JSON names.
 *
 * @param database the JDBC URL, credentials masked
 * @param kmsEndpoint the KMS endpoint, and whether the harness started moto_server
 * @param keyCacheTtl the processes' {@code colseal.keys.cache-ttl}
 * @param machine CPUs and Java of the harness, and the JVM options of the application processes
 * @param elapsedMillis the whole run, service start-up and clean-up included
 * @param passed whether every scenario met its targets
 */
record HarnessResult(
    int tables,
    long rows,
    int processes,
    String database,
    String kmsEndpoint,
    String keyCacheTtl,
    String machine,
    long elapsedMillis,
    boolean passed,
    List<ScenarioResult> scenarios) {

  String toJson() {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(this);
  }

  /**
   * One scenario.
   *
   * @param generateDataKey GenerateDataKey calls of all processes
   * @param keysKept data keys in the key table at the end
   * @param keysDiscarded data keys generated but not stored, having lost the race to another process
   * @param httpRequests HTTP requests sent to KMS by all processes; more than their API calls means retries
   */
  record ScenarioResult(
      String id,
      String title,
      boolean passed,
      long elapsedMillis,
      long generateDataKey,
      long decrypt,
      long otherKmsCalls,
      long httpRequests,
      long keysKept,
      long keysDiscarded,
      List<ProcessResult> processes,
      List<TableResult> tables,
      List<Check> checks) {}

  /**
   * One application process in one scenario; counts are API calls on its {@code KmsClient}.
   *
   * @param elapsedMillis from its start to its exit, as the harness saw it
   * @param bootMillis building the SessionFactory: colseal's start, key table and table keys included
   * @param callsByTable API calls by {@code Operation/table}
   */
  record ProcessResult(
      int process,
      long pid,
      long generateDataKey,
      long decrypt,
      long otherKmsCalls,
      long httpRequests,
      long rowsWritten,
      long rowsRead,
      long rowsMismatched,
      long encryptions,
      long decryptions,
      long keyRingGenerateCalls,
      long keyRingUnwrapCalls,
      long elapsedMillis,
      long bootMillis,
      long writeMillis,
      long readMillis,
      Map<String, Long> callsByTable) {}

  /**
   * One application table in one scenario.
   *
   * @param decryptByProcess Decrypt calls for this table's key, by process number
   * @param keyVersions rows of this table in the key table
   * @param createdByProcess the process whose key became ACTIVE, if it was one of this run's
   */
  record TableResult(
      String table, long generateDataKey, List<Long> decryptByProcess, int keyVersions,
      @Nullable Integer createdByProcess) {}

  /** One target and whether it was met; {@code detail} gives the figure it was judged on. */
  record Check(String target, boolean passed, String detail) {}
}
