package io.colseal.operations.legacy;

import io.colseal.ColumnCipher;
import io.colseal.jdbc.DatabaseVendor;
import org.jspecify.annotations.Nullable;

/**
 * Ciphertext made outside colseal that a re-encryption job moves into colseal envelopes: it opens
 * each legacy value, and the job encrypts the value under the table's ACTIVE key and writes it with
 * its usual compare-and-set. {@code colseal reencrypt --from-fernet-key} uses {@link
 * LegacyFormats#fernet()}; {@code --from-jasypt} a format over the real Jasypt library, in the CLI.
 *
 * <p>The job asks only about values that are not colseal envelopes. A value the format does not
 * {@linkplain #claims claim} is plaintext and encrypted as such; a claimed value that does not
 * {@linkplain #open open} is reported as a failure and left as it is. Implementations are thread
 * safe, and their messages never quote a value or a key.
 */
public interface LegacyFormat {
  /** The format's name in reports and messages ({@code Fernet}, {@code Jasypt PBEWithMD5AndDES}). */
  String name();

  /** Whether {@code stored} (a column's {@code String} or {@code byte[]}, not an envelope) is in this format. */
  boolean claims(Object stored);

  /**
   * The value {@code stored} holds: the value itself, or its plaintext form (a {@code String} the
   * column's type is read from, as for a plaintext column).
   *
   * @param column the cipher of the value's column (its table, column and Java type)
   * @throws LegacyFormatException if it does not open; the message says which check failed
   */
  Object open(Object stored, ColumnCipher<?, ?> column) throws LegacyFormatException;

  /**
   * An SQL condition on {@code columnSql} that holds for the values this format claims, for the
   * counts of {@code --dry-run}; null when it claims every value that is not an envelope.
   */
  default @Nullable String shapeSql(String columnSql, DatabaseVendor vendor) {
    return null;
  }

  /** A legacy value did not open: altered, made under other settings or another key. */
  final class LegacyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code problem}: which check failed, never a byte of the value, the plaintext or the key. */
    public LegacyFormatException(String problem) {
      super(problem, null, false, false);
    }
  }
}
