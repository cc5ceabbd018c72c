package io.colseal.internal.keyring;

import io.colseal.exception.KmsException;
import io.colseal.internal.crypto.DataKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unwrapped data keys by (table, version), each kept for the cache TTL.
 *
 * <p>Design notes.
 *
 * <ul>
 *   <li>A key that is missing or expired is loaded by one thread ({@link KeyLoader}); threads that
 *       need the same key meanwhile wait for that load's result, not on a lock, and threads using
 *       other keys never wait at all. No lock is held while the KEK provider is called.
 *   <li>An expired key is replaced, not destroyed at once: a thread may still be between fetching
 *       it and initialising its cipher. Replaced keys are destroyed after a grace period, and all
 *       keys on {@link #close()}.
 *   <li>KMS outage: when a cached key expires while the KMS cannot be reached, the cached key stays
 *       in use and the unwrap is retried later; only keys this process never held need the KMS.
 *   <li>Each key carries its share of reserved encryptions ({@link UsageBudget}); a reloaded key
 *       takes over the budget of the key it replaces, so nothing reserved is used twice or lost.
 * </ul>
 */
final class SlotCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlotCache.class);
  private static final long GRACE_MILLIS = 60_000;
  private static final long OUTAGE_RETRY_MILLIS = 30_000;

  private final KeyLoader loader;
  private final Clock clock;
  private final CoarseClock coarse;
  private final boolean precise;
  private final Map<String, TableSlots> tables = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Retired> retired = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  SlotCache(KeyLoader loader, Clock clock, long ttlMillis) {
    this.loader = loader;
    this.clock = clock;
    this.coarse = new CoarseClock(clock);
    // Without caching every use loads: expiry must be exact, not read from the coarse clock.
    this.precise = ttlMillis == 0;
  }

  /** The key of {@code version} of {@code table}, loading it if it is missing or expired. */
  DataKey get(String table, int version) {
    checkOpen();
    Slot slot = slot(table, version);
    DataKey k = slot.key;
    if (k != null && !k.isExpired(precise ? clock.millis() : coarse.millis())) {
      return k;
    }
    return load(table, version, slot);
  }

  private Slot slot(String table, int version) {
    TableSlots t = tables.get(table);
    if (t == null) {
      t = tables.computeIfAbsent(table, n -> new TableSlots());
    }
    // Hot path: the table's most recently used version is one volatile read away.
    LastUsed last = t.lastUsed;
    if (last != null && last.version == version) {
      return last.slot;
    }
    Slot slot = t.slots.computeIfAbsent(version, v -> new Slot());
    t.lastUsed = new LastUsed(version, slot);
    return slot;
  }

  private DataKey load(String table, int version, Slot slot) {
    return slot.loading.run(() -> {
      long now = clock.millis();
      DataKey current = slot.key;
      if (current != null && !current.isExpired(now)) {
        return current; // loaded by the previous flight
      }
      return loadOrKeep(table, version, slot, current, now);
    });
  }

  private DataKey loadOrKeep(String table, int version, Slot slot, @Nullable DataKey current, long now) {
    DataKey loaded;
    try {
      loaded = loader.load(table, version);
    } catch (KmsException e) {
      if (current != null && e.isRetryable()) {
        LOG.warn("KMS unavailable while refreshing data key {} v{}; keeping the cached key and retrying in {} s",
            table, version, OUTAGE_RETRY_MILLIS / 1000);
        current.extend(now + OUTAGE_RETRY_MILLIS);
        return current;
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
  }

  /** Puts a key this process just created (a new table's first key, a rotation) into the cache. */
  void install(DataKey key) {
    checkOpen();
    replace(slot(key.table(), key.version()), key, clock.millis());
  }

  private void replace(Slot slot, DataKey fresh, long now) {
    synchronized (slot) {
      DataKey old = slot.key;
      slot.key = fresh;
      if (old != null && old != fresh) {
        // Encryptions reserved for this version and not yet used carry over to the reloaded key.
        fresh.addBudget(old.drainBudget());
        slot.encryptionsOfReplacedKeys.add(old.encryptions());
        retired.add(new Retired(old, now + GRACE_MILLIS));
      }
    }
    destroyRetired(now);
  }

  /** Drops the cached key of {@code slot}; it is destroyed after the grace period. */
  private void evict(Slot slot, long now) {
    synchronized (slot) {
      DataKey old = slot.key;
      slot.key = null;
      if (old != null) {
        old.drainBudget();
        slot.encryptionsOfReplacedKeys.add(old.encryptions());
        retired.add(new Retired(old, now + GRACE_MILLIS));
      }
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

  /** Keys held now, and encryptions made with every key this cache held. */
  Usage usage() {
    int cached = 0;
    long encryptions = 0;
    for (Slot s : allSlots()) {
      DataKey k = s.key;
      if (k != null) {
        cached++;
      }
      encryptions += s.encryptionsOfReplacedKeys.sum() + (k == null ? 0 : k.encryptions());
    }
    return new Usage(cached, encryptions);
  }

  record Usage(int cachedKeys, long encryptions) {}

  private List<Slot> allSlots() {
    List<Slot> out = new ArrayList<>();
    tables.values().forEach(t -> out.addAll(t.slots.values()));
    return out;
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the colseal key ring was closed");
    }
  }

  /** Destroys every cached key. */
  @Override
  public void close() {
    closed = true;
    for (Slot s : allSlots()) {
      synchronized (s) {
        DataKey k = s.key;
        if (k != null) {
          k.destroy();
        }
      }
    }
    for (Retired r; (r = retired.poll()) != null; ) {
      r.key.destroy();
    }
  }

  private static final class TableSlots {
    final Map<Integer, Slot> slots = new ConcurrentHashMap<>();
    volatile @Nullable LastUsed lastUsed;
  }

  private record LastUsed(int version, Slot slot) {}

  private static final class Slot {
    final SingleFlight<DataKey> loading = new SingleFlight<>();
    final LongAdder encryptionsOfReplacedKeys = new LongAdder();
    volatile @Nullable DataKey key;
  }

  private record Retired(DataKey key, long destroyAfter) {}
}
