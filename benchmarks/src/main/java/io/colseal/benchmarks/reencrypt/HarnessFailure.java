package io.colseal.benchmarks.reencrypt;

/** The harness could not run to its end: the database, colseal or the job's process failed. */
final class HarnessFailure extends Exception {
  HarnessFailure(String message) {
    super(message);
  }

  HarnessFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
