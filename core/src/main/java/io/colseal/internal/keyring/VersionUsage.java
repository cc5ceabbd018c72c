package io.colseal.internal.keyring;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Encryptions this process performed under one version of one table, in periods: what {@link
 * UsageRecorder} flushes to {@code colseal_key_usage}.
 *
 * <p>Design note: the hot path reads the current {@link Period}, lowers its start to the time read
 * before the encryption if earlier, then counts on its {@link LongAdder}: no lock and no write to
 * shared memory beyond the adder's cell. A flush replaces the current period by a fresh one and
 * reports every open period's count not yet reported, with that period's start; since a thread
 * lowers the start before it counts, a count the flush sees always comes with a start no later
 * than the encryption. A thread that read the old period just before the swap still counts on it:
 * an old period stays open, and every flush reports such late counts, until it has been swapped out
 * for {@link #GRACE_MILLIS} with nothing new (a thread would have to stall that long between reading
 * the period and counting for its count to be lost).
 */
final class VersionUsage {
  static final long GRACE_MILLIS = 10_000;
  final int version;
  private volatile Period current = new Period();
  // Periods swapped out whose counts are (or may yet be) unreported; guarded by itself.
  private final List<Period> open = new ArrayList<>();
  // Reservations of encryptions under this version, and how many of them a flush has reported.
  private final AtomicLong reservations = new AtomicLong();
  private long reservationsReported; // guarded by open

  VersionUsage(int version) {
    this.version = version;
  }

  /** Counts one encryption at {@code nowMillis} (read before the encryption). */
  void record(long nowMillis) {
    Period p = current;
    p.lowerStart(nowMillis);
    p.count.increment();
  }

  /** Encryptions under this version were just reserved: the next flush records that, even with no count. */
  void reserved() {
    reservations.incrementAndGet();
  }

  /** The open periods' unreported counts, after starting a new period if the current one has counts. */
  List<Pending> drain(long nowMillis) {
    synchronized (open) {
      Period c = current;
      if (c.count.sum() > 0) {
        current = new Period();
        c.swappedAt = nowMillis;
        if (!open.contains(c)) {
          open.add(c);
        }
      }
      long r = reservations.get();
      List<Pending> out = new ArrayList<>();
      for (Period p : open) {
        long delta = p.count.sum() - p.reported;
        if (delta > 0) {
          out.add(new Pending(p, delta, p.start.get(), r));
        }
      }
      if (r > reservationsReported && out.isEmpty()) {
        // A zero count marks this process as holding encryptions of the version, before it uses them.
        out.add(new Pending(null, 0, Long.MAX_VALUE, r));
      }
      return out;
    }
  }

  /**
   * The flush of {@code pending} succeeded: they are reported; periods swapped out at least {@link
   * #GRACE_MILLIS} before {@code nowMillis} with nothing new are closed.
   */
  void reported(List<Pending> pending, long nowMillis) {
    synchronized (open) {
      for (Pending x : pending) {
        reservationsReported = Math.max(reservationsReported, x.reservations);
      }
      for (Iterator<Period> it = open.iterator(); it.hasNext(); ) {
        Period p = it.next();
        long delta = 0;
        for (Pending x : pending) {
          if (x.period == p) {
            delta = x.encryptions;
          }
        }
        p.reported += delta;
        if (delta == 0 && nowMillis - p.swappedAt >= GRACE_MILLIS) {
          it.remove();
        }
      }
    }
  }

  /** A count to flush. */
  record Pending(@Nullable Period period, long encryptions, long startMillis, long reservations) {}

  static final class Period {
    final LongAdder count = new LongAdder();
    final AtomicLong start = new AtomicLong(Long.MAX_VALUE);
    long reported; // guarded by the owner's lock
    long swappedAt; // guarded by the owner's lock

    void lowerStart(long millis) {
      long s = start.get();
      while (millis < s && !start.compareAndSet(s, millis)) {
        s = start.get();
      }
    }
  }
}
