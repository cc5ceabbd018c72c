package io.colseal.keys;

/** Something due for a key version, as {@code colseal keys list} and the audit report flag it. */
public enum KeyFlag {
  /** ACTIVE longer than {@code colseal.keys.originator-period}: rotate it. */
  ORIGINATOR_PERIOD_EXCEEDED,
  /** Older than {@code colseal.keys.validity-period}: move its rows on, then retire and destroy it. */
  VALIDITY_PERIOD_EXCEEDED,
  /** At least 90 % of {@code colseal.keys.usage-cap} reserved: it will rotate soon. */
  USAGE_NEAR_CAP
}
