package io.colseal.internal.cache;

import io.colseal.ColsealConfig;
import io.colseal.ErrorCode;
import io.colseal.KeyUnavailableException;
import io.colseal.KmsException;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.crypto.DestroyableAesKey;
import io.colseal.internal.crypto.KeyCheckValue;
import io.colseal.internal.format.Identifiers;
import io.colseal.internal.keystore.JdbcKeyTable;
import io.colseal.internal.keystore.KeyRow;
import io.colseal.keys.Algorithm;
import io.colseal.keys.KeyRing;
import io.colseal.keys.KeyRingStats;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.keys.SecretKeyMaterial;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.WrappedKey;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
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
 * The key ring: ACTIVE versions per table, and unwrapped data keys cached for the configured TTL.
 *
 * <p>Design note. Each (table, version) has a slot with its own lock, so the first use of a key by
 * many threads makes one KMS call while other keys stay available. A key that expires is replaced,
 * not destroyed at once: a thread may still be between fetching it and initialising its cipher.
 * Replaced keys are destroyed after a grace period, and all keys on {@link #close()}.
 */
public final class CachingKeyRing implements KeyRing, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CachingKeyRing.class);
  private static final long GRACE_MILLIS = 60_000;
  private static final int CREATE_ATTEMPTS = 5;

  private final JdbcKeyTable keyTable;
  private final KmsProvider kms;
  private final Clock clock;
  private final CoarseClock coarse;
  private final long ttlMillis;
  private final boolean autoCreate;
  private final Map<String, TableKeys> tables = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Retired> retired = new ConcurrentLinkedQueue<>();
  private final LongAdder generateCalls = new LongAdder();
  private final LongAdder unwrapCalls = new LongAdder();
  private final LongAdder decryptions = new LongAdder();
  private volatile boolean closed;

  public CachingKeyRing(JdbcKeyTable keyTable, KmsProvider kms, ColsealConfig config) {
    this.keyTable = keyTable;
    this.kms = kms;
    this.clock = config.clock();
    this.coarse = new CoarseClock(clock);
    this.ttlMillis = config.keyCacheTtl().toMillis();
    this.autoCreate = config.autoCreateKeys();
  }

  @Override
  public void ensureActiveKeys(Collection<String> tables) {
    for (String t : tables) {
      encryptionKey(Identifiers.normalize(t));
    }
  }

  @Override
  public KeyVersion requireActive(String table) {
    String t = Identifiers.normalize(table);
    return keyTable
        .findActive(t)
        .map(KeyRow::version)
        .orElseThrow(() -> noActiveKey(t));
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
    return new KeyRingStats(generateCalls.sum(), unwrapCalls.sum(), encryptions, decryptions.sum(), cached);
  }

  /** The key new values of {@code table} (normalised) are encrypted with. */
  public DataKey encryptionKey(String table) {
    TableKeys t = table(table);
    int version = t.activeVersion;
    if (version == 0) {
      version = resolveActive(table, t);
    }
    return key(table, t, version);
  }

  /** The key for {@code version} of {@code table} (normalised), for decryption. */
  public DataKey decryptionKey(String table, int version) {
    decryptions.increment();
    return key(table, table(table), version);
  }

  private TableKeys table(String table) {
    TableKeys t = tables.get(table);
    return t != null ? t : tables.computeIfAbsent(table, n -> new TableKeys());
  }

  private List<Slot> allSlots() {
    return tables.values().stream().flatMap(t -> t.slots.values().stream()).toList();
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
      DataKey loaded = load(table, version);
      replace(slot, loaded, now);
      return loaded;
    } finally {
      slot.lock.unlock();
    }
  }

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

  private int resolveActive(String table, TableKeys keys) {
    keys.lock.lock();
    try {
      int known = keys.activeVersion;
      if (known != 0) {
        return known;
      }
      for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
        KeyRow active = keyTable.findActive(table).orElse(null);
        if (active != null) {
          keys.activeVersion = active.version().version();
          return keys.activeVersion;
        }
        if (!autoCreate) {
          throw noActiveKey(table);
        }
        Integer created = tryCreate(table, keys);
        if (created != null) {
          return created;
        }
        // Another process won the race; read its key on the next pass.
      }
      throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, 0,
          "could not create or read an ACTIVE data key for table " + table + " after " + CREATE_ATTEMPTS + " attempts");
    } finally {
      keys.lock.unlock();
    }
  }

  private @Nullable Integer tryCreate(String table, TableKeys keys) {
    int version = keyTable.nextVersion(table);
    KeyContext context = new KeyContext(table, version);
    generateCalls.increment();
    try (GeneratedDataKey generated = kms.generateDataKey(context)) {
      String kcv = KeyCheckValue.of(generated.plaintext());
      if (!keyTable.insertActive(table, version, Algorithm.AES_256_GCM, generated.wrapped(), kcv)) {
        LOG.debug("Another process created the data key of {} first; using its key", table);
        return null;
      }
      LOG.info("Created data key {} v{} wrapped by {} KEK {}", table, version, kms.name(), kms.kekId());
      Slot slot = keys.slots.computeIfAbsent(version, v -> new Slot());
      slot.lock.lock();
      try {
        replace(slot, newDataKey(table, version, Algorithm.AES_256_GCM, generated.plaintext()), clock.millis());
      } finally {
        slot.lock.unlock();
      }
      keys.activeVersion = version;
      return version;
    }
  }

  private KeyUnavailableException noActiveKey(String table) {
    return new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, 0,
        "table " + table + " has no ACTIVE data key and colseal.keys.auto-create is false;"
            + " start one instance with colseal.keys.auto-create=true to create it");
  }

  private void replace(Slot slot, DataKey fresh, long now) {
    DataKey old = slot.key;
    slot.key = fresh;
    if (old != null) {
      slot.encryptionsOfReplacedKeys.add(old.encryptions());
      retired.add(new Retired(old, now + GRACE_MILLIS));
    }
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
    volatile @Nullable LastUsed lastUsed;
  }

  private record LastUsed(int version, Slot slot) {}

  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    final LongAdder encryptionsOfReplacedKeys = new LongAdder();
    volatile @Nullable DataKey key;
  }

  private record Retired(DataKey key, long destroyAfter) {}
}
