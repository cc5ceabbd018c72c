package io.colseal;

import static java.util.Objects.requireNonNull;

import io.colseal.internal.crypto.BlindIndexMac;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.keyring.DataKeys;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.Identifiers;
import org.jspecify.annotations.Nullable;

/**
 * The blind index of one index column: what {@code @BlindIndex} stores and what a query parameter
 * on the index column is turned into. JDBC code gets one from {@link Colseal#blindIndexer} and
 * stores {@link #compute(String)} beside the encrypted value, then queries with {@code WHERE
 * email_bidx = ?} bound to {@code compute(plaintext)}.
 *
 * <pre>{@code
 * BlindIndexer index = colseal.blindIndexer("customers", "email_bidx", Normalizer.LOWER_TRIM, 0);
 * String stored = index.compute("Alice@Example.com");   // "bi1:1:..." (equal for " alice@example.com")
 * }</pre>
 *
 * <p>The value is HMAC-SHA-256 under the table's blind-index key ({@link BlindIndexKeys}), created
 * on first use like a data key; see {@link BlindIndexMac} for the construction. With truncation
 * ({@code bits > 0}) unequal values can share an index value: filter the rows found by comparing
 * the decrypted source with {@link #sameNormalized}. Thread safe.
 */
public final class BlindIndexer {
  /** Longest stored index value: {@code bi1:}, a 10-digit key version, {@code :} and 43 Base64 characters. */
  public static final int MAX_LENGTH = BlindIndexMac.MAX_LENGTH;

  private final DataKeys keys;
  private final String table;
  private final String column;
  private final String keyName;
  private final Normalizer normalizer;
  private final BlindIndexMac mac;

  BlindIndexer(DataKeys keys, String table, String column, Normalizer normalizer, int bits) {
    this.keys = keys;
    this.table = Identifiers.normalize(table);
    this.column = Identifiers.normalize(column);
    this.keyName = BlindIndexKeys.keyName(this.table);
    this.normalizer = requireNonNull(normalizer, "normalizer");
    this.mac = new BlindIndexMac(this.table, this.column, normalizer.name(), bits);
  }

  /** The stored index value of {@code plaintext}; null for null. */
  public @Nullable String compute(@Nullable String plaintext) {
    if (plaintext == null) {
      return null;
    }
    DataKey key = keys.indexKey(keyName);
    return mac.token(key.jceKey(), key.version(), normalizer.apply(plaintext));
  }

  /**
   * Whether two plaintexts are equal after normalisation: the exact test that removes the false
   * positives of a truncated index.
   */
  public boolean sameNormalized(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return normalizer.apply(a).equals(normalizer.apply(b));
  }

  public String table() {
    return table;
  }

  public String column() {
    return column;
  }

  /** The key-table name of this index's key, {@code <table>#bidx}. */
  public String keyName() {
    return keyName;
  }

  public Normalizer normalizer() {
    return normalizer;
  }

  /** Bits kept, 1..256 (256 without truncation). */
  public int bits() {
    return mac.bits();
  }

  @Override
  public String toString() {
    return "BlindIndexer[" + table + '.' + column + ", " + normalizer + ", " + mac.bits() + " bits]";
  }
}
