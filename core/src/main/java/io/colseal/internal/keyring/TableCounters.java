package io.colseal.internal.keyring;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Encryptions and decryptions of one table in this process. A cipher gets its table's object once
 * ({@link DataKeys#table}) and hands it to {@link DataKeys#encryptionKey} and {@link
 * DataKeys#decryptionKey}, which count on it: one {@link LongAdder#increment()} per value and no
 * map lookup. Thread safe.
 */
public final class TableCounters {
  private final String table;
  final LongAdder encryptions = new LongAdder();
  final LongAdder decryptions = new LongAdder();
  // Encryptions per key version, for the usage records; the last one used is one volatile read away.
  private final Map<Integer, VersionUsage> versions = new ConcurrentHashMap<>();
  private volatile VersionUsage lastVersion = new VersionUsage(0);

  TableCounters(String table) {
    this.table = table;
  }

  /** Counts one encryption under {@code version} at {@code nowMillis}, for the usage records. */
  void recordEncryption(int version, long nowMillis) {
    VersionUsage u = lastVersion;
    if (u.version != version) {
      u = usage(version);
      lastVersion = u;
    }
    u.record(nowMillis);
  }

  /** The usage counts of {@code version}, created empty on first request. */
  VersionUsage usage(int version) {
    return versions.computeIfAbsent(version, VersionUsage::new);
  }

  /** The versions this process has encrypted under. */
  Collection<VersionUsage> versionUsage() {
    return versions.values();
  }

  /** The normalised table name. */
  public String table() {
    return table;
  }

  /** Values encrypted for this table: keys taken from its usage budget. */
  public long encryptions() {
    return encryptions.sum();
  }

  /** Envelopes of this table whose key was looked up to open them, authentic or not. */
  public long decryptions() {
    return decryptions.sum();
  }

  @Override
  public String toString() {
    return "TableCounters[" + table + "]";
  }
}
