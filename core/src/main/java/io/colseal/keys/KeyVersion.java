package io.colseal.keys;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One data key version as recorded in the key table, without its wrapped bytes. Safe to log and to
 * put in reports.
 *
 * @param table normalised application table name
 * @param version key version, from 1
 * @param state lifecycle state
 * @param algorithm data encryption algorithm
 * @param kekProvider provider that wrapped the key ({@code aws-kms}, {@code local})
 * @param kekId KEK that wrapped the key
 * @param keyCheckValue identifies the key without revealing it
 * @param encryptionsReserved encryptions counted against this version (reserved in blocks)
 */
public record KeyVersion(
    String table,
    int version,
    KeyState state,
    Algorithm algorithm,
    String kekProvider,
    String kekId,
    String keyCheckValue,
    long encryptionsReserved,
    Instant createdAt,
    @Nullable Instant activatedAt,
    @Nullable Instant retiredAt,
    @Nullable Instant destroyedAt) {

  public KeyVersion {
    requireNonNull(table, "table");
    requireNonNull(state, "state");
    requireNonNull(algorithm, "algorithm");
    requireNonNull(kekProvider, "kekProvider");
    requireNonNull(kekId, "kekId");
    requireNonNull(keyCheckValue, "keyCheckValue");
    requireNonNull(createdAt, "createdAt");
  }

  public Optional<Instant> activated() {
    return Optional.ofNullable(activatedAt);
  }

  public Optional<Instant> retired() {
    return Optional.ofNullable(retiredAt);
  }

  public Optional<Instant> destroyed() {
    return Optional.ofNullable(destroyedAt);
  }
}
