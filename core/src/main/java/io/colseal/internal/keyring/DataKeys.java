package io.colseal.internal.keyring;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.keystore.DataKeyTable;
import io.colseal.internal.keystore.KeyRow;
import io.colseal.internal.keystore.KeyUsageTable;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.Identifiers;
import io.colseal.keys.KeyRing;
import io.colseal.keys.KeyRingStats;
import io.colseal.keys.KeyVersion;
import io.colseal.kms.KmsProvider;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key ring of one running colseal instance, as the ciphers use it: the key to encrypt the next
 * value of a table with, the key of a version to decrypt with, a blind-index key, the versions a
 * search covers. Put together from its parts, each called one way: {@link UsageBudget} and the
 * lookups below use {@link ActiveVersions} and {@link SlotCache}; those use {@link KeyLoader};
 * only {@link KeyLoader} calls the KEK provider, and only it and {@link ActiveVersions} read the key
 * table's rows. Table names are normalised. Thread safe.
 *
 * <p>The application sees only {@link #view()}, a {@link KeyRing} that lists, refreshes and rotates
 * versions and never hands out a key.
 */
public final class DataKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataKeys.class);

  private final DataKeyTable keyTable;
  private final SlotCache cache;
  private final ActiveVersions active;
  private final UsageBudget budget;
  private final KeyRingCounters counters;
  private final KeyRingOptions options;
  private final UsageRecorder recorder;
  private final CoarseClock coarse;
  private final KeyRing view = new View();

  public DataKeys(DataKeyTable keyTable, KmsProvider kms, KeyRingOptions options) {
    this.keyTable = keyTable;
    this.options = options;
    this.counters = new KeyRingCounters();
    Clock clock = options.clock();
    long ttl = options.cacheTtl().toMillis();
    KeyLoader loader = new KeyLoader(keyTable, kms, clock, ttl, counters);
    this.cache = new SlotCache(loader, clock, ttl, options.maxStale().toMillis(), counters);
    this.coarse = new CoarseClock(clock);
    this.recorder = new UsageRecorder(new KeyUsageTable(keyTable.jdbc()), counters, clock, options.refreshInterval());
    this.active = new ActiveVersions(keyTable, loader, cache, counters, coarse,
        options.refreshInterval().toMillis(), options.autoCreate(), recorder::refreshed);
    this.budget = new UsageBudget(keyTable, active, cache, options.usageCap(), options.usageBlock(), recorder);
  }

  /**
   * The counters of {@code table} (normalised), created at zero on first request: what a cipher
   * keeps and hands to {@link #encryptionKey} and {@link #decryptionKey}. The same object for the
   * same table for the life of this key ring.
   */
  public TableCounters table(String table) {
    return counters.table(table);
  }

  /** The key for the next encryption of {@code table}, with one encryption taken from its budget and counted. */
  public DataKey encryptionKey(TableCounters table) {
    long now = coarse.millis(); // read before the encryption: the recorded period starts no later
    DataKey k = sealing(budget.consume(table.table()));
    table.encryptions.increment();
    table.recordEncryption(k.version(), now);
    return k;
  }

  /** The key of {@code version} of {@code table}, for decryption; the decryption is counted, found or not. */
  public DataKey decryptionKey(TableCounters table, int version) {
    table.decryptions.increment();
    return sealing(cache.get(table.table(), version));
  }

  /**
   * The ACTIVE HMAC key named {@code keyName} ({@link BlindIndexKeys#keyName}), created on first use
   * when auto-creation is on. Takes nothing from any usage budget: a MAC has no such limit.
   */
  public DataKey indexKey(String keyName) {
    if (!BlindIndexKeys.isBlindIndexKey(keyName)) {
      throw new IllegalArgumentException(keyName + " is not a blind-index key name");
    }
    return cache.get(keyName, active.active(keyName));
  }

  /** See {@link ActiveVersions#searchVersions}. */
  public int[] searchVersions(String table) {
    return active.searchVersions(table);
  }

  /**
   * The key of {@code version} of {@code table} for sealing a search value: ACTIVE or DECRYPT_ONLY.
   * Uses no encryption budget and counts no decryption.
   *
   * @throws KeyUnavailableException if the version is not ACTIVE or DECRYPT_ONLY
   */
  public DataKey searchKey(String table, int version) {
    active.requireSearchable(table, version);
    return cache.get(table, version);
  }

  private static DataKey sealing(DataKey k) {
    if (!k.algorithm().sealsValues()) {
      throw new KeyUnavailableException(ErrorCode.KEY_DISABLED, k.table(), k.version(), "key " + k.table() + " v"
          + k.version() + " is a " + k.algorithm() + " blind-index key and never encrypts");
    }
    return k;
  }

  /**
   * Makes sure each table has an ACTIVE key (creating missing ones when auto-creation is on),
   * rotates overdue ones when configured, and loads the active keys into memory. A table whose
   * ACTIVE row names an algorithm or state this release does not know is skipped with a WARN; using
   * it fails with {@code KEY_UNSUPPORTED}.
   */
  public void ensureActiveKeys(Collection<String> tableNames) {
    for (String name : tableNames) {
      String table = Identifiers.normalize(name);
      int version;
      try {
        version = active.active(table);
      } catch (KeyUnavailableException e) {
        if (e.code() != ErrorCode.KEY_UNSUPPORTED) {
          throw e;
        }
        // A row this release cannot read fails that table's use only, never the start of the others.
        LOG.warn("{}", e.getMessage());
        continue;
      }
      if (options.rotateOverdueAtStartup()) {
        version = active.rotateIfOverdue(table, version, options.originatorPeriod(), options.clock().instant());
      }
      cache.get(table, version);
    }
  }

  /** The ACTIVE version of {@code table} as the key table has it now. */
  public KeyVersion requireActive(String table) {
    String t = Identifiers.normalize(table);
    return keyTable.findActive(t).map(KeyRow::version).orElseThrow(() -> active.noActiveKey(t));
  }

  /** A new ACTIVE version of {@code table}; the previous one becomes DECRYPT_ONLY. */
  public KeyVersion rotate(String tableName) {
    String table = Identifiers.normalize(tableName);
    if (BlindIndexKeys.isBlindIndexKey(table)) {
      throw new ColsealException(ErrorCode.KEY_IN_USE, "key " + table + " is a blind-index key and cannot be"
          + " rotated: every stored index value of the table would stop matching. Rebuild the index under a new"
          + " key instead (docs/guides/blind-indexes.md)");
    }
    cache.checkOpen();
    KeyVersion current = requireActive(table);
    active.rotate(table, current.version());
    return requireActive(table);
  }

  /** Re-reads the ACTIVE version of every table in use now. */
  public void refresh() {
    active.refreshAll();
  }

  /** Every key version in the key table, ordered by table and version. */
  public List<KeyVersion> versions() {
    return keyTable.listAll();
  }

  /** Counters since start. */
  public KeyRingStats stats() {
    SlotCache.Usage usage = cache.usage();
    long encryptions = 0;
    long decryptions = 0;
    for (TableCounters t : counters.tables.values()) {
      encryptions += t.encryptions();
      decryptions += t.decryptions();
    }
    return new KeyRingStats(counters.generateCalls.sum(), counters.unwrapCalls.sum(), encryptions, decryptions,
        usage.cachedKeys(), counters.rotations.sum(), counters.refreshFailures.sum(), usage.unknownVersions());
  }

  /**
   * The data tables (normalised, blind-index keys left out) this process has counters for or
   * knows the ACTIVE version of, in name order.
   */
  public List<String> tables() {
    TreeSet<String> out = new TreeSet<>(counters.tables.keySet());
    out.addAll(active.knownTables());
    out.removeIf(BlindIndexKeys::isBlindIndexKey);
    return List.copyOf(out);
  }

  /** See {@link ActiveVersions#known}. */
  public int knownActiveVersion(String table) {
    return active.known(table);
  }

  /** Key lookups answered from memory since start. */
  public long cacheHits() {
    return counters.cacheHits.sum();
  }

  /** Key lookups that found no usable key in memory since start. */
  public long cacheMisses() {
    return counters.cacheMisses.sum();
  }

  /** Cached keys replaced by a background refresh since start. */
  public long refreshes() {
    return counters.refreshes.sum();
  }

  /** Refreshes that failed because the KMS could not be reached, since start. */
  public long refreshFailures() {
    return counters.refreshFailures.sum();
  }

  /** What applications may see of the key ring: no cast of it leads to a key. */
  public KeyRing view() {
    return view;
  }

  /**
   * Writes the encryptions counted since the last flush to the usage records ({@code
   * colseal_key_usage}) now, as a reservation and the refresh tick do.
   *
   * @return false if this process has not encrypted yet, or the write failed (logged once; the
   *     counts are kept for the next flush)
   */
  public boolean flushUsage() {
    return recorder.flush();
  }

  /** This process's id in the usage records ({@code colseal_key_writer}). */
  public String usageInstanceId() {
    return recorder.instanceId();
  }

  /**
   * Flushes the usage records one last time, marking this process stopped, then stops the
   * background refreshes and destroys every cached key.
   */
  @Override
  public void close() {
    try {
      recorder.close();
    } finally {
      cache.close();
    }
  }

  @Override
  public String toString() {
    return "DataKeys[" + DataKeyTable.TABLE + "]";
  }

  private final class View implements KeyRing {
    @Override
    public void ensureActiveKeys(Collection<String> tables) {
      DataKeys.this.ensureActiveKeys(tables);
    }

    @Override
    public KeyVersion requireActive(String table) {
      return DataKeys.this.requireActive(table);
    }

    @Override
    public List<KeyVersion> versions() {
      return DataKeys.this.versions();
    }

    @Override
    public KeyRingStats stats() {
      return DataKeys.this.stats();
    }

    @Override
    public void refresh() {
      DataKeys.this.refresh();
    }

    @Override
    public KeyVersion rotate(String table) {
      return DataKeys.this.rotate(table);
    }

    @Override
    public String toString() {
      return "KeyRing";
    }
  }
}
