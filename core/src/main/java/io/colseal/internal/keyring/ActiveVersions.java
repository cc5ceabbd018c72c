package io.colseal.internal.keyring;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.exception.KmsException;
import io.colseal.internal.keystore.DataKeyTable;
import io.colseal.internal.keystore.KeyRow;
import io.colseal.keys.Algorithm;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which version of each table's key is ACTIVE in this process, and the versions a search must
 * cover. Creates a table's first key when auto-creation is on, and rotates.
 *
 * <p>Design notes.
 *
 * <ul>
 *   <li>The ACTIVE version is re-read from the key table every refresh interval (and on {@link
 *       #refreshAll()}), so running processes follow a rotation made elsewhere. One thread re-reads;
 *       the others keep using the current version meanwhile, which stays decryptable. Only a table
 *       this process has never used makes its callers wait.
 *   <li>Creation and rotation ask the KEK provider for a key first and then insert it; the key
 *       table's constraints decide between processes ({@link DataKeyTable}). Within this process one
 *       thread per table does it; the others wait for its result. No lock is held across a KMS
 *       call.
 *   <li>A newer ACTIVE version is loaded before this process switches to it, so during a KMS
 *       outage it keeps encrypting with the version it holds.
 * </ul>
 */
final class ActiveVersions {
  private static final Logger LOG = LoggerFactory.getLogger(ActiveVersions.class);
  /** Creations lost to other writers before giving up; each loss means another process made progress. */
  private static final int ATTEMPTS = 5;

  private final DataKeyTable keyTable;
  private final KeyLoader loader;
  private final SlotCache cache;
  private final KeyRingCounters counters;
  private final CoarseClock coarse;
  private final long refreshMillis;
  private final boolean autoCreate;
  private final LongConsumer refreshed;
  private final Map<String, TableState> tables = new ConcurrentHashMap<>();

  ActiveVersions(DataKeyTable keyTable, KeyLoader loader, SlotCache cache, KeyRingCounters counters,
      CoarseClock coarse, long refreshMillis, boolean autoCreate, LongConsumer refreshed) {
    this.keyTable = keyTable;
    this.loader = loader;
    this.cache = cache;
    this.counters = counters;
    this.coarse = coarse;
    this.refreshMillis = refreshMillis;
    this.autoCreate = autoCreate;
    this.refreshed = refreshed;
  }

  /** The ACTIVE version of {@code table} (normalised), created on first use when auto-creation is on. */
  int active(String table) {
    TableState t = state(table);
    int version = t.active;
    if (version == 0) {
      return refresh(table, t, true);
    }
    if (coarse.millis() - t.checkedAt >= refreshMillis) {
      return refresh(table, t, false);
    }
    return version;
  }

  /**
   * The ACTIVE version of {@code table} (normalised) as this process last read, created or rotated
   * it, without reading the key table; 0 if it has not used the table's ACTIVE version yet.
   */
  int known(String table) {
    TableState t = tables.get(table);
    return t == null ? 0 : t.active;
  }

  /** The tables (normalised) whose ACTIVE version this process knows. */
  List<String> knownTables() {
    List<String> out = new ArrayList<>();
    tables.forEach((table, t) -> {
      if (t.active != 0) {
        out.add(table);
      }
    });
    return out;
  }

  /** Forgets the ACTIVE version of {@code table} and reads it again, waiting for the result. */
  int reload(String table) {
    TableState t = state(table);
    t.search = null;
    return refresh(table, t, true);
  }

  /** Re-reads the ACTIVE version of every table in use now, and forgets their search versions. */
  void refreshAll() {
    for (Map.Entry<String, TableState> e : tables.entrySet()) {
      e.getValue().search = null;
      if (e.getValue().active != 0) {
        refresh(e.getKey(), e.getValue(), true);
      }
    }
  }

  private TableState state(String table) {
    TableState t = tables.get(table);
    return t != null ? t : tables.computeIfAbsent(table, n -> new TableState());
  }

  /** Re-reads the ACTIVE version; unless {@code wait}, returns the current one if another thread is at it. */
  private int refresh(String table, TableState t, boolean wait) {
    if (!wait && t.refreshing.inFlight() && t.active != 0) {
      return t.active;
    }
    int version = t.refreshing.run(() -> resolve(table, t));
    refreshed.accept(coarse.millis()); // the refresh tick also flushes the usage records when due
    return version;
  }

  private int resolve(String table, TableState t) {
    int known = t.active;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      KeyRow active = keyTable.findActive(table).orElse(null);
      long now = coarse.millis();
      if (active != null) {
        int version = active.version().version();
        if (version != known && known != 0) {
          try {
            cache.get(table, version); // load before switching, so a KMS outage keeps the old version
            LOG.info("Data key of {} is now v{} (was v{})", table, version, known);
          } catch (KmsException e) {
            if (!e.isRetryable()) {
              throw e;
            }
            LOG.warn("KMS unavailable: keep encrypting {} with v{} until v{} can be unwrapped", table, known, version);
            t.checkedAt = now;
            return known;
          }
        }
        if (version != known) {
          t.search = null;
        }
        t.active = version;
        t.checkedAt = now;
        return version;
      }
      if (!autoCreate) {
        throw noActiveKey(table);
      }
      if (create(table, t)) {
        t.checkedAt = coarse.millis();
        return t.active;
      }
      // Another process created the key first; read its row on the next pass.
    }
    throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, 0, "could not create or read an ACTIVE data"
        + " key for table " + table + ": other writers created and replaced it " + ATTEMPTS + " times in a row");
  }

  private boolean create(String table, TableState t) {
    int version = keyTable.nextVersion(table);
    Algorithm algorithm = BlindIndexKeys.isBlindIndexKey(table) ? Algorithm.HMAC_SHA_256 : Algorithm.AES_256_GCM;
    try (KeyLoader.NewKey key = loader.generate(table, version, algorithm)) {
      if (!keyTable.insertActive(table, version, algorithm, key.generated.wrapped(), key.keyCheckValue)) {
        LOG.debug("Another process created data key {} v{} first; using its key", table, version);
        return false;
      }
      LOG.info("Created data key {} v{} wrapped by {}", table, version, loader.describeKek());
      cache.install(key.toDataKey());
      t.search = null;
      t.active = version;
      return true;
    }
  }

  /**
   * Rotates {@code table} away from {@code from}: a fresh ACTIVE version, {@code from} becomes
   * DECRYPT_ONLY. If another process rotated first, adopts its new version instead.
   *
   * @return the ACTIVE version afterwards
   */
  int rotate(String table, int from) {
    TableState t = state(table);
    return t.rotating.run(() -> {
      int version = keyTable.nextVersion(table);
      try (KeyLoader.NewKey key = loader.generate(table, version, Algorithm.AES_256_GCM)) {
        if (keyTable.rotate(table, from, version, Algorithm.AES_256_GCM, key.generated.wrapped(), key.keyCheckValue)) {
          counters.rotations.increment();
          LOG.info("Rotated data key of {}: v{} is ACTIVE, v{} is DECRYPT_ONLY", table, version, from);
          cache.install(key.toDataKey());
          t.search = null;
          t.active = version;
          t.checkedAt = coarse.millis();
          return version;
        }
      }
      LOG.debug("Data key {} v{} was rotated by another process", table, from);
      return reload(table);
    });
  }

  /** Rotates ACTIVE keys past {@code period} since activation ({@code colseal.keys.rotate-overdue-at-startup}). */
  int rotateIfOverdue(String table, int version, java.time.Duration period, Instant now) {
    if (BlindIndexKeys.isBlindIndexKey(table)) {
      return version;
    }
    KeyRow row = keyTable.find(table, version).orElse(null);
    Instant activated = row == null ? null : row.version().activatedAt();
    if (activated == null || !activated.plus(period).isBefore(now)) {
      return version;
    }
    LOG.info("Data key {} v{} is past its originator-usage period of {}; rotating", table, version, period);
    return rotate(table, version);
  }

  /**
   * The versions of {@code table} whose values may exist and can be decrypted: the ACTIVE version
   * first, then the DECRYPT_ONLY versions, newest first. Cached like the ACTIVE version. A fresh
   * array.
   */
  int[] searchVersions(String table) {
    TableState t = state(table);
    int active = active(table);
    SearchVersions s = t.search;
    if (s == null || s.active != active || coarse.millis() - s.checkedAt >= refreshMillis) {
      s = loadSearchVersions(table, t, active);
    }
    return s.versions.clone();
  }

  /**
   * Checks that {@code version} of {@code table} is ACTIVE or DECRYPT_ONLY, re-reading the key
   * table once if this process does not know it yet.
   *
   * @throws KeyUnavailableException if it is not
   */
  void requireSearchable(String table, int version) {
    if (contains(searchVersions(table), version)) {
      return;
    }
    state(table).search = null;
    if (!contains(searchVersions(table), version)) {
      throw new KeyUnavailableException(ErrorCode.KEY_DISABLED, table, version, "data key " + table + " v" + version
          + " is not ACTIVE or DECRYPT_ONLY; no values can be searched under it");
    }
  }

  private SearchVersions loadSearchVersions(String table, TableState t, int active) {
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

  private static boolean contains(int[] versions, int version) {
    for (int v : versions) {
      if (v == version) {
        return true;
      }
    }
    return false;
  }

  KeyUnavailableException noActiveKey(String table) {
    return new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, 0,
        "table " + table + " has no ACTIVE data key and colseal.keys.auto-create is false;"
            + " create it with 'colseal keys init --table " + table + "'");
  }

  /** The ACTIVE version of one table (0 until known) and the flights working on it. */
  private static final class TableState {
    final SingleFlight<Integer> refreshing = new SingleFlight<>();
    final SingleFlight<Integer> rotating = new SingleFlight<>();
    volatile int active;
    volatile long checkedAt;
    volatile @Nullable SearchVersions search;
  }

  /** The search versions of a table, read when {@code active} was this process's ACTIVE version. */
  private record SearchVersions(int active, long checkedAt, int[] versions) {}
}
