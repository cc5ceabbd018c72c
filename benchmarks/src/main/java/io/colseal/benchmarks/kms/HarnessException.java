package io.colseal.benchmarks.kms;

/** The harness could not run a scenario to its end: a process failed, hung, or a service was unusable. */
final class HarnessException extends Exception {
  HarnessException(String message) {
    super(message);
  }

  HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
