package io.colseal;

import io.colseal.keys.Algorithm;
import org.jspecify.annotations.Nullable;

/**
 * The block cipher that seals a randomized column's values: chosen per column ({@code
 * @Encrypted(algorithm = ...)}, {@link Colseal#column(String, String, Class, Storage, EncryptionMode,
 * ColumnAlgorithm)}) or for every column ({@code colseal.crypto.default-algorithm}). Both are read
 * by every column whatever its choice, so the re-encryption job can move a column from one to the
 * other ({@code colseal reencrypt --to-algorithm}).
 */
public enum ColumnAlgorithm {
  /** Whatever {@code colseal.crypto.default-algorithm} says (AES-256-GCM unless set). */
  DEFAULT(null),
  /** AES-256-GCM: envelope algorithm 01 (04 with {@code colseal.crypto.column-keys}). */
  AES_256_GCM(Algorithm.AES_256_GCM),
  /**
   * ARIA-256-GCM (RFC 5794, the KCMVP profile): envelope algorithm 03, from the JCA provider named
   * by {@code colseal.crypto.aria-provider}. Randomized columns only: there is no deterministic or
   * row-bound ARIA.
   */
  ARIA_256_GCM(Algorithm.ARIA_256_GCM);

  private final @Nullable Algorithm randomized;

  ColumnAlgorithm(@Nullable Algorithm randomized) {
    this.randomized = randomized;
  }

  /** The envelope algorithm of a randomized value; null for {@link #DEFAULT}. */
  @Nullable Algorithm randomized() {
    return randomized;
  }
}
