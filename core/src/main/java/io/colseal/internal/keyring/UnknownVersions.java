package io.colseal.internal.keyring;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.internal.keystore.DataKeyTable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key versions of one table that the key table did not have, remembered for a short time, and a
 * budget of key-table lookups for versions this process does not hold.
 *
 * <p>Design note: a stored value names its key version, so tampered or corrupted values can name
 * any number of distinct versions. Each one used to cost a key-table query and a cache slot kept
 * forever. Here a missing version is remembered for {@link #REMEMBER_MILLIS} in an LRU map of at
 * most {@link #MAX_REMEMBERED} entries, and lookups of versions not held are paid from a token
 * bucket ({@link #BURST} at once, {@link #PER_SECOND} a second); a lookup that finds its version
 * gives its token back, so only misses use the budget up. With the bucket empty, a version not held
 * fails at once with {@code KEY_NOT_FOUND}, without a query. Thread safe: every method is
 * synchronized, and none calls the database or the KMS.
 */
final class UnknownVersions {
  /** How long a missing version is answered from memory; a version created later is found after this. */
  static final long REMEMBER_MILLIS = 30_000;
  /** Missing versions remembered per table at most. */
  static final int MAX_REMEMBERED = 1024;
  /** Lookups of versions not held that may run at once. */
  static final int BURST = 20;
  /** Lookups of versions not held per second, on average. */
  static final int PER_SECOND = 10;

  private final String table;
  private final Map<Integer, Long> remembered = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };
  private double tokens = BURST;
  private long filledAt;
  private boolean started;

  UnknownVersions(String table) {
    this.table = table;
  }

  /**
   * Takes a token for looking up {@code version} in the key table.
   *
   * @throws KeyUnavailableException {@code KEY_NOT_FOUND} if the version was missing moments ago, or
   *     if too many versions were looked up for this table lately
   */
  synchronized void acquire(int version, long now) {
    Long until = remembered.get(version);
    if (until != null) {
      if (now < until) {
        throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, version,
            "no data key version " + version + " for table " + table + " in " + DataKeyTable.TABLE);
      }
      remembered.remove(version);
    }
    refill(now);
    if (tokens < 1) {
      throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, version, "data key " + table + " v" + version
          + " was not looked up in " + DataKeyTable.TABLE + ": more than " + PER_SECOND + " unknown key versions of"
          + " table " + table + " a second are being read (tampered or corrupted values?); try again later");
    }
    tokens -= 1;
  }

  /** The looked-up version exists: its token goes back. */
  synchronized void found(int version) {
    tokens = Math.min(BURST, tokens + 1);
    remembered.remove(version);
  }

  /** The looked-up version does not exist: remember that, and keep the token spent. */
  synchronized void missing(int version, long now) {
    remembered.put(version, now + REMEMBER_MILLIS);
    purge(now);
  }

  /** A version this process just created: forget that it was missing. */
  synchronized void created(int version) {
    remembered.remove(version);
  }

  /** Missing versions remembered now. */
  synchronized int size() {
    return remembered.size();
  }

  private void refill(long now) {
    if (!started) {
      started = true;
      filledAt = now;
      return;
    }
    if (now > filledAt) {
      tokens = Math.min(BURST, tokens + (now - filledAt) * PER_SECOND / 1000.0);
      filledAt = now;
    }
  }

  private void purge(long now) {
    // Least recently used first; stops at the first entry still valid, so this is cheap on average.
    for (Iterator<Long> it = remembered.values().iterator(); it.hasNext(); ) {
      if (it.next() > now) {
        return;
      }
      it.remove();
    }
  }
}
