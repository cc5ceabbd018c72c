package io.colseal.keys;

/** Something due for a key version, as {@code colseal keys list} and the audit report flag it. */
public enum KeyFlag {
  /** ACTIVE past the end of its originator-usage period as recorded with the key: rotate it. */
  ORIGINATOR_PERIOD_EXCEEDED,
  /**
   * Past the end of its validity period as recorded with the key: move its rows on, then retire and
   * destroy it.
   */
  VALIDITY_PERIOD_EXCEEDED,
  /** At least 90 % of {@code colseal.keys.usage-cap} reserved: it will rotate soon. */
  USAGE_NEAR_CAP,
  /**
   * Not DESTROYED, and the ends of its cryptoperiod are not recorded (created before key table
   * migration V0_7): whether it is past them cannot be told; record them with {@code colseal keys
   * set-cryptoperiod}.
   */
  CRYPTOPERIOD_NOT_RECORDED
}
