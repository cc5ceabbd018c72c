package io.colseal.internal.crypto;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.keys.Algorithm;
import java.util.concurrent.atomic.LongAdder;

/**
 * An unwrapped data key in the key ring's cache, with the envelope headers for its version
 * precomputed. Never leaves the key ring's package boundary in a form that exposes the bytes.
 */
public final class DataKey {
  private final String table;
  private final int version;
  private final Algorithm algorithm;
  private final DestroyableAesKey key;
  private final long expiresAtMillis;
  private final byte[] header;
  private final String textHeader;
  private final LongAdder encryptions = new LongAdder();

  public DataKey(String table, int version, Algorithm algorithm, DestroyableAesKey key, long expiresAtMillis) {
    this.table = table;
    this.version = version;
    this.algorithm = algorithm;
    this.key = key;
    this.expiresAtMillis = expiresAtMillis;
    this.header = EnvelopeFormat.header(algorithm, version);
    this.textHeader = EnvelopeFormat.textHeader(algorithm, version);
  }

  public String table() {
    return table;
  }

  public int version() {
    return version;
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  /** The JCE key; valid until the key ring destroys it after eviction. */
  public DestroyableAesKey jceKey() {
    return key;
  }

  /** The 8-byte binary header for this version (shared; never modify). */
  byte[] header() {
    return header;
  }

  /** The text header for this version. */
  String textHeader() {
    return textHeader;
  }

  public boolean isExpired(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }

  /** Encryptions performed with this key in this process. */
  public long encryptions() {
    return encryptions.sum();
  }

  void countEncryption() {
    encryptions.increment();
  }

  public void destroy() {
    key.destroy();
  }

  @Override
  public String toString() {
    return "DataKey[" + table + " v" + version + ", " + algorithm + "]";
  }
}
