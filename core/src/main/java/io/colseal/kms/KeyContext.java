package io.colseal.kms;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a wrapped data key is bound to: the normalised application table and the key version.
 * Providers must make a wrapped key unwrap only under the same context, so a wrapped key copied to
 * another table's row, or to another version's row, fails to unwrap.
 *
 * <p>With AWS KMS this is the encryption context {@code {"colseal:table": table,
 * "colseal:key-version": "3"}}; KMS logs it in CloudTrail in clear, so it holds names only.
 */
public record KeyContext(String table, int keyVersion) {
  public static final String TABLE_KEY = "colseal:table";
  public static final String VERSION_KEY = "colseal:key-version";

  public KeyContext {
    requireNonNull(table, "table");
    if (table.isEmpty()) {
      throw new IllegalArgumentException("table must not be empty");
    }
    if (keyVersion < 1) {
      throw new IllegalArgumentException("keyVersion must be >= 1, got " + keyVersion);
    }
  }

  /** The context as a KMS encryption context. */
  public Map<String, String> asEncryptionContext() {
    return Map.of(TABLE_KEY, table, VERSION_KEY, Integer.toString(keyVersion));
  }

  @Override
  public String toString() {
    return table + " v" + keyVersion;
  }
}
