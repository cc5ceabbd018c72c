package io.colseal.kms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a KMS says about a key-encryption key, for the audit report. Metadata only: no key material.
 *
 * @param state whether the KEK can be used
 * @param keySpec the KMS's key spec ({@code SYMMETRIC_DEFAULT}, {@code AES}), null when unknown
 * @param deletionDate when a KEK pending deletion will be deleted, else null
 * @param rotationEnabled whether the KMS rotates the KEK's material automatically, null when the
 *     provider has no such notion or did not say
 * @param location where the KEK lives: a region and account, a keystore path
 */
public record KekStatus(
    State state,
    @Nullable String keySpec,
    @Nullable Instant deletionDate,
    @Nullable Boolean rotationEnabled,
    String location) {

  public KekStatus {
    requireNonNull(state, "state");
    requireNonNull(location, "location");
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
