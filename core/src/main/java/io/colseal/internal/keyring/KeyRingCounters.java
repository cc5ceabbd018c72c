package io.colseal.internal.keyring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the key ring counts since it started, shared by its parts. Thread safe; every count is a
 * {@link LongAdder}, so counting takes no lock and contended increments do not share one cache
 * line.
 */
final class KeyRingCounters {
  final LongAdder generateCalls = new LongAdder();
  final LongAdder unwrapCalls = new LongAdder();
  final LongAdder rotations = new LongAdder();
  final LongAdder refreshFailures = new LongAdder();
  /** Cache lookups answered by a key held in memory. */
  final LongAdder cacheHits = new LongAdder();
  /** Cache lookups that found no usable key: they waited for a load, or failed at once after max-stale. */
  final LongAdder cacheMisses = new LongAdder();
  /** Background refreshes that replaced a cached key. */
  final LongAdder refreshes = new LongAdder();
  /** Encryptions and decryptions per table (normalised names), one object per table for the ciphers to keep. */
  final Map<String, TableCounters> tables = new ConcurrentHashMap<>();

  TableCounters table(String table) {
    TableCounters t = tables.get(table);
    return t != null ? t : tables.computeIfAbsent(table, TableCounters::new);
  }
}
