package io.colseal.internal.crypto;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An unwrapped data key in the key ring's cache, with the envelope headers for its version
 * precomputed and its encryption budget: encryptions already reserved in the key table and not yet
 * used. Never leaves the key ring's package boundary in a form that exposes the bytes.
 *
 * <p>An AES-256-GCM data key also has a deterministic key: HKDF-SHA256 of the data key (see
 * {@link AesGcmSiv#deriveKey}), so a version opens and seals both {@link Algorithm#AES_256_GCM}
 * and {@link Algorithm#AES_256_GCM_SIV} envelopes while its key table row names only AES_256_GCM.
 * It is derived on first use, under this key's lock, and destroyed with the key: an application
 * without deterministic columns never derives one, and never loads BouncyCastle (the AES-GCM-SIV
 * implementation) at all.
 *
 * <p>It also has one <em>column key</em> per column that seals {@link
 * Algorithm#AES_256_GCM_COLUMN_KEY} envelopes: HKDF-SHA256 of the data key, info {@code
 * colseal/v1/AES_256_GCM_COLUMN_KEY} | header (8) | column binding ({@link #deriveColumnKey}).
 * Each is derived on the column's first use and destroyed with this key.
 *
 * <p>{@link Algorithm#AES_256_GCM_ROW_BOUND} envelopes are sealed with the data key itself; only
 * their header and associated data differ from {@link Algorithm#AES_256_GCM}.
 *
 * <p>{@link Algorithm#ARIA_256_GCM} envelopes are sealed with the version's <em>ARIA key</em>:
 * HKDF-SHA256 of the data key, info {@code colseal/v1/ARIA_256_GCM} ({@link AriaGcm#deriveKey}),
 * so no key runs under both AES and ARIA. Derived on first use, destroyed with this key.
 */
public final class DataKey {
  /** HKDF info prefix of a column key; the header and the column binding follow. */
  static final byte[] COLUMN_KEY_INFO = "colseal/v1/AES_256_GCM_COLUMN_KEY".getBytes(StandardCharsets.US_ASCII);
  private final String table;
  private final int version;
  private final Algorithm algorithm;
  private final DestroyableAesKey key;
  private final boolean hasSivKey;
  // Derived on first use; written under this key's lock, read without it on the hot path (a key
  // destroyed meanwhile refuses use itself).
  private volatile AesGcmSiv.@Nullable SivKey sivKey;
  private volatile @Nullable DestroyableAesKey ariaKey;
  private boolean destroyed; // guarded by this
  private final long expiresAtMillis;
  private volatile long refreshAtMillis;
  private final byte[] header;
  private final String textHeader;
  private final byte @Nullable [] sivHeader;
  private final @Nullable String sivTextHeader;
  private final byte @Nullable [] columnKeyHeader;
  private final @Nullable String columnKeyTextHeader;
  private final byte @Nullable [] rowBoundHeader;
  private final @Nullable String rowBoundTextHeader;
  private final byte @Nullable [] ariaHeader;
  private final @Nullable String ariaTextHeader;
  // Written under this key's lock, read without it on the hot path (a destroyed key refuses use).
  private final Map<ColumnBinding, DestroyableAesKey> columnKeys = new ConcurrentHashMap<>();
  private final AtomicLong budget = new AtomicLong();

  public DataKey(String table, int version, Algorithm algorithm, DestroyableAesKey key, long expiresAtMillis) {
    this.table = table;
    this.version = version;
    this.algorithm = algorithm;
    this.key = key;
    this.expiresAtMillis = expiresAtMillis;
    this.refreshAtMillis = expiresAtMillis;
    this.header = EnvelopeFormat.header(algorithm, version);
    this.textHeader = EnvelopeFormat.textHeader(algorithm, version);
    this.hasSivKey = algorithm == Algorithm.AES_256_GCM;
    if (hasSivKey) {
      this.sivHeader = EnvelopeFormat.header(Algorithm.AES_256_GCM_SIV, version);
      this.sivTextHeader = EnvelopeFormat.textHeader(Algorithm.AES_256_GCM_SIV, version);
      this.columnKeyHeader = EnvelopeFormat.header(Algorithm.AES_256_GCM_COLUMN_KEY, version);
      this.columnKeyTextHeader = EnvelopeFormat.textHeader(Algorithm.AES_256_GCM_COLUMN_KEY, version);
      this.rowBoundHeader = EnvelopeFormat.header(Algorithm.AES_256_GCM_ROW_BOUND, version);
      this.rowBoundTextHeader = EnvelopeFormat.textHeader(Algorithm.AES_256_GCM_ROW_BOUND, version);
      this.ariaHeader = EnvelopeFormat.header(Algorithm.ARIA_256_GCM, version);
      this.ariaTextHeader = EnvelopeFormat.textHeader(Algorithm.ARIA_256_GCM, version);
    } else {
      this.sivHeader = null;
      this.sivTextHeader = null;
      this.columnKeyHeader = null;
      this.columnKeyTextHeader = null;
      this.rowBoundHeader = null;
      this.rowBoundTextHeader = null;
      this.ariaHeader = null;
      this.ariaTextHeader = null;
    }
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

  /** Whether this key opens and seals envelopes of {@code envelopeAlgorithm}. */
  public boolean supports(Algorithm envelopeAlgorithm) {
    return envelopeAlgorithm == algorithm
        || (hasSivKey && (envelopeAlgorithm == Algorithm.AES_256_GCM_SIV
            || envelopeAlgorithm == Algorithm.AES_256_GCM_COLUMN_KEY
            || envelopeAlgorithm == Algorithm.AES_256_GCM_ROW_BOUND
            || envelopeAlgorithm == Algorithm.ARIA_256_GCM));
  }

  /**
   * The column key of {@code binding}, derived on the column's first call.
   *
   * @throws IllegalStateException if this key has none (not AES-256-GCM) or was destroyed
   */
  DestroyableAesKey columnKey(ColumnBinding binding) {
    DestroyableAesKey k = columnKeys.get(binding);
    return k != null ? k : deriveColumnKey(binding);
  }

  private synchronized DestroyableAesKey deriveColumnKey(ColumnBinding binding) {
    byte[] h = columnKeyHeader;
    if (h == null) {
      throw new IllegalStateException(this + " has no column keys");
    }
    if (destroyed) {
      throw new IllegalStateException("key was destroyed");
    }
    DestroyableAesKey k = columnKeys.get(binding);
    if (k == null) {
      byte[] dek = key.getEncoded();
      try {
        k = new DestroyableAesKey(columnKeyBytes(dek, h, binding.bytes())); // takes ownership
      } finally {
        Arrays.fill(dek, (byte) 0);
      }
      columnKeys.put(binding, k);
    }
    return k;
  }

  /**
   * HKDF-SHA256 (RFC 5869) of {@code dek}, no salt, info {@code colseal/v1/AES_256_GCM_COLUMN_KEY}
   * | {@code header} (8 bytes, algorithm 04) | {@code binding}, 32 bytes: the key of one column's
   * {@link Algorithm#AES_256_GCM_COLUMN_KEY} envelopes under one version. The caller zeroes the
   * result.
   */
  static byte[] columnKeyBytes(byte[] dek, byte[] header, byte[] binding) {
    return Hkdf.derive(dek, COLUMN_KEY_INFO, header, binding);
  }

  /**
   * The deterministic key derived from this data key, derived on the first call.
   *
   * @throws IllegalStateException if this key has none (not AES-256-GCM) or was destroyed
   */
  AesGcmSiv.SivKey sivKey() {
    AesGcmSiv.SivKey k = sivKey;
    return k != null ? k : deriveSivKey();
  }

  private synchronized AesGcmSiv.SivKey deriveSivKey() {
    if (!hasSivKey) {
      throw new IllegalStateException(this + " has no deterministic key");
    }
    if (destroyed) {
      throw new IllegalStateException("key was destroyed");
    }
    AesGcmSiv.SivKey k = sivKey;
    if (k == null) {
      byte[] dek = key.getEncoded();
      try {
        k = new AesGcmSiv.SivKey(AesGcmSiv.deriveKey(dek)); // takes ownership and zeroes
      } finally {
        Arrays.fill(dek, (byte) 0);
      }
      sivKey = k;
    }
    return k;
  }

  /**
   * The ARIA-256 key derived from this data key, derived on the first call.
   *
   * @throws IllegalStateException if this key has none (not AES-256-GCM) or was destroyed
   */
  DestroyableAesKey ariaKey() {
    DestroyableAesKey k = ariaKey;
    return k != null ? k : deriveAriaKey();
  }

  private synchronized DestroyableAesKey deriveAriaKey() {
    if (!hasSivKey) {
      throw new IllegalStateException(this + " has no ARIA key");
    }
    if (destroyed) {
      throw new IllegalStateException("key was destroyed");
    }
    DestroyableAesKey k = ariaKey;
    if (k == null) {
      byte[] dek = key.getEncoded();
      try {
        k = new DestroyableAesKey(AriaGcm.deriveKey(dek), "ARIA"); // takes ownership
      } finally {
        Arrays.fill(dek, (byte) 0);
      }
      ariaKey = k;
    }
    return k;
  }

  /** The 8-byte binary header for this version (shared; never modify). */
  byte[] header() {
    return header;
  }

  /** The 8-byte binary header of {@code envelopeAlgorithm} for this version (shared; never modify). */
  byte[] header(Algorithm envelopeAlgorithm) {
    if (envelopeAlgorithm == algorithm) {
      return header;
    }
    byte[] h = envelopeAlgorithm == Algorithm.AES_256_GCM_SIV ? sivHeader
        : envelopeAlgorithm == Algorithm.AES_256_GCM_COLUMN_KEY ? columnKeyHeader
        : envelopeAlgorithm == Algorithm.AES_256_GCM_ROW_BOUND ? rowBoundHeader
        : envelopeAlgorithm == Algorithm.ARIA_256_GCM ? ariaHeader : null;
    if (h == null) {
      throw new IllegalStateException(this + " does not support " + envelopeAlgorithm);
    }
    return h;
  }

  /** The text header for this version. */
  String textHeader() {
    return textHeader;
  }

  /** The text header of {@code envelopeAlgorithm} for this version. */
  String textHeader(Algorithm envelopeAlgorithm) {
    if (envelopeAlgorithm == algorithm) {
      return textHeader;
    }
    String h = envelopeAlgorithm == Algorithm.AES_256_GCM_SIV ? sivTextHeader
        : envelopeAlgorithm == Algorithm.AES_256_GCM_COLUMN_KEY ? columnKeyTextHeader
        : envelopeAlgorithm == Algorithm.AES_256_GCM_ROW_BOUND ? rowBoundTextHeader
        : envelopeAlgorithm == Algorithm.ARIA_256_GCM ? ariaTextHeader : null;
    if (h == null) {
      throw new IllegalStateException(this + " does not support " + envelopeAlgorithm);
    }
    return h;
  }

  /** Whether the cache TTL of this key has passed: from then on it is stale. */
  public boolean isExpired(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }

  /** When the cache TTL of this key ends. */
  public long expiresAtMillis() {
    return expiresAtMillis;
  }

  /** Whether the key ring should load this key again: its refresh time (at the latest its expiry) has come. */
  public boolean isDueForRefresh(long nowMillis) {
    return nowMillis >= refreshAtMillis;
  }

  /** Loads this key again from {@code millis} on (before its expiry, so the refresh has time to finish). */
  public void refreshAt(long millis) {
    refreshAtMillis = Math.min(millis, expiresAtMillis);
  }

  /** Takes one encryption from the reserved budget; false when it is used up. */
  public boolean tryConsume() {
    for (long b = budget.get(); b > 0; b = budget.get()) {
      if (budget.compareAndSet(b, b - 1)) {
        return true;
      }
    }
    return false;
  }

  /** Whether encryptions are left in the reserved budget. */
  public boolean hasBudget() {
    return budget.get() > 0;
  }

  /**
   * Adds {@code reserved} encryptions just reserved in the key table and takes one of them for the
   * caller, so the thread that reserved always gets its encryption however many others are waiting.
   */
  public void addBudgetTakingOne(long reserved) {
    if (reserved < 1) {
      throw new IllegalArgumentException("reserved must be positive, got " + reserved);
    }
    budget.addAndGet(reserved - 1);
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

  /** Zeroes the data key, its deterministic key, its column keys and its ARIA key, whichever were derived. */
  public void destroy() {
    AesGcmSiv.@Nullable SivKey derived;
    List<DestroyableAesKey> columns;
    synchronized (this) {
      destroyed = true;
      derived = sivKey;
      columns = new ArrayList<>(columnKeys.values());
      DestroyableAesKey aria = ariaKey;
      if (aria != null) {
        columns.add(aria);
      }
    }
    try {
      key.destroy();
    } finally {
      columns.forEach(DestroyableAesKey::destroy);
      if (derived != null) {
        derived.destroy();
      }
    }
  }

  @Override
  public String toString() {
    return "DataKey[" + table + " v" + version + ", " + algorithm + "]";
  }
}
