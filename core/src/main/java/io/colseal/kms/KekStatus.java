package io.colseal.kms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a KMS says about a key-encryption key, for the audit report's KEK register. Metadata only:
 * no key material.
 *
 * @param state whether the KEK can be used
 * @param keySpec the KMS's key spec ({@code SYMMETRIC_DEFAULT}, {@code AES_256}, {@code RSA_2048}),
 *     null when unknown
 * @param deletionDate when a KEK pending deletion will be deleted, else null
 * @param rotationEnabled whether the KMS rotates the KEK's material automatically, null when the
 *     provider has no such notion or did not say
 * @param location where the KEK lives: a region and account, a keystore path
 * @param createdAt when the KMS created the key (AWS KMS {@code CreationDate}; a keystore entry's
 *     creation date), null when unknown
 * @param description the KMS's description of the key, null when it has none or did not say
 * @param aliases the key's aliases ({@code alias/colseal-prod}), sorted; empty when it has none,
 *     null when unknown (not asked, or the KMS refused: {@code kms:ListAliases} not granted)
 * @param tags the key's tags ({@code owner=payments}), by key; empty when it has none, null when
 *     unknown
 * @param strengthBits the KEK's security strength in bits (NIST SP 800-57 Part 1, table 2): 256 for
 *     AES-256, 128 for AES-128, 112 for RSA-2048; null when unknown
 * @param access who can read the KEK where the provider can tell (a keystore file's owner and
 *     permissions), else null
 */
public record KekStatus(
    State state,
    @Nullable String keySpec,
    @Nullable Instant deletionDate,
    @Nullable Boolean rotationEnabled,
    String location,
    @Nullable Instant createdAt,
    @Nullable String description,
    @Nullable List<String> aliases,
    @Nullable Map<String, String> tags,
    @Nullable Integer strengthBits,
    @Nullable String access) {

  public KekStatus {
    requireNonNull(state, "state");
    requireNonNull(location, "location");
    aliases = aliases == null ? null : aliases.stream().sorted().toList();
    tags = tags == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /** A status with state, spec, deletion date, rotation and location only (no register details). */
  public KekStatus(State state, @Nullable String keySpec, @Nullable Instant deletionDate,
      @Nullable Boolean rotationEnabled, String location) {
    this(state, keySpec, deletionDate, rotationEnabled, location, null, null, null, null, null, null);
  }

  /** A status that says nothing: the provider cannot describe KEKs, or asking failed. */
  public static KekStatus unknown(String location) {
    return new KekStatus(State.UNKNOWN, null, null, null, location);
  }

  /** The usability of a KEK. */
  public enum State {
    ENABLED,
    DISABLED,
    PENDING_DELETION,
    NOT_FOUND,
    UNKNOWN
  }
}
