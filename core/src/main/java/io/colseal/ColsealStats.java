package io.colseal;

import static java.util.Objects.requireNonNull;

import io.colseal.internal.keyring.DataKeys;
import io.colseal.keys.Identifiers;
import io.colseal.kms.KmsCallObserver;
import io.colseal.kms.KmsCallOutcome;
import io.colseal.kms.KmsOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one running {@link Colseal} has done since it started, for monitoring: values encrypted and
 * decrypted per table, the ACTIVE key version per table, key-cache hits, misses and refreshes, and
 * KEK provider calls by operation and outcome with their time. A metrics binder reads it (the
 * meters are listed in {@code docs/reference/metrics.md}); JDBC code can read it directly:
 *
 * <pre>{@code
 * ColsealStats stats = colseal.stats();
 * TableStats customers = stats.table("customers");
 * long written = customers.encryptions();
 * long unwraps = stats.kmsCalls(KmsOperation.UNWRAP, KmsCallOutcome.SUCCESS).count();
 * }</pre>
 *
 * <p>Every figure is a monotonic count since start except {@link TableStats#activeVersion()}. The
 * objects it returns are live views, the same object for the same table, operation and outcome
 * for the life of this instance, so meters may keep them (Micrometer holds its state objects
 * weakly; this instance holds them strongly). Reads take no lock and run no query; no figure names
 * a value or a key. Counts stay readable after {@link Colseal#close()}.
 *
 * <p>Thread safe.
 */
public final class ColsealStats {
  private final DataKeys keys;
  private final TimedKmsProvider kms;
  private final Map<String, TableStats> tables = new ConcurrentHashMap<>();

  ColsealStats(DataKeys keys, TimedKmsProvider kms) {
    this.keys = keys;
    this.kms = kms;
  }

  /**
   * The tables this instance has a {@link ColumnCipher} for, or knows the ACTIVE key version of, in
   * name order; blind-index keys (which are never rotated) are left out. A table appears when its
   * first cipher is created (with Hibernate: when the SessionFactory starts), with zero counts.
   */
  public List<TableStats> tables() {
    List<TableStats> out = new ArrayList<>();
    for (String table : keys.tables()) {
      out.add(normalized(table));
    }
    return out;
  }

  /**
   * The figures of {@code table} (normalised like every table name: {@code "Customers"} and {@code
   * customers} are one table); zero counts and version 0 for a table this instance has not used yet,
   * which it then lists in {@link #tables()}.
   *
   * @throws IllegalArgumentException if {@code table} is not a valid identifier
   */
  public TableStats table(String table) {
    return normalized(Identifiers.normalize(requireNonNull(table, "table")));
  }

  private TableStats normalized(String table) {
    TableStats t = tables.get(table);
    return t != null ? t : tables.computeIfAbsent(table, n -> new TableStats(keys.table(n), keys));
  }

  /**
   * Lookups of an unwrapped data key answered from memory: nearly every encryption and decryption,
   * including those served by a key past its TTL while it is refreshed.
   */
  public long keyCacheHits() {
    return keys.cacheHits();
  }

  /**
   * Lookups that found no usable key in memory: the first use of a key version, a use after its
   * TTL ran out unused, every use with {@code colseal.keys.cache-ttl} 0, and uses that fail at once
   * after {@code colseal.keys.max-stale}. Threads that wait for the same load each count one.
   */
  public long keyCacheMisses() {
    return keys.cacheMisses();
  }

  /**
   * Cached keys replaced ahead of their expiry by a background refresh (started by a use in the
   * last fifth of the TTL, or retried after a KMS outage).
   */
  public long keyRefreshes() {
    return keys.refreshes();
  }

  /**
   * Refreshes that failed because the KMS could not be reached, while the cached key stayed in use
   * ({@code colseal.keys.max-stale}); the same count as {@link io.colseal.keys.KeyRingStats#keyRefreshFailures()}.
   */
  public long keyRefreshFailures() {
    return keys.refreshFailures();
  }

  /**
   * The calls of {@code operation} to the KEK provider that ended with {@code outcome}. A running
   * instance calls {@link KmsOperation#GENERATE_DATA_KEY} and {@link KmsOperation#UNWRAP}; the
   * other operations are for key administration and stay at zero here.
   */
  public KmsCallStats kmsCalls(KmsOperation operation, KmsCallOutcome outcome) {
    return kms.stats(requireNonNull(operation, "operation"), requireNonNull(outcome, "outcome"));
  }

  /** Every operation with every outcome, each {@link KmsCallStats} once. */
  public List<KmsCallStats> kmsCalls() {
    return kms.stats();
  }

  /**
   * Tells {@code observer} of every KEK provider call from now on, after the call ends; see {@link
   * KmsCallObserver}. Calls before registration are in {@link #kmsCalls()} only.
   */
  public void addKmsCallObserver(KmsCallObserver observer) {
    kms.addObserver(requireNonNull(observer, "observer"));
  }

  /** Stops telling {@code observer}; nothing happens if it was not registered. */
  public void removeKmsCallObserver(KmsCallObserver observer) {
    kms.removeObserver(requireNonNull(observer, "observer"));
  }

  @Override
  public String toString() {
    return "ColsealStats[" + keys.tables().size() + " tables, " + keyCacheHits() + " key-cache hits, "
        + keyCacheMisses() + " misses]";
  }
}
