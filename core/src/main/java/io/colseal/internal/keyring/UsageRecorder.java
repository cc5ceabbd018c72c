package io.colseal.internal.keyring;

import io.colseal.internal.keystore.KeyUsageTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the encryptions this process performed, per (table, key version), to the usage records
 * ({@link KeyUsageTable}): the evidence behind the audit's "no encryption since retirement".
 *
 * <p>Design note: counting happens on the hot path in {@link TableCounters} ({@link VersionUsage});
 * this class only writes. A process becomes a writer with its first reservation of encryptions
 * ({@link UsageBudget}), so a key command's key ring, which never encrypts, leaves no row. It
 * flushes after each reservation, on the refresh of an ACTIVE version when at least the refresh
 * interval (and at least a second) has passed since its last flush, on {@link #flush()} and on
 * {@link #close()}, which also marks the writer stopped. A failed flush never fails an encryption:
 * it is logged once until a flush succeeds again, and its counts stay for the next flush. Thread
 * safe; one flush at a time.
 */
final class UsageRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
  private static final long MIN_SPACING_MILLIS = 1_000;

  private final KeyUsageTable table;
  private final KeyRingCounters counters;
  private final Clock clock;
  private final Duration refreshInterval;
  private final long spacingMillis;
  private final String instanceId = UUID.randomUUID().toString();
  private final Instant startedAt;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean writer;
  private volatile long lastFlushMillis;
  private boolean failing; // guarded by lock
  private boolean stopped; // guarded by lock

  UsageRecorder(KeyUsageTable table, KeyRingCounters counters, Clock clock, Duration refreshInterval) {
    this.table = table;
    this.counters = counters;
    this.clock = clock;
    this.refreshInterval = refreshInterval;
    this.spacingMillis = Math.max(refreshInterval.toMillis(), MIN_SPACING_MILLIS);
    this.startedAt = clock.instant();
    this.lastFlushMillis = startedAt.toEpochMilli();
  }

  /** This process's id in {@code colseal_key_writer}. */
  String instanceId() {
    return instanceId;
  }

  /**
   * Encryptions of {@code version} of {@code table} were just reserved: this process is a writer,
   * and holds that version; flushes what it has counted, and that it holds the version.
   */
  void reserved(String table, int version) {
    counters.table(table).usage(version).reserved();
    writer = true;
    flush(false);
  }

  /** An ACTIVE version was re-read at {@code nowMillis}: flushes if due. */
  void refreshed(long nowMillis) {
    if (writer && nowMillis - lastFlushMillis >= spacingMillis) {
      flush(false);
    }
  }

  /** Flushes now; false if the flush failed (the counts are kept) or this process has not encrypted. */
  boolean flush() {
    return writer && flush(false);
  }

  /** The last flush, marking this writer stopped; nothing if it never encrypted. */
  void close() {
    if (writer) {
      flush(true);
    }
  }

  private boolean flush(boolean stop) {
    lock.lock();
    try {
      if (stopped) {
        return false;
      }
      List<Drained> drained = new ArrayList<>();
      for (TableCounters t : counters.tables.values()) {
        for (VersionUsage u : t.versionUsage()) {
          List<VersionUsage.Pending> pending = u.drain(clock.millis());
          if (!pending.isEmpty()) {
            drained.add(new Drained(t.table(), u, pending));
          }
        }
      }
      Instant end = clock.instant(); // after the counts were read: no counted encryption is later
      List<KeyUsageTable.Count> counts = new ArrayList<>();
      for (Drained d : drained) {
        for (VersionUsage.Pending p : d.pending) {
          Instant start = Instant.ofEpochMilli(Math.min(p.startMillis(), end.toEpochMilli()));
          counts.add(new KeyUsageTable.Count(d.table, d.usage.version, start, end, p.encryptions()));

        }
      }
      try {
        table.flush(instanceId, startedAt, refreshInterval, end, stop ? end : null, counts);
      } catch (RuntimeException e) {
        if (!failing) {
          LOG.warn("Could not record key usage; the counts are kept for the next attempt: {}", e.getMessage());
          failing = true;
        }
        return false;
      }
      drained.forEach(d -> d.usage.reported(d.pending, end.toEpochMilli()));
      failing = false;
      lastFlushMillis = end.toEpochMilli();
      stopped = stop;
      return true;
    } finally {
      lock.unlock();
    }
  }

  private record Drained(String table, VersionUsage usage, List<VersionUsage.Pending> pending) {}

  @Override
  public String toString() {
    return "UsageRecorder[" + instanceId + "]";
  }
}
