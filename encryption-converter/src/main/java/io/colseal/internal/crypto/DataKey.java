package io.colseal.internal.crypto;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.keys.Algorithm;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An unwrapped data key in the key ring's cache, with the envelope headers for its version
 * precomputed and its encryption budget: encryptions already reserved in the key table and not yet
 * used. Never leaves the key ring's package boundary in a form that exposes the bytes.
 */
public final class DataKey {
  private final String table;
  private final int version;
  private final Algorithm algorithm;
  private final DestroyableAesKey key;
  private volatile long expiresAtMillis;
  private final byte[] header;
  private final String textHeader;
  private final AtomicLong budget = new AtomicLong();
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

  /** Keeps using this key until {@code untilMillis}, e.g. while the KMS cannot be reached. */
  public void extend(long untilMillis) {
    expiresAtMillis = untilMillis;
  }

  /** Takes one encryption from the reserved budget; false when it is used up. */
  public boolean tryConsume() {
    for (long b = budget.get(); b > 0; b = budget.get()) {
      if (budget.compareAndSet(b, b - 1)) {
        encryptions.increment();
        return true;
      }
    }
    return false;
  }

  /** Adds encryptions just reserved in the key table. */
  public void addBudget(long reserved) {
    budget.addAndGet(reserved);
  }

  /**
   * Takes the whole unused budget away (for the key that replaces this one after a reload), so no
   * reserved encryption is used twice or lost.
   */
  public long drainBudget() {
    return budget.getAndSet(0);
  }

  /** Encryptions performed with this key in this process. */
  public long encryptions() {
    return encryptions.sum();
  }

  public void destroy() {
    key.destroy();
  }

  @Override
  public String toString() {
    return "DataKey[" + table + " v" + version + ", " + algorithm + "]";
  }
}
