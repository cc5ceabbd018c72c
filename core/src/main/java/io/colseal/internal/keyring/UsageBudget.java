package io.colseal.internal.keyring;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.keystore.DataKeyTable;
import io.colseal.internal.keystore.KeyRow;
import io.colseal.keys.KeyState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts encryptions against each ACTIVE version's usage cap.
 *
 * <p>Design note: encryptions are reserved in the key table in blocks ({@code
 * encryptions_reserved}, a conditional update that never passes the cap) before they are used, so
 * the persisted count can over-count after a crash but never under-count, and counting costs no
 * write per value. One thread per table reserves at a time (a lock around the key-table update
 * only); when a version has nothing left, it is rotated ({@link ActiveVersions#rotate}), outside
 * that lock, and the rotation is a conditional update of the ACTIVE row, so it happens once
 * however many processes notice. A reservation is not an encryption: the encryptions actually
 * performed are counted per version and flushed after each reservation ({@link UsageRecorder}).
 */
final class UsageBudget {
  private static final Logger LOG = LoggerFactory.getLogger(UsageBudget.class);
  private static final int ATTEMPTS = 10;

  private final DataKeyTable keyTable;
  private final ActiveVersions active;
  private final SlotCache cache;
  private final long cap;
  private final long block;
  private final UsageRecorder recorder;
  private final Map<String, ReentrantLock> reserving = new ConcurrentHashMap<>();

  UsageBudget(DataKeyTable keyTable, ActiveVersions active, SlotCache cache, long cap, long block,
      UsageRecorder recorder) {
    this.keyTable = keyTable;
    this.active = active;
    this.cache = cache;
    this.cap = cap;
    this.block = block;
    this.recorder = recorder;
  }

  /** The key for the next encryption of {@code table} (normalised), with one encryption taken from its budget. */
  DataKey consume(String table) {
    DataKey k = cache.get(table, active.active(table));
    return k.tryConsume() ? k : consumeSlow(table);
  }

  private enum Next { CONSUMED, RETRY, ROTATED_ELSEWHERE, CAP_REACHED }

  private DataKey consumeSlow(String table) {
    int version = 0;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      version = active.active(table);
      DataKey k = cache.get(table, version);
      if (k.tryConsume()) {
        return k;
      }
      switch (reserve(table, version, k)) {
        case CONSUMED -> {
          return k;
        }
        case RETRY -> { }
        case ROTATED_ELSEWHERE -> active.reload(table);
        case CAP_REACHED -> {
          LOG.info("Data key {} v{} reached its usage cap of {} encryptions", table, version, cap);
          active.rotate(table, version);
        }
      }
    }
    throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, version,
        "could not reserve encryptions for table " + table + " after " + ATTEMPTS + " attempts");
  }

  /**
   * Takes one encryption of {@code key}'s budget, reserving a block (or what is left under the cap)
   * in the key table when the budget is empty; key-table work only. The thread that reserves takes
   * its encryption from its own reservation, so every pass through here makes progress.
   */
  private Next reserve(String table, int version, DataKey key) {
    ReentrantLock lock = reserving.computeIfAbsent(table, t -> new ReentrantLock());
    lock.lock();
    try {
      if (key.tryConsume()) {
        return Next.CONSUMED; // another thread reserved while this one waited
      }
      if (keyTable.reserve(table, version, block, cap)) {
        key.addBudgetTakingOne(block);
        recorder.reserved(table, version);
        return Next.CONSUMED;
      }
      KeyRow row = keyTable.find(table, version).orElse(null);
      if (row == null || row.version().state() != KeyState.ACTIVE) {
        return Next.ROTATED_ELSEWHERE;
      }
      long left = cap - row.version().encryptionsReserved();
      if (left > 0 && keyTable.reserve(table, version, left, cap)) {
        key.addBudgetTakingOne(left);
        recorder.reserved(table, version);
        return Next.CONSUMED;
      }
      return left > 0 ? Next.RETRY : Next.CAP_REACHED; // another process reserved the rest meanwhile
    } finally {
      lock.unlock();
    }
  }
}
