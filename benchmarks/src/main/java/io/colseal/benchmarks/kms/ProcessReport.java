package io.colseal.benchmarks.kms;

import java.util.Map;

/**
 * What one application process reports at its end, as one JSON line on its standard output.
 *
 * @param process the process number, 1-based, in the order the harness started them
 * @param pid the operating system's process id, as colseal records it in {@code created_by}
 * @param apiCalls KMS API calls by {@code Operation/table}, counted on the process's {@code KmsClient}
 * @param httpRequests HTTP requests the client sent, by {@code Operation/table}, retries included
 * @param rowsWritten rows this process inserted
 * @param rowsRead rows this process read back, from every process
 * @param rowsMismatched rows read back with a wrong value, and rows missing
 * @param encryptions values colseal encrypted ({@code KeyRingStats})
 * @param decryptions values colseal decrypted ({@code KeyRingStats})
 * @param keyRingGenerateCalls data keys colseal asked its KEK provider for ({@code KeyRingStats})
 * @param keyRingUnwrapCalls wrapped keys colseal asked its KEK provider to unwrap ({@code KeyRingStats})
 * @param bootMillis building the SessionFactory, which starts colseal and makes its table keys ready
 * @param writeMillis inserting this process's rows
 * @param readMillis reading every row back and checking it
 * @param uptimeMillis the JVM's whole life, start-up and waits for other processes included
 */
record ProcessReport(
    int process,
    long pid,
    Map<String, Long> apiCalls,
    Map<String, Long> httpRequests,
    long rowsWritten,
    long rowsRead,
    long rowsMismatched,
    long encryptions,
    long decryptions,
    long keyRingGenerateCalls,
    long keyRingUnwrapCalls,
    long bootMillis,
    long writeMillis,
    long readMillis,
    long uptimeMillis) {

  static final String GENERATE = "GenerateDataKey";
  static final String DECRYPT = "Decrypt";

  /** API calls of {@code operation} for {@code table}. */
  long calls(String operation, String table) {
    return apiCalls.getOrDefault(operation + "/" + table, 0L);
  }

  /** API calls of {@code operation}, all tables. */
  long calls(String operation) {
    return apiCalls.entrySet().stream()
        .filter(e -> e.getKey().startsWith(operation + "/"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** API calls other than {@code GenerateDataKey} and {@code Decrypt}. */
  long otherCalls() {
    return totalCalls() - calls(GENERATE) - calls(DECRYPT);
  }

  long totalCalls() {
    return apiCalls.values().stream().mapToLong(Long::longValue).sum();
  }

  long totalHttpRequests() {
    return httpRequests.values().stream().mapToLong(Long::longValue).sum();
  }
}
