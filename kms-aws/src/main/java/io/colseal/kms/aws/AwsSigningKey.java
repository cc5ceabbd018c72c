package io.colseal.kms.aws;

import io.colseal.exception.ColsealConfigException;
import io.colseal.kms.SigningKey;
import io.colseal.kms.Signatures;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;

/**
 * An AWS KMS asymmetric key ({@code SIGN_VERIFY}) as a {@link SigningKey}: {@code ECC_NIST_P256}
 * signs with {@code ECDSA_SHA_256}, {@code RSA_2048}/{@code 3072}/{@code 4096} with {@code
 * RSASSA_PSS_SHA_256}. The private key never leaves KMS.
 *
 * <p>KMS signs at most 4096 bytes of raw message, and a report is larger, so colseal sends the
 * SHA-256 digest with {@code MessageType=DIGEST}: for both algorithms that is the same signature as
 * over the raw message, and it checks with the public key alone ({@link Signatures#verify}, {@code
 * openssl dgst -sha256 -verify}). Calls: {@code GetPublicKey} when opened, {@code Sign}, {@code
 * Verify}.
 */
public final class AwsSigningKey implements SigningKey {
  private final KmsClient client;
  private final boolean owned;
  private final String keyArn;
  private final String algorithm;
  private final byte[] publicKey;

  private AwsSigningKey(KmsClient client, boolean owned, String keyArn, String algorithm, byte[] publicKey) {
    this.client = client;
    this.owned = owned;
    this.keyArn = keyArn;
    this.algorithm = algorithm;
    this.publicKey = publicKey;
  }

  /**
   * Opens {@code keyId} (key id, ARN or alias) with {@code client}, which it closes when {@code
   * owned}.
   *
   * @throws ColsealConfigException if the key is not a {@code SIGN_VERIFY} key of a supported spec
   * @throws io.colseal.exception.KmsException if KMS refuses {@code GetPublicKey} or cannot be reached
   */
  @SuppressWarnings("deprecation") // CustomerMasterKeySpec: what moto and older endpoints return
  public static AwsSigningKey open(KmsClient client, boolean owned, String keyId) {
    GetPublicKeyResponse r;
    try {
      r = client.getPublicKey(b -> b.keyId(keyId));
    } catch (SdkException e) {
      if (owned) {
        client.close();
      }
      throw AwsKmsErrors.translate(e, "GetPublicKey " + keyId);
    }
    // KeySpec; older KMS APIs (and moto) return only the deprecated CustomerMasterKeySpec.
    String spec = r.keySpecAsString() != null ? r.keySpecAsString() : r.customerMasterKeySpecAsString();
    String algorithm = spec == null ? "" : spec.equals("ECC_NIST_P256") ? Signatures.ECDSA_SHA_256
        : spec.startsWith("RSA_") ? Signatures.RSASSA_PSS_SHA_256 : "";
    if (!"SIGN_VERIFY".equals(r.keyUsageAsString()) || algorithm.isEmpty()
        || !r.signingAlgorithmsAsStrings().contains(algorithm)) {
      if (owned) {
        client.close();
      }
      throw new ColsealConfigException("AWS KMS key " + keyId + " is " + spec + " for " + r.keyUsageAsString()
          + "; colseal signs with an asymmetric SIGN_VERIFY key of spec ECC_NIST_P256 (ECDSA_SHA_256) or"
          + " RSA_2048/3072/4096 (RSASSA_PSS_SHA_256)");
    }
    return new AwsSigningKey(client, owned, r.keyId(), algorithm, r.publicKey().asByteArray());
  }

  @Override
  public String provider() {
    return AwsKmsProvider.NAME;
  }

  /** The key as {@code GetPublicKey} names it: its ARN in AWS KMS (whatever id or alias was given). */
  @Override
  public String keyId() {
    return keyArn;
  }

  @Override
  public String algorithm() {
    return algorithm;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] sign(byte[] message) {
    SdkBytes digest = SdkBytes.fromByteArray(sha256(message));
    try {
      return client.sign(b -> b.keyId(keyArn).message(digest).messageType(MessageType.DIGEST)
          .signingAlgorithm(algorithm)).signature().asByteArray();
    } catch (SdkException e) {
      throw AwsKmsErrors.translate(e, "Sign " + keyArn);
    }
  }

  /** KMS {@code Verify} of the message's digest; an invalid signature is false. */
  @Override
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length == 0) {
      return false;
    }
    SdkBytes digest = SdkBytes.fromByteArray(sha256(message));
    try {
      Boolean valid = client.verify(b -> b.keyId(keyArn).message(digest).messageType(MessageType.DIGEST)
          .signingAlgorithm(algorithm).signature(SdkBytes.fromByteArray(signature))).signatureValid();
      return Boolean.TRUE.equals(valid);
    } catch (KmsInvalidSignatureException e) {
      return false;
    } catch (SdkException e) {
      throw AwsKmsErrors.translate(e, "Verify " + keyArn);
    }
  }

  private static byte[] sha256(byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "AwsSigningKey[" + keyArn + ", " + algorithm + "]";
  }
}
