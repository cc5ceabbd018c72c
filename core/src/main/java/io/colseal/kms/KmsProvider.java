package io.colseal.kms;

import io.colseal.kms.SecretKeyMaterial;
import org.jspecify.annotations.Nullable;

/**
 * A key-encryption-key (KEK) provider: makes data keys and unwraps them. Implementations exist for
 * AWS KMS ({@code aws-kms}, module {@code io.colseal:kms-aws}) and a local PKCS12 keystore ({@code
 * local}); tests use {@code io.colseal.testing.InMemoryKms}.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #generateDataKey} returns a fresh random AES-256 key and its wrapped form, bound to
 *       the {@link KeyContext}; {@link #unwrap} returns the plaintext only under the same context.
 *   <li>Failures are {@link io.colseal.exception.KmsException}: {@code KMS_UNAVAILABLE} when retrying may
 *       help, {@code KMS_REJECTED} otherwise. Messages carry key ids, never key bytes.
 *   <li>Implementations are thread safe. The key ring calls them at most once per (table, version)
 *       per cache lifetime; they need no cache of their own.
 * </ul>
 */
public interface KmsProvider extends AutoCloseable {
  /** Name stored in the key table's {@code kek_provider} column. */
  String name();

  /** The KEK that wraps new data keys. */
  String kekId();

  /** Generates a new data key wrapped under {@link #kekId()} and bound to {@code context}. */
  GeneratedDataKey generateDataKey(KeyContext context);

  /** Unwraps {@code wrapped}, which must have been made by this provider for {@code context}. */
  SecretKeyMaterial unwrap(WrappedKey wrapped, KeyContext context);

  /**
   * Wraps an existing data key under {@code kekId}, bound to {@code context}: the second half of a
   * rewrap between KEKs this provider can reach.
   *
   * @throws io.colseal.exception.KmsException {@code KMS_REJECTED} if the KEK is unknown or unusable
   */
  WrappedKey wrap(SecretKeyMaterial key, KeyContext context, String kekId);

  /**
   * Re-wraps {@code wrapped} under {@code toKekId} without changing the data key. The default
   * unwraps and wraps again, so the plaintext key passes through this process; providers that can
   * re-encrypt inside the KMS (AWS KMS {@code ReEncrypt}) override it so it never does.
   */
  default WrappedKey rewrap(WrappedKey wrapped, KeyContext context, String toKekId) {
    try (SecretKeyMaterial key = unwrap(wrapped, context)) {
      return wrap(key, context, toKekId);
    }
  }

  /**
   * Unwraps a data key made outside colseal, with no encryption context: the {@code CiphertextBlob}
   * of an AWS KMS {@code GenerateDataKey} call that a legacy application stored (the KMS + Fernet
   * recipe), for migrating its values into colseal envelopes. The default refuses: only a provider
   * whose KMS made such keys can read them.
   *
   * @throws io.colseal.exception.KmsException {@code KMS_REJECTED} if this provider cannot, or the
   *     KMS refuses; {@code KMS_UNAVAILABLE} if it could not be reached
   */
  default SecretKeyMaterial unwrapForeignDataKey(byte[] ciphertextBlob) {
    throw new io.colseal.exception.KmsException(io.colseal.exception.ErrorCode.KMS_REJECTED,
        "KEK provider '" + name() + "' cannot unwrap a data key made outside colseal; the legacy key needs the"
            + " provider of the KMS that made it (aws-kms for the KMS + Fernet recipe)", null);
  }

  /**
   * Describes {@code kekId} for the audit report: enabled, disabled, pending deletion or not found,
   * with its key spec and rotation status where the KMS has them. Never throws for a KMS failure:
   * that is {@link KekStatus.State#UNKNOWN}. The default knows nothing about any KEK.
   */
  default KekStatus describeKek(String kekId) {
    return KekStatus.unknown(name());
  }

  /**
   * Where this provider reaches its KMS, for the audit report's inventory of protocols (PCI DSS
   * 12.3.3): the endpoint of a network KMS (scheme {@code https}, or {@code http} for a test
   * endpoint), or null for a provider that needs no network (a keystore file, an in-process KMS).
   * The default is null.
   */
  default java.net.@Nullable URI endpoint() {
    return null;
  }

  /** Releases clients and zeroes cached KEK material. */
  @Override
  default void close() {}
}
