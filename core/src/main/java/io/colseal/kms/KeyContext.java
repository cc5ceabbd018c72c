package io.colseal.kms;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

  /**
   * The associated data with which a provider that wraps data keys itself (AES-GCM under its KEK)
   * binds a wrapped key to its KEK and this context: {@code scheme | uint16 length | kekId (UTF-8) |
   * uint16 length | table (UTF-8) | uint32 key version}, big-endian. {@code scheme} names the
   * provider and layout ({@code "colseal local kek v1"}, {@code "colseal pkcs11 kek v1"}), so a
   * key wrapped by one provider never unwraps as another's. See {@code docs/reference/key-table.md}.
   */
  public byte[] wrappingAad(String scheme, String kekId) {
    byte[] s = scheme.getBytes(StandardCharsets.US_ASCII);
    byte[] k = kekId.getBytes(StandardCharsets.UTF_8);
    byte[] t = table.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(s.length + 2 + k.length + 2 + t.length + 4)
        .put(s)
        .putShort((short) k.length)
        .put(k)
        .putShort((short) t.length)
        .put(t)
        .putInt(keyVersion)
        .array();
  }

  @Override
  public String toString() {
    return table + " v" + keyVersion;
  }
}
