package io.colseal.internal.keyring;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.exception.KmsException;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.crypto.DestroyableAesKey;
import io.colseal.internal.crypto.KeyCheckValue;
import io.colseal.internal.keystore.DataKeyTable;
import io.colseal.internal.keystore.KeyRow;
import io.colseal.keys.Algorithm;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * Turns a key-table row into an unwrapped {@link DataKey}, and makes new keys: the only part of the
 * key ring that calls the KEK provider. Holds no lock and no state but counters; callers decide
 * who calls it when.
 */
final class KeyLoader {
  private final DataKeyTable keyTable;
  private final KmsProvider kms;
  private final Clock clock;
  private final long ttlMillis;
  private final KeyRingCounters counters;

  KeyLoader(DataKeyTable keyTable, KmsProvider kms, Clock clock, long ttlMillis, KeyRingCounters counters) {
    this.keyTable = keyTable;
    this.kms = kms;
    this.clock = clock;
    this.ttlMillis = ttlMillis;
    this.counters = counters;
  }

  /**
   * Reads version {@code version} of {@code table}, checks that it may be used, unwraps it with the
   * KEK provider and checks it against its key check value.
   *
   * @throws KeyUnavailableException if the row is missing, retired, destroyed or uses an algorithm
   *     this release cannot use
   * @throws KmsException if the provider differs from the one that wrapped the key, the KMS refuses
   *     or cannot be reached, or the key does not match its check value
   */
  DataKey load(String table, int version) {
    KeyRow row = keyTable.find(table, version).orElseThrow(() ->
        new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, version,
            "no data key version " + version + " for table " + table + " in " + DataKeyTable.TABLE));
    KeyVersion v = row.version();
    if (v.state() == KeyState.DESTROYED || row.wrapped() == null) {
      throw new KeyUnavailableException(ErrorCode.KEY_DESTROYED, table, version,
          "data key " + table + " v" + version + " was destroyed; values under it cannot be decrypted");
    }
    if (v.state() == KeyState.RETIRED) {
      throw new KeyUnavailableException(ErrorCode.KEY_DISABLED, table, version,
          "data key " + table + " v" + version + " is RETIRED and may not be used; reactivate it with"
              + " 'colseal keys reactivate' if values still need it");
    }
    if (!v.algorithm().implemented()) {
      throw new KeyUnavailableException(ErrorCode.KEY_DISABLED, table, version,
          "data key " + table + " v" + version + " uses " + v.algorithm() + ", which this release cannot use");
    }
    if (!row.wrapped().provider().equals(kms.name())) {
      throw new KmsException(ErrorCode.KMS_REJECTED, "data key " + table + " v" + version
          + " is wrapped by provider '" + row.wrapped().provider() + "' but colseal.kms.provider is '" + kms.name()
          + "'", null);
    }
    counters.unwrapCalls.increment();
    try (SecretKeyMaterial plain = kms.unwrap(row.wrapped(), new KeyContext(table, version))) {
      verifyCheckValue(plain, v);
      return dataKey(table, version, v.algorithm(), plain);
    }
  }

  /** A new data key from the KEK provider for {@code version} of {@code table}, with its check value. */
  NewKey generate(String table, int version, Algorithm algorithm) {
    counters.generateCalls.increment();
    GeneratedDataKey generated = kms.generateDataKey(new KeyContext(table, version));
    return new NewKey(table, version, algorithm, generated, KeyCheckValue.of(generated.plaintext()));
  }

  /** The provider's name and KEK, for log lines. */
  String describeKek() {
    return kms.name() + " KEK " + kms.kekId();
  }

  /** A generated key not yet stored: its wrapped form goes to the key table, the plaintext to the cache. */
  final class NewKey implements AutoCloseable {
    final String table;
    final int version;
    final Algorithm algorithm;
    final GeneratedDataKey generated;
    final String keyCheckValue;

    private NewKey(String table, int version, Algorithm algorithm, GeneratedDataKey generated, String keyCheckValue) {
      this.table = table;
      this.version = version;
      this.algorithm = algorithm;
      this.generated = generated;
      this.keyCheckValue = keyCheckValue;
    }

    /** The unwrapped key, for the cache. */
    DataKey toDataKey() {
      return dataKey(table, version, algorithm, generated.plaintext());
    }

    /** Zeroes the plaintext. */
    @Override
    public void close() {
      generated.close();
    }

    @Override
    public String toString() {
      return "NewKey[" + table + " v" + version + "]";
    }
  }

  private DataKey dataKey(String table, int version, Algorithm algorithm, SecretKeyMaterial plain) {
    return new DataKey(table, version, algorithm, new DestroyableAesKey(plain.exposeBytes(InsecureKeyAccess.get())),
        clock.millis() + ttlMillis);
  }

  private static void verifyCheckValue(SecretKeyMaterial plain, KeyVersion v) {
    byte[] actual = KeyCheckValue.of(plain).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = v.keyCheckValue().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(actual, expected)) {
      throw new KmsException(ErrorCode.KMS_REJECTED, "data key " + v.table() + " v" + v.version()
          + " unwrapped to a key whose check value differs from the key table: the row was altered or copied from"
          + " elsewhere", null);
    }
  }
}
