package io.colseal.keys;

import io.colseal.keys.Identifiers;

/**
 * Names of blind-index keys in the key table. Each table with {@code @BlindIndex} columns has one
 * HMAC-SHA-256 key ({@link Algorithm#HMAC_SHA_256}), kept in {@code colseal_data_key} beside the
 * data keys under the name {@code <table>#bidx}, wrapped by the KEK like them. {@code #} cannot
 * appear in an unquoted SQL identifier, so the name does not clash with a real table.
 *
 * <p>A blind-index key cannot be rotated, retired or destroyed while the index is in use: every
 * stored index value would stop matching. {@code colseal keys rotate --all} skips these keys.
 */
public final class BlindIndexKeys {
  /** The suffix that marks a blind-index key name. */
  public static final String SUFFIX = "#bidx";

  private BlindIndexKeys() {}

  /** The key name of the blind indexes of {@code table}: {@code customers#bidx}. */
  public static String keyName(String table) {
    return Identifiers.normalize(table) + SUFFIX;
  }

  /** Whether {@code name} (a key-table {@code table_name}) names a blind-index key. */
  public static boolean isBlindIndexKey(String name) {
    return name.endsWith(SUFFIX);
  }
}
