package io.colseal.internal.keyring;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.exception.KmsException;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.keystore.DataKeyTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unwrapped data keys by (table, version), each kept for the cache TTL and refreshed before it ends.
 *
 * <p>Design notes.
 *
 * <ul>
 *   <li>Refresh ahead: once four fifths of a key's TTL have passed, the next use of it starts a
 *       reload on a background thread ({@link RefreshThreads}) and goes on with the cached key. Only
 *       a key this process does not hold (never unwrapped, dropped), or one not used in the last
 *       fifth of its TTL and now expired, is loaded by a caller: by one thread ({@link KeyLoader}),
 *       while threads that need the same key wait for that load's result, not on a lock; threads
 *       using other keys never wait. No lock is held while the KEK provider is called.
 *   <li>Stale while revalidate: when a refresh fails because the KMS cannot be reached ({@link
 *       KmsException#isRetryable()}), or is still waiting for it, the cached key stays in use past
 *       its TTL for at most {@code colseal.keys.max-stale}; a key past its TTL with no such trouble
 *       known is loaded before it is used, so a destroyed or retired version fails at its TTL; each failure is logged and counted, and the refresh is retried with
 *       backoff (1 s, doubling up to 30 s). Past max-stale the key is dropped and its uses fail at
 *       once with {@code KEY_DISABLED} until a background refresh succeeds. A refusal ({@code
 *       KMS_REJECTED}) or a retired, destroyed or missing row drops the key at once.
 *   <li>A replaced key is not destroyed at once: a thread may still be between fetching it and
 *       initialising its cipher. Replaced keys are destroyed after a grace period, and all keys on
 *       {@link #close()}.
 *   <li>Each key carries its share of reserved encryptions ({@link UsageBudget}); a reloaded key
 *       takes over the budget of the key it replaces, so nothing reserved is used twice or lost.
 *   <li>A version the key table does not have leaves no slot behind: {@link UnknownVersions}
 *       remembers it for a short time and rate-limits such lookups per table.
 *   <li>Counted in {@link KeyRingCounters}: a lookup answered by a key in memory (also a stale one
 *       served while it is refreshed) is a hit; one that waits for a load, its own or another
 *       thread's, or fails at once after max-stale, is a miss; a background refresh that replaced
 *       a key is a refresh.
 * </ul>
 */
final class SlotCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlotCache.class);
  private static final long GRACE_MILLIS = 60_000;
  static final long FIRST_RETRY_MILLIS = 1_000;
  static final long MAX_RETRY_MILLIS = 30_000;

  private final KeyLoader loader;
  private final Clock clock;
  private final CoarseClock coarse;
  private final boolean precise;
  private final long ttlMillis;
  private final long maxStaleMillis;
  private final KeyRingCounters counters;
  private final RefreshThreads refresher = new RefreshThreads();
  private final Map<String, TableSlots> tables = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Retired> retired = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  SlotCache(KeyLoader loader, Clock clock, long ttlMillis, long maxStaleMillis, KeyRingCounters counters) {
    this.loader = loader;
    this.clock = clock;
    this.coarse = new CoarseClock(clock);
    // Without caching every use loads: expiry must be exact, not read from the coarse clock.
    this.precise = ttlMillis == 0;
    this.ttlMillis = ttlMillis;
    this.maxStaleMillis = maxStaleMillis;
    this.counters = counters;
  }

  /**
   * The key of {@code version} of {@code table}, loading it in this thread only if this process does
   * not hold it.
   *
   * @throws KeyUnavailableException {@code KEY_DISABLED} if the key could not be refreshed for longer
   *     than max-stale; {@code KEY_NOT_FOUND} if the version is unknown (or too many unknown versions
   *     were asked for lately); see {@link KeyLoader#load} for the rest
   */
  DataKey get(String table, int version) {
    checkOpen();
    TableSlots t = tableSlots(table);
    Slot slot = slot(table, t, version);
    DataKey k = slot.key;
    if (k != null) {
      long now = precise ? clock.millis() : coarse.millis();
      if (!k.isDueForRefresh(now)) {
        counters.cacheHits.increment();
        return k;
      }
      return due(table, version, t, slot, k, now);
    }
    return absent(table, version, t, slot);
  }

  // The two methods below keep get() small enough for the JIT to inline it into its callers.

  /** {@code k} is due for refresh: served while it is refreshed, or loaded in this thread. */
  private DataKey due(String table, int version, TableSlots t, Slot slot, DataKey k, long now) {
    if (!precise) {
      DataKey usable = stale(table, version, slot, k, now);
      if (usable != null) {
        counters.cacheHits.increment();
        return usable;
      }
    }
    counters.cacheMisses.increment();
    return load(table, version, t, slot);
  }

  /** No key held: fails at once if it lapsed after max-stale, else loads it in this thread. */
  private DataKey absent(String table, int version, TableSlots t, Slot slot) {
    counters.cacheMisses.increment();
    if (slot.lapsed) {
      refreshInBackground(table, version, slot, clock.millis());
      throw lapsed(table, version, slot.lastFailure);
    }
    return load(table, version, t, slot);
  }

  private TableSlots tableSlots(String table) {
    TableSlots t = tables.get(table);
    return t != null ? t : tables.computeIfAbsent(table, TableSlots::new);
  }

  private Slot slot(String table, TableSlots t, int version) {
    // Hot path: the table's most recently used version is one volatile read away.
    LastUsed last = t.lastUsed;
    if (last != null && last.version == version && !last.slot.removed) {
      return last.slot;
    }
    Slot slot = t.slots.get(version);
    if (slot == null) {
      t.unknown.acquire(version, clock.millis()); // a key-table lookup: fails fast if not affordable
      Slot mine = new Slot(true);
      slot = t.slots.putIfAbsent(version, mine);
      if (slot == null) {
        slot = mine;
      } else {
        t.unknown.found(version); // another thread made the slot first and looks the version up
      }
    }
    t.lastUsed = new LastUsed(version, slot);
    return slot;
  }

  /** The cached key {@code k}, due for refresh, if it may still be used; null to load it in this thread. */
  private @Nullable DataKey stale(String table, int version, Slot slot, DataKey k, long now) {
    if (now < k.expiresAtMillis()) {
      refreshInBackground(table, version, slot, now); // refresh ahead
      return k;
    }
    // Past the TTL only while the KMS is known to be failing or slow: a refresh failed or still runs.
    boolean kmsTrouble = slot.failures.get() > 0 || slot.refreshing.get();
    if (!kmsTrouble) {
      return null; // not used near its expiry, so not refreshed: load it now, as a destroyed key must fail now
    }
    if (now < k.expiresAtMillis() + maxStaleMillis) {
      refreshInBackground(table, version, slot, now);
      return k;
    }
    lapse(table, version, slot, now);
    counters.cacheMisses.increment();
    refreshInBackground(table, version, slot, now);
    throw lapsed(table, version, slot.lastFailure);
  }

  private void refreshInBackground(String table, int version, Slot slot, long now) {
    if (now < slot.nextAttemptAt || !slot.refreshing.compareAndSet(false, true)) {
      return;
    }
    if (!refresher.submit(() -> refresh(table, version, slot))) {
      slot.refreshing.set(false);
    }
  }

  /** On a refresh thread: loads the key again and replaces the cached one. */
  private void refresh(String table, int version, Slot slot) {
    boolean failed = false;
    try {
      DataKey fresh = loader.load(table, version);
      int failures = slot.failures.get();
      replace(slot, fresh, clock.millis());
      counters.refreshes.increment();
      if (failures > 0) {
        LOG.info("Refreshed data key {} v{} after {} failed attempts", table, version, failures);
      }
    } catch (KmsException e) {
      if (e.isRetryable()) {
        refreshFailed(table, version, slot, e, clock.millis());
        failed = true;
      } else {
        drop(table, version, slot, e);
      }
    } catch (RuntimeException e) {
      drop(table, version, slot, e);
    } finally {
      slot.refreshing.set(false);
    }
    if (failed) {
      counters.refreshFailures.increment(); // once the next attempt may start, for whoever waits on the count
    }
  }

  /** Backoff and log line for a failed refresh; the caller counts it. */
  private void refreshFailed(String table, int version, Slot slot, KmsException e, long now) {
    int failures = slot.failures.incrementAndGet();
    long delay = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(failures - 1, 16));
    slot.nextAttemptAt = now + delay;
    slot.lastFailure = e;
    DataKey k = slot.key;
    LOG.warn("Could not refresh data key {} v{} (attempt {}: {}); {}; retrying in {} ms", table, version, failures,
        e.getMessage(), k == null ? "the key is not in use"
            : "the cached key stays in use until " + Instant.ofEpochMilli(k.expiresAtMillis() + maxStaleMillis)
                + " (colseal.keys.max-stale " + Duration.ofMillis(maxStaleMillis) + " past its TTL)", delay);
  }

  /** The key may no longer be used at all: retired, destroyed, missing, or refused by the KMS. */
  private void drop(String table, int version, Slot slot, RuntimeException e) {
    String code = e instanceof ColsealException c ? c.code().name() : e.getClass().getSimpleName();
    LOG.warn("Dropping cached data key {} v{}: a refresh failed with {}", table, version, code);
    slot.failures.set(0);
    slot.lastFailure = null;
    slot.lapsed = false; // the next use loads it in its own thread and gets the error itself
    evict(slot, clock.millis());
  }

  private void lapse(String table, int version, Slot slot, long now) {
    if (!slot.lapsed) {
      LOG.warn("Data key {} v{} could not be refreshed for colseal.keys.max-stale ({}) past its TTL; it is no longer"
          + " used until the KMS answers again", table, version, Duration.ofMillis(maxStaleMillis));
    }
    slot.lapsed = true;
    evict(slot, now);
  }

  private KeyUnavailableException lapsed(String table, int version, @Nullable Throwable cause) {
    return new KeyUnavailableException(ErrorCode.KEY_DISABLED, table, version, "data key " + table + " v" + version
        + " could not be refreshed for longer than colseal.keys.max-stale (" + Duration.ofMillis(maxStaleMillis)
        + ") past its cache TTL because the KMS could not be reached; it is used again as soon as a refresh, retried"
        + " in the background, succeeds", cause);
  }

  private DataKey load(String table, int version, TableSlots t, Slot slot) {
    return slot.loading.run(() -> {
      if (slot.removed) {
        throw notFound(table, version); // the flight before this one found no such version
      }
      long now = clock.millis();
      DataKey current = slot.key;
      if (current != null && !current.isDueForRefresh(now)) {
        return current; // loaded by the previous flight or a background refresh
      }
      return loadNow(table, version, t, slot, current, now);
    });
  }

  private DataKey loadNow(String table, int version, TableSlots t, Slot slot, @Nullable DataKey current, long now) {
    boolean probation = slot.probation;
    slot.probation = false;
    DataKey loaded;
    try {
      loaded = loader.load(table, version);
    } catch (KeyUnavailableException e) {
      if (probation && e.code() == ErrorCode.KEY_NOT_FOUND) {
        forget(t, version, slot, now);
        throw e;
      }
      if (probation) {
        t.unknown.found(version);
      }
      evict(slot, now); // retired, destroyed or gone: an expired key must not linger in memory
      throw e;
    } catch (KmsException e) {
      if (probation) {
        t.unknown.found(version);
      }
      if (current != null && e.isRetryable() && !precise) {
        refreshFailed(table, version, slot, e, now);
        counters.refreshFailures.increment();
        if (now < current.expiresAtMillis() + maxStaleMillis) {
          return current; // stale while revalidate; the next uses do not wait, retries run in the background
        }
        lapse(table, version, slot, now);
        throw lapsed(table, version, e);
      }
      evict(slot, now);
      throw e;
    } catch (RuntimeException e) {
      if (probation) {
        t.unknown.found(version);
      }
      evict(slot, now);
      throw e;
    }
    if (probation) {
      t.unknown.found(version);
    }
    replace(slot, loaded, now);
    return loaded;
  }

  private static KeyUnavailableException notFound(String table, int version) {
    return new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, version,
        "no data key version " + version + " for table " + table + " in " + DataKeyTable.TABLE);
  }

  /** A version the key table does not have: no slot stays behind for it. */
  private static void forget(TableSlots t, int version, Slot slot, long now) {
    slot.removed = true;
    t.slots.remove(version, slot);
    t.unknown.missing(version, now);
  }

  /** Puts a key this process just created (a new table's first key, a rotation) into the cache. */
  void install(DataKey key) {
    checkOpen();
    TableSlots t = tableSlots(key.table());
    t.unknown.created(key.version());
    Slot slot = t.slots.computeIfAbsent(key.version(), v -> new Slot(false));
    replace(slot, key, clock.millis());
  }

  private void replace(Slot slot, DataKey fresh, long now) {
    fresh.refreshAt(fresh.expiresAtMillis() - ttlMillis / 5);
    synchronized (slot) {
      if (closed) {
        fresh.destroy(); // a background refresh that finished after close()
        return;
      }
      DataKey old = slot.key;
      slot.key = fresh;
      slot.failures.set(0);
      slot.lastFailure = null;
      slot.nextAttemptAt = 0;
      slot.lapsed = false;
      if (old != null && old != fresh) {
        // Encryptions reserved for this version and not yet used carry over to the reloaded key.
        fresh.addBudget(old.drainBudget());
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

  /** Keys held now and unknown versions remembered. */
  Usage usage() {
    int cached = 0;
    for (Slot s : allSlots()) {
      if (s.key != null) {
        cached++;
      }
    }
    int unknown = 0;
    for (TableSlots t : tables.values()) {
      unknown += t.unknown.size();
    }
    return new Usage(cached, unknown);
  }

  record Usage(int cachedKeys, int unknownVersions) {}

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

  /** Stops the refresh threads and destroys every cached key. */
  @Override
  public void close() {
    closed = true;
    refresher.close();
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
    final UnknownVersions unknown;
    volatile @Nullable LastUsed lastUsed;

    TableSlots(String table) {
      this.unknown = new UnknownVersions(table);
    }
  }

  private record LastUsed(int version, Slot slot) {}

  private static final class Slot {
    final SingleFlight<DataKey> loading = new SingleFlight<>();
    final AtomicBoolean refreshing = new AtomicBoolean();
    final AtomicInteger failures = new AtomicInteger();
    volatile @Nullable DataKey key;
    /** Not yet found in the key table: its lookup holds a token of {@link UnknownVersions}. */
    volatile boolean probation;
    /** The key table has no such version; the slot left the map. */
    volatile boolean removed;
    /** The key was dropped after max-stale; uses fail fast until a background refresh succeeds. */
    volatile boolean lapsed;
    volatile long nextAttemptAt;
    volatile @Nullable KmsException lastFailure;

    Slot(boolean probation) {
      this.probation = probation;
    }
  }

  private record Retired(DataKey key, long destroyAfter) {}
}
