package io.colseal.kms;

import io.colseal.config.Settings;
import io.colseal.exception.ColsealConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * An asymmetric key that signs documents colseal writes (the audit report) and checks signatures
 * made with it. The private key never leaves its provider: AWS KMS signs with {@code Sign}, the
 * {@code local} provider with an EC P-256 entry of its PKCS12 keystore. Algorithms carry AWS KMS's
 * names ({@link Signatures#ECDSA_SHA_256}, {@link Signatures#RSASSA_PSS_SHA_256}); both sign the
 * SHA-256 of the whole message, so {@link Signatures#verify} (and {@code openssl dgst -sha256
 * -verify}) checks a signature with the public key alone.
 *
 * <p>Implementations are thread safe. Messages and exceptions carry key ids, never key material.
 */
public interface SigningKey extends AutoCloseable {
  /** The provider's name ({@code aws-kms}, {@code local}). */
  String provider();

  /** The key as the provider names it: a KMS key ARN, or the keystore alias. */
  String keyId();

  /** {@link Signatures#ECDSA_SHA_256} or {@link Signatures#RSASSA_PSS_SHA_256}. */
  String algorithm();

  /** The public key, X.509 {@code SubjectPublicKeyInfo} DER. */
  byte[] publicKey();

  /**
   * Signs {@code message} (ECDSA: the DER {@code SEQUENCE(r, s)}; RSA-PSS: salt of 32 bytes, MGF1
   * with SHA-256).
   *
   * @throws io.colseal.exception.KmsException when the provider refuses or cannot be reached
   */
  byte[] sign(byte[] message);

  /**
   * Whether {@code signature} is this key's signature of {@code message}, as its provider decides
   * ({@code Verify} for AWS KMS). False for any malformed signature.
   *
   * @throws io.colseal.exception.KmsException when the provider cannot be reached
   */
  boolean verify(byte[] message, byte[] signature);

  @Override
  default void close() {}

  /**
   * Opens {@code keyId} with the factory of {@code provider} found on the class path.
   *
   * @throws ColsealConfigException if no such provider is on the class path, it cannot sign, or the
   *     key is not a signing key it supports
   */
  static SigningKey open(Settings settings, String provider, String keyId) {
    List<String> known = new ArrayList<>();
    for (KmsProviderFactory f : ServiceLoader.load(KmsProviderFactory.class, SigningKey.class.getClassLoader())) {
      if (f.name().equals(provider)) {
        return f.signingKey(settings, keyId);
      }
      known.add(f.name());
    }
    throw new ColsealConfigException("signing key provider '" + provider + "' is not on the class path (found "
        + known + ")");
  }
}
