package io.colseal.internal.keyring;

import io.colseal.ColsealConfig;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.exception.ColsealException;
import io.colseal.exception.KmsException;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.crypto.DestroyableAesKey;
import io.colseal.internal.crypto.KeyCheckValue;
import io.colseal.keys.Identifiers;
import io.colseal.internal.keystore.JdbcKeyTable;
import io.colseal.internal.keystore.KeyRow;
import io.colseal.keys.Algorithm;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.KeyRing;
import io.colseal.keys.KeyRingStats;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key ring: ACTIVE versions per table, unwrapped data keys cached for the configured TTL, and
 * the encryption budget of each ACTIVE key.
 *
 * <p>Design notes.
 *
 * <ul>
 *   <li>Each (table, version) has a slot with its own lock, so the first use of a key by many
 *       threads makes one KMS call while other keys stay available. An expired key is replaced, not
 *       destroyed at once: a thread may still be between fetching it and initialising its cipher.
 *       Replaced keys are destroyed after a grace period, and all keys on {@link #close()}.
 *   <li>The ACTIVE version of a table is re-read from the key table every refresh interval (and on
 *       {@link #refresh()}), so running processes follow a rotation made elsewhere. Until then they
 *       keep encrypting with the old version, which stays decryptable.
 *   <li>Usage counting: encryptions are reserved in the key table in blocks ({@code
 *       encryptions_reserved}, conditional on the cap) before they are used, so the persisted count
 *       can over-count after a crash but never under-count, and no reservation passes the cap. When
 *       a version has nothing left, the process that notices rotates it; the rotation is a
 *       conditional update of the ACTIVE row, so it happens once however many processes notice.
 *   <li>KMS outage: a cached key whose TTL ends while the KMS cannot be reached stays in use and
 *       the unwrap is retried later; only keys this process never held need the KMS.
 * </ul>
 */
public final class CachingKeyRing implements KeyRing, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CachingKeyRing.class);
  private static final long GRACE_MILLIS = 60_000;
  private static final long OUTAGE_RETRY_MILLIS = 30_000;
  private static final int ATTEMPTS = 5;

  private final JdbcKeyTable keyTable;
  private final KmsProvider kms;
  private final Clock clock;
  private final CoarseClock coarse;
  private final long ttlMillis;
  private final long refreshMillis;
  private final boolean autoCreate;
  private final long usageCap;
  private final long usageBlock;
  private final ColsealConfig config;
  private final Map<String, TableKeys> tables = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Retired> retired = new ConcurrentLinkedQueue<>();
  private final LongAdder generateCalls = new LongAdder();
  private final LongAdder unwrapCalls = new LongAdder();
  private final LongAdder decryptions = new LongAdder();
  private final LongAdder rotations = new LongAdder();
  private volatile boolean closed;

  public CachingKeyRing(JdbcKeyTable keyTable, KmsProvider kms, ColsealConfig config) {
    this(keyTable, kms, config, config.autoCreateKeys());
  }

  /**
   * A ring that creates missing ACTIVE keys when {@code autoCreate}, whatever {@code
   * colseal.keys.auto-create} says: for {@code KeyAdmin.init}, whose purpose is creating them.
   */
  public CachingKeyRing(JdbcKeyTable keyTable, KmsProvider kms, ColsealConfig config, boolean autoCreate) {
    this.keyTable = keyTable;
    this.kms = kms;
    this.config = config;
    this.clock = config.clock();
    this.coarse = new CoarseClock(clock);
    this.ttlMillis = config.keyCacheTtl().toMillis();
    this.refreshMillis = config.keyRefreshInterval().toMillis();
    this.autoCreate = autoCreate;
    this.usageCap = config.usageCap();
    this.usageBlock = config.usageBlock();
  }

  // ---------------------------------------------------------------- KeyRing

  @Override
  public void ensureActiveKeys(Collection<String> tableNames) {
    for (String name : tableNames) {
      String table = Identifiers.normalize(name);
      TableKeys t = table(table);
      int version = activeVersion(table, t);
      if (config.rotateOverdueAtStartup() && !BlindIndexKeys.isBlindIndexKey(table)) {
        KeyRow row = keyTable.find(table, version).orElse(null);
        Instant activated = row == null ? null : row.version().activatedAt();
        if (activated != null && activated.plus(config.originatorPeriod()).isBefore(clock.instant())) {
          LOG.info("Data key {} v{} is past its originator-usage period of {}; rotating", table, version,
              config.originatorPeriod());
          rotateFrom(table, t, version);
          version = t.activeVersion;
        }
      }
      key(table, t, version);
    }
  }

  @Override
  public KeyVersion requireActive(String table) {
    String t = Identifiers.normalize(table);
    return keyTable.findActive(t).map(KeyRow::version).orElseThrow(() -> noActiveKey(t));
  }

  @Override
  public List<KeyVersion> versions() {
    return keyTable.listAll();
  }

  @Override
  public KeyRingStats stats() {
    long encryptions = 0;
    int cached = 0;
    for (Slot s : allSlots()) {
      DataKey k = s.key;
      if (k != null) {
        cached++;
      }
      encryptions += s.encryptionsOfReplacedKeys.sum() + (k == null ? 0 : k.encryptions());
    }
    return new KeyRingStats(generateCalls.sum(), unwrapCalls.sum(), encryptions, decryptions.sum(), cached,
        rotations.sum());
  }

  @Override
  public void refresh() {
    for (Map.Entry<String, TableKeys> e : tables.entrySet()) {
      e.getValue().search = null; // re-read on next use
      if (e.getValue().activeVersion != 0) {
        refreshActive(e.getKey(), e.getValue(), true);
      }
    }
  }

  @Override
  public KeyVersion rotate(String tableName) {
    String table = Identifiers.normalize(tableName);
    if (BlindIndexKeys.isBlindIndexKey(table)) {
      throw new ColsealException(ErrorCode.KEY_IN_USE, "key " + table + " is a blind-index key and cannot be"
          + " rotated: every stored index value of the table would stop matching. Rebuild the index under a new"
          + " key instead (docs/guides/blind-indexes.md)");
    }
    TableKeys t = table(table);
    KeyRow active = keyTable.findActive(table).orElseThrow(() -> noActiveKey(table));
    rotateFrom(table, t, active.version().version());
    return requireActive(table);
  }

  // ---------------------------------------------------------------- hot paths

  /**
   * The key for the next encryption of {@code table} (normalised), with one encryption taken from
   * its reserved budget.
   */
  public DataKey encryptionKey(String table) {
    TableKeys t = table(table);
    DataKey k = sealingKey(key(table, t, activeVersion(table, t)));
    return k.tryConsume() ? k : consumeSlow(table, t);
  }

  /** The key for {@code version} of {@code table} (normalised), for decryption. */
  public DataKey decryptionKey(String table, int version) {
    decryptions.increment();
    return sealingKey(key(table, table(table), version));
  }

  /**
   * The ACTIVE HMAC key named {@code keyName} ({@link BlindIndexKeys#keyName}), created on first use
   * when auto-creation is on. Takes nothing from any usage budget: a MAC has no such limit.
   */
  public DataKey indexKey(String keyName) {
    if (!BlindIndexKeys.isBlindIndexKey(keyName)) {
      throw new IllegalArgumentException(keyName + " is not a blind-index key name");
    }
    TableKeys t = table(keyName);
    return key(keyName, t, activeVersion(keyName, t));
  }

  private static DataKey sealingKey(DataKey k) {
    if (!k.algorithm().sealsValues()) {
      throw new KeyUnavailableException(ErrorCode.KEY_DISABLED, k.table(), k.version(),
          "key " + k.table() + " v" + k.version() + " is a " + k.algorithm() + " blind-index key and never encrypts");
    }
    return k;
  }

  /**
   * The versions of {@code table} (normalised) whose values may exist and can be decrypted: the
   * ACTIVE version first, then the DECRYPT_ONLY versions, newest first. Read from the key table and
   * cached like the ACTIVE version: re-read every {@code colseal.keys.refresh-interval}, on {@link
   * #refresh()}, and when this process sees the ACTIVE version change. Returns a fresh array.
   */
  public int[] searchVersions(String table) {
    TableKeys t = table(table);
    int active = activeVersion(table, t);
    SearchVersions s = t.search;
    if (s == null || s.active != active || coarse.millis() - s.checkedAt >= refreshMillis) {
      s = reloadSearchVersions(table, t, active);
    }
    return s.versions.clone();
  }

  private SearchVersions reloadSearchVersions(String table, TableKeys t, int active) {
    checkOpen();
    List<KeyVersion> rows = keyTable.listVersions(table, EnumSet.of(KeyState.ACTIVE, KeyState.DECRYPT_ONLY));
    int[] versions = new int[rows.size()];
    int n = 0;
    for (KeyVersion v : rows) { // newest first; the ACTIVE one goes to the front
      if (v.state() == KeyState.ACTIVE) {
        System.arraycopy(versions, 0, versions, 1, n);
        versions[0] = v.version();
        n++;
      } else {
        versions[n++] = v.version();
      }
    }
    SearchVersions s = new SearchVersions(active, coarse.millis(), versions);
    t.search = s;
    return s;
  }

  /**
   * The key of {@code version} of {@code table} (normalised) for sealing a search value: the
   * version must be ACTIVE or DECRYPT_ONLY (re-read once from the key table if this process does
   * not know it yet). Uses no encryption budget and counts no decryption.
   *
   * @throws KeyUnavailableException if the version is not ACTIVE or DECRYPT_ONLY
   */
  public DataKey searchKey(String table, int version) {
    TableKeys t = table(table);
    if (!contains(searchVersions(table), version)) {
      t.search = null;
      if (!contains(searchVersions(table), version)) {
        throw new KeyUnavailableException(ErrorCode.KEY_DISABLED, table, version,
            "data key " + table + " v" + version + " is not ACTIVE or DECRYPT_ONLY; no values can be searched under it");
      }
    }
    return key(table, t, version);
  }

  private static boolean contains(int[] versions, int version) {
    for (int v : versions) {
      if (v == version) {
        return true;
      }
    }
    return false;
  }

  private int activeVersion(String table, TableKeys t) {
    int version = t.activeVersion;
    if (version == 0) {
      return refreshActive(table, t, true);
    }
    if (coarse.millis() - t.activeCheckedAt >= refreshMillis) {
      return refreshActive(table, t, false);
    }
    return version;
  }

  private TableKeys table(String table) {
    TableKeys t = tables.get(table);
    return t != null ? t : tables.computeIfAbsent(table, n -> new TableKeys());
  }

  private List<Slot> allSlots() {
    List<Slot> out = new ArrayList<>();
    tables.values().forEach(t -> out.addAll(t.slots.values()));
    return out;
  }

  private DataKey key(String table, TableKeys keys, int version) {
    checkOpen();
    // Hot path: the table's most recently used version is one volatile read away.
    LastUsed last = keys.lastUsed;
    Slot slot;
    if (last != null && last.version == version) {
      slot = last.slot;
    } else {
      slot = keys.slots.computeIfAbsent(version, v -> new Slot());
      keys.lastUsed = new LastUsed(version, slot);
    }
    DataKey k = slot.key;
    if (k != null && !k.isExpired(ttlMillis == 0 ? clock.millis() : coarse.millis())) {
      return k;
    }
    slot.lock.lock();
    try {
      k = slot.key;
      long now = clock.millis();
      if (k != null && !k.isExpired(now)) {
        return k;
      }
      DataKey loaded;
      try {
        loaded = load(table, version);
      } catch (KmsException e) {
        if (k != null && e.isRetryable()) {
          // Keep working with the key already held; try the KMS again later.
          LOG.warn("KMS unavailable while refreshing data key {} v{}; keeping the cached key and retrying in {} s",
              table, version, OUTAGE_RETRY_MILLIS / 1000);
          k.extend(now + OUTAGE_RETRY_MILLIS);
          return k;
        }
        evict(slot, now);
        throw e;
      } catch (RuntimeException e) {
        // Retired, destroyed or gone: the expired key must not linger in memory.
        evict(slot, now);
        throw e;
      }
      replace(slot, loaded, now);
      return loaded;
    } finally {
      slot.lock.unlock();
    }
  }

  // ---------------------------------------------------------------- active version, creation, rotation

  /** Re-reads the ACTIVE version of {@code table}; {@code wait} false returns at once if busy. */
  private int refreshActive(String table, TableKeys t, boolean wait) {
    if (wait) {
      t.lock.lock();
    } else if (!t.lock.tryLock()) {
      return t.activeVersion; // another thread is refreshing; the current version stays valid
    }
    try {
      long now = coarse.millis();
      int known = t.activeVersion;
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        KeyRow active = keyTable.findActive(table).orElse(null);
        if (active != null) {
          int version = active.version().version();
          if (version != known && known != 0) {
            try {
              key(table, t, version); // load before switching, so a KMS outage keeps the old version
              LOG.info("Data key of {} is now v{} (was v{})", table, version, known);
            } catch (KmsException e) {
              if (!e.isRetryable()) {
                throw e;
              }
              LOG.warn("KMS unavailable: keep encrypting {} with v{} until v{} can be unwrapped", table, known, version);
              t.activeCheckedAt = now;
              return known;
            }
          }
          t.activeVersion = version;
          t.activeCheckedAt = now;
          return version;
        }
        if (!autoCreate) {
          throw noActiveKey(table);
        }
        Integer created = tryCreate(table, t);
        if (created != null) {
          t.activeCheckedAt = now;
          return created;
        }
        // Another process won the race; read its key on the next pass.
      }
      throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, 0,
          "could not create or read an ACTIVE data key for table " + table + " after " + ATTEMPTS + " attempts");
    } finally {
      t.lock.unlock();
    }
  }

  private @Nullable Integer tryCreate(String table, TableKeys keys) {
    int version = keyTable.nextVersion(table);
    generateCalls.increment();
    Algorithm algorithm = BlindIndexKeys.isBlindIndexKey(table) ? Algorithm.HMAC_SHA_256 : Algorithm.AES_256_GCM;
    try (GeneratedDataKey generated = kms.generateDataKey(new KeyContext(table, version))) {
      String kcv = KeyCheckValue.of(generated.plaintext());
      if (!keyTable.insertActive(table, version, algorithm, generated.wrapped(), kcv)) {
        LOG.debug("Another process created the data key of {} first; using its key", table);
        return null;
      }
      LOG.info("Created data key {} v{} wrapped by {} KEK {}", table, version, kms.name(), kms.kekId());
      install(keys, table, version, algorithm, generated.plaintext());
      keys.activeVersion = version;
      return version;
    }
  }

  /**
   * Rotates {@code table} away from {@code from}: a fresh ACTIVE version, {@code from} becomes
   * DECRYPT_ONLY. If another process rotated first, adopts its new version instead.
   */
  private void rotateFrom(String table, TableKeys t, int from) {
    t.lock.lock();
    try {
      int version = keyTable.nextVersion(table);
      generateCalls.increment();
      try (GeneratedDataKey generated = kms.generateDataKey(new KeyContext(table, version))) {
        String kcv = KeyCheckValue.of(generated.plaintext());
        if (keyTable.rotate(table, from, version, Algorithm.AES_256_GCM, generated.wrapped(), kcv)) {
          rotations.increment();
          LOG.info("Rotated data key of {}: v{} is ACTIVE, v{} is DECRYPT_ONLY", table, version, from);
          install(t, table, version, Algorithm.AES_256_GCM, generated.plaintext());
          t.activeVersion = version;
          t.activeCheckedAt = coarse.millis();
          return;
        }
      }
      LOG.debug("Data key {} v{} was rotated by another process", table, from);
      t.activeVersion = 0;
      refreshActive(table, t, true);
    } finally {
      t.lock.unlock();
    }
  }

  /** Budget used up: reserve more in the key table, or rotate when the version reached its cap. */
  private DataKey consumeSlow(String table, TableKeys t) {
    t.lock.lock();
    try {
      for (int attempt = 0; attempt < ATTEMPTS * 2; attempt++) {
        int version = activeVersion(table, t);
        DataKey k = key(table, t, version);
        if (k.tryConsume()) {
          return k;
        }
        if (keyTable.reserve(table, version, usageBlock, usageCap)) {
          k.addBudget(usageBlock);
          // Consume from this instance: with colseal.keys.cache-ttl=0 the next key() is a new one.
          if (k.tryConsume()) {
            return k;
          }
          continue;
        }
        KeyRow row = keyTable.find(table, version).orElse(null);
        if (row == null || row.version().state() != KeyState.ACTIVE) {
          t.activeVersion = 0; // rotated elsewhere
          refreshActive(table, t, true);
          continue;
        }
        long left = usageCap - row.version().encryptionsReserved();
        if (left > 0 && keyTable.reserve(table, version, left, usageCap)) {
          k.addBudget(left);
          if (k.tryConsume()) {
            return k;
          }
          continue;
        }
        if (left <= 0) {
          LOG.info("Data key {} v{} reached its usage cap of {} encryptions", table, version, usageCap);
          rotateFrom(table, t, version);
        }
      }
      throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, t.activeVersion,
          "could not reserve encryptions for table " + table + " after repeated attempts");
    } finally {
      t.lock.unlock();
    }
  }

  // ---------------------------------------------------------------- loading

  private DataKey load(String table, int version) {
    KeyRow row = keyTable.find(table, version).orElseThrow(() ->
        new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, version,
            "no data key version " + version + " for table " + table + " in " + JdbcKeyTable.TABLE));
    KeyVersion v = row.version();
    WrappedKey wrapped = row.wrapped();
    if (v.state() == KeyState.DESTROYED || wrapped == null) {
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
    if (!wrapped.provider().equals(kms.name())) {
      throw new KmsException(ErrorCode.KMS_REJECTED,
          "data key " + table + " v" + version + " is wrapped by provider '" + wrapped.provider()
              + "' but colseal.kms.provider is '" + kms.name() + "'", null);
    }
    unwrapCalls.increment();
    try (SecretKeyMaterial plain = kms.unwrap(wrapped, new KeyContext(table, version))) {
      verifyCheckValue(plain, v);
      return newDataKey(table, version, v.algorithm(), plain);
    }
  }

  private static void verifyCheckValue(SecretKeyMaterial plain, KeyVersion v) {
    byte[] actual = KeyCheckValue.of(plain).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = v.keyCheckValue().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(actual, expected)) {
      throw new KmsException(ErrorCode.KMS_REJECTED,
          "data key " + v.table() + " v" + v.version() + " unwrapped to a key whose check value differs from"
              + " the key table: the row was altered or copied from elsewhere", null);
    }
  }

  private DataKey newDataKey(String table, int version, Algorithm algorithm, SecretKeyMaterial plain) {
    return new DataKey(table, version, algorithm, new DestroyableAesKey(plain.exposeBytes()), clock.millis() + ttlMillis);
  }

  private void install(TableKeys keys, String table, int version, Algorithm algorithm, SecretKeyMaterial plain) {
    Slot slot = keys.slots.computeIfAbsent(version, v -> new Slot());
    slot.lock.lock();
    try {
      replace(slot, newDataKey(table, version, algorithm, plain), clock.millis());
    } finally {
      slot.lock.unlock();
    }
  }

  private KeyUnavailableException noActiveKey(String table) {
    return new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, 0,
        "table " + table + " has no ACTIVE data key and colseal.keys.auto-create is false;"
            + " create it with 'colseal keys init --table " + table + "'");
  }

  private void replace(Slot slot, DataKey fresh, long now) {
    DataKey old = slot.key;
    slot.key = fresh;
    if (old != null && old != fresh) {
      // Encryptions reserved for this version and not yet used carry over to the reloaded key.
      fresh.addBudget(old.drainBudget());
      slot.encryptionsOfReplacedKeys.add(old.encryptions());
      retired.add(new Retired(old, now + GRACE_MILLIS));
    }
    destroyRetired(now);
  }

  /** Drops the cached key of {@code slot}; it is destroyed after the grace period. */
  private void evict(Slot slot, long now) {
    DataKey old = slot.key;
    slot.key = null;
    if (old != null) {
      old.drainBudget();
      slot.encryptionsOfReplacedKeys.add(old.encryptions());
      retired.add(new Retired(old, now + GRACE_MILLIS));
    }
    destroyRetired(now);
  }

  private void destroyRetired(long now) {
    for (Retired r; (r = retired.peek()) != null && r.destroyAfter <= now; ) {
      if (retired.remove(r)) {
        r.key.destroy();
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the colseal key ring was closed");
    }
  }

  /** Destroys every cached key. */
  @Override
  public void close() {
    closed = true;
    for (Slot s : allSlots()) {
      DataKey k = s.key;
      if (k != null) {
        k.destroy();
      }
    }
    for (Retired r; (r = retired.poll()) != null; ) {
      r.key.destroy();
    }
  }

  /** The key slots of one table and its ACTIVE version (0 until known). */
  private static final class TableKeys {
    final Map<Integer, Slot> slots = new ConcurrentHashMap<>();
    final ReentrantLock lock = new ReentrantLock();
    volatile int activeVersion;
    volatile long activeCheckedAt;
    volatile @Nullable LastUsed lastUsed;
    volatile @Nullable SearchVersions search;
  }

  /** The search versions of a table, read when {@code active} was this process's ACTIVE version. */
  private record SearchVersions(int active, long checkedAt, int[] versions) {}

  private record LastUsed(int version, Slot slot) {}

  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    final LongAdder encryptionsOfReplacedKeys = new LongAdder();
    volatile @Nullable DataKey key;
  }

  private record Retired(DataKey key, long destroyAfter) {}
}
