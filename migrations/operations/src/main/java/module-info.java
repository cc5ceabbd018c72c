/**
 * Operations on a database colseal encrypts: the re-encryption job and the compliance audit, with
 * their reports. Exports {@code io.colseal.operations}, {@code io.colseal.operations.report} and
 * {@code io.colseal.operations.audit}; the job's engine and the audit's collectors stay inside.
 * Micrometer is used when the application has it.
 */
module io.colseal.operations {
  requires transitive io.colseal.core;
  requires static micrometer.core;
  requires static transitive org.jspecify;

  exports io.colseal.operations;
  exports io.colseal.operations.audit;
  exports io.colseal.operations.legacy;
  exports io.colseal.operations.report;
}
