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
 * @param useEndsAt end of the originator-usage period as recorded with the key (activation plus the
 *     creating process's {@code colseal.keys.originator-period}, or as {@code colseal keys
 *     set-cryptoperiod} last set it); null for versions created before key table migration V0_7
 * @param validUntil end of the validity period as recorded with the key (creation plus the creating
 *     process's {@code colseal.keys.validity-period}, or as last set); null before V0_7
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
    @Nullable Instant destroyedAt,
    @Nullable Instant useEndsAt,
    @Nullable Instant validUntil) {

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

  /**
   * Whether both ends of the cryptoperiod are recorded with the key: false for versions created
   * before key table migration V0_7 until {@code colseal keys set-cryptoperiod} records them.
   */
  public boolean cryptoperiodRecorded() {
    return useEndsAt != null && validUntil != null;
  }

  public Optional<Instant> destroyed() {
    return Optional.ofNullable(destroyedAt);
  }
}
