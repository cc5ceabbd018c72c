package io.colseal.exception;

/**
 * Stable error codes carried by every {@link ColsealException}.
 *
 * <p>The {@linkplain #name() name} of a code and its {@linkplain #exitCode() exit code} are part of
 * the public contract: they appear in logs, in JSON results of the {@code colseal} command and as
 * its process exit status, so they never change once released. New codes may be added.
 */
public enum ErrorCode {
  /** A setting is missing or has a value outside its documented range. */
  CONFIG_INVALID(10),
  /** An entity mapping cannot be encrypted safely (unsupported type, formula, shared converter). */
  MAPPING_INVALID(11),
  /**
   * A query compares an encrypted attribute in a way that cannot work or would leak: a literal
   * (its ciphertext would appear in the SQL text), an order or pattern comparison ({@code <},
   * {@code LIKE}, {@code BETWEEN}), or equality on a randomized column, which never matches.
   */
  QUERY_REJECTED(12),
  /**
   * A cached query plan expands a deterministic parameter to fewer key versions than the table now
   * has; colseal dropped the plan cache, so running the query again succeeds.
   */
  QUERY_PLAN_STALE(13),
  /** The key table has no usable key for the table, or no row for the requested key version. */
  KEY_NOT_FOUND(20),
  /** The key version exists but may not be used for the requested operation. */
  KEY_DISABLED(21),
  /** The key version was destroyed: values under it can no longer be decrypted. */
  KEY_DESTROYED(22),
  /** Reading or writing the key table failed; the cause keeps the SQLException and its SQLState. */
  KEY_TABLE_ERROR(23),
  /**
   * A key operation was refused because the version is still needed: it is ACTIVE, or rows are
   * still encrypted under it. The message gives the counts.
   */
  KEY_IN_USE(24),
  /**
   * A key table row names an algorithm or a state this release does not know, as a row written by
   * a newer colseal would: only that key version is unusable, every other key keeps working. The
   * message names the table, the version and the unknown value.
   */
  KEY_UNSUPPORTED(25),
  /** The KMS could not be reached or throttled the request; retrying later may succeed. */
  KMS_UNAVAILABLE(30),
  /** The KMS refused the request: access denied, KEK disabled, or a wrapped key that does not unwrap. */
  KMS_REJECTED(31),
  /** A stored value is not a valid envelope, or failed authentication for its table and column. */
  DECRYPT_FAILED(40),
  /** A value could not be encrypted, for example because it exceeds the size limit. */
  ENCRYPT_FAILED(41),
  /**
   * A batch job (re-encryption, verification) ran to its end but left work undone: values that
   * failed, or rows whose compare-and-set kept conflicting. Its summary gives the counts.
   */
  JOB_INCOMPLETE(50),
  /**
   * {@code colseal audit --fail-on}: the report has findings at or above the given severity. The
   * report is still written.
   */
  AUDIT_FINDINGS(51),
  /**
   * {@code colseal audit verify}: the report file was changed after colseal wrote it, is not one
   * colseal wrote, or its signature does not check under the signing key.
   */
  REPORT_INVALID(52),
  /** {@code colseal audit verify}: the report is intact (its hash matches) but nobody signed it. */
  REPORT_UNSIGNED(53);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit status the {@code colseal} command returns for this error. */
  public int exitCode() {
    return exitCode;
  }
}
