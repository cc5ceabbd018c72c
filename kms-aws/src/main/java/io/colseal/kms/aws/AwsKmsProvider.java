package io.colseal.kms.aws;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KekStatus;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ReEncryptRequest;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/**
 * The {@code aws-kms} KEK provider: the KEK is a symmetric AWS KMS key and never leaves KMS.
 *
 * <p>{@link #generateDataKey} calls {@code GenerateDataKey} ({@code KeySpec=AES_256}) on the
 * configured key id, ARN or alias; {@link #unwrap} calls {@code Decrypt} with {@code KeyId} set to
 * the key ARN stored with the wrapped key. Both pass {@link KeyContext#asEncryptionContext()} as the
 * encryption context, so KMS decrypts a wrapped key only for the table and key version it was made
 * for, and CloudTrail records which table's key was used.
 *
 * <pre>{@code
 * KmsClient client = KmsClient.builder().region(Region.EU_WEST_1).build();
 * ColsealConfig config = ColsealConfig.builder()
 *     .kmsProvider(AwsKmsProvider.using(client, "alias/colseal"))
 *     .build();
 * }</pre>
 *
 * <p>Failures are {@link KmsException}s, mapped as {@link AwsKmsErrors} describes. The plaintext
 * array the SDK hands back is zeroed once copied; what the SDK and the HTTP client buffered while
 * parsing the response (the JSON text holds the key in base64) is beyond this class's reach.
 *
 * <p>Thread safe, as {@link KmsClient} is.
 */
public final class AwsKmsProvider implements KmsProvider {
  public static final String NAME = "aws-kms";
  private static final int DATA_KEY_LENGTH = 32;

  private final KmsClient client;
  private final String kekId;
  private final boolean ownsClient;

  private AwsKmsProvider(KmsClient client, String kekId, boolean ownsClient) {
    this.client = requireNonNull(client, "client");
    this.kekId = requireNonNull(kekId, "kekId").trim();
    if (this.kekId.isEmpty()) {
      throw new IllegalArgumentException("kekId must not be blank");
    }
    this.ownsClient = ownsClient;
  }

  /**
   * A provider that wraps new data keys under {@code kekId} (key id, key ARN, alias name or alias
   * ARN) using the caller's {@code client}. The caller keeps ownership: {@link #close()} leaves the
   * client open.
   */
  public static AwsKmsProvider using(KmsClient client, String kekId) {
    return new AwsKmsProvider(client, kekId, false);
  }

  /** A provider that owns {@code client} and closes it in {@link #close()}. */
  static AwsKmsProvider owning(KmsClient client, String kekId) {
    return new AwsKmsProvider(client, kekId, true);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The KEK as configured; stored wrapped keys name the key ARN that KMS reported instead. */
  @Override
  public String kekId() {
    return kekId;
  }

  /**
   * Calls {@code GenerateDataKey}; the returned {@link WrappedKey} names the key ARN KMS used, even
   * when the KEK was configured as an alias, so later aliasing changes do not affect unwrapping.
   *
   * @throws KmsException {@code KMS_UNAVAILABLE} or {@code KMS_REJECTED}
   */
  @Override
  public GeneratedDataKey generateDataKey(KeyContext context) {
    requireNonNull(context, "context");
    String what = NAME + " KEK '" + kekId + "' could not generate the data key " + context;
    GenerateDataKeyResponse response;
    try {
      response =
          client.generateDataKey(
              GenerateDataKeyRequest.builder()
                  .keyId(kekId)
                  .keySpec(DataKeySpec.AES_256)
                  .encryptionContext(context.asEncryptionContext())
                  .build());
    } catch (SdkException e) {
      throw AwsKmsErrors.translate(e, what);
    }
    byte[] plaintext = unsafeBytes(response.plaintext());
    try {
      SdkBytes blob = response.ciphertextBlob();
      byte[] ciphertext = blob == null ? new byte[0] : blob.asByteArray();
      String keyArn = response.keyId();
      if (plaintext == null || plaintext.length != DATA_KEY_LENGTH || ciphertext.length == 0
          || keyArn == null || keyArn.isBlank()) {
        throw malformed(what);
      }
      WrappedKey wrapped = new WrappedKey(NAME, keyArn, ciphertext);
      return new GeneratedDataKey(SecretKeyMaterial.copyOf(plaintext), wrapped);
    } finally {
      zero(plaintext);
    }
  }

  /**
   * Calls {@code Decrypt} with the wrapped key's ciphertext, its KEK as {@code KeyId} and the
   * encryption context of {@code context}.
   *
   * @throws KmsException {@code KMS_REJECTED} if the wrapped key was made for another table or
   *     version, was altered, or its KEK is disabled, missing or not usable by this caller; {@code
   *     KMS_UNAVAILABLE} if KMS could not be reached or throttled
   */
  @Override
  public SecretKeyMaterial unwrap(WrappedKey wrapped, KeyContext context) {
    requireNonNull(wrapped, "wrapped");
    requireNonNull(context, "context");
    String what = NAME + " KEK '" + wrapped.kekId() + "' could not unwrap the data key " + context;
    if (!wrapped.provider().equals(NAME)) {
      throw new KmsException(ErrorCode.KMS_REJECTED,
          what + ": it was wrapped by provider '" + wrapped.provider() + "'", null);
    }
    DecryptResponse response;
    try {
      response =
          client.decrypt(
              DecryptRequest.builder()
                  .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(wrapped.ciphertext()))
                  .keyId(wrapped.kekId())
                  .encryptionContext(context.asEncryptionContext())
                  .build());
    } catch (SdkException e) {
      throw AwsKmsErrors.translate(e, what);
    }
    return dataKey(response, () -> malformed(what));
  }

  /** The 32-byte plaintext of a {@code Decrypt} response, zeroed from the response; {@code malformed} otherwise. */
  private static SecretKeyMaterial dataKey(DecryptResponse response, java.util.function.Supplier<KmsException> malformed) {
    byte[] plaintext = unsafeBytes(response.plaintext());
    try {
      if (plaintext == null || plaintext.length != DATA_KEY_LENGTH) {
        throw malformed.get();
      }
      return SecretKeyMaterial.copyOf(plaintext);
    } finally {
      zero(plaintext);
    }
  }

  /**
   * Calls {@code Decrypt} with {@code ciphertextBlob} alone (no {@code KeyId}, no encryption
   * context), as the KMS + Fernet recipe does: KMS finds the key in the blob. The caller must be
   * allowed {@code kms:Decrypt} on that key.
   */
  @Override
  public SecretKeyMaterial unwrapForeignDataKey(byte[] ciphertextBlob) {
    requireNonNull(ciphertextBlob, "ciphertextBlob");
    String what = NAME + " could not unwrap the legacy data key (" + ciphertextBlob.length + " bytes of CiphertextBlob)";
    DecryptResponse response;
    try {
      response = client.decrypt(DecryptRequest.builder()
          .ciphertextBlob(SdkBytes.fromByteArray(ciphertextBlob))
          .build());
    } catch (SdkException e) {
      throw AwsKmsErrors.translate(e, what);
    }
    return dataKey(response, () -> new KmsException(ErrorCode.KMS_REJECTED, what
        + ": the key is not the 32 bytes of GenerateDataKey(KeySpec=AES_256)", null));
  }

  /**
   * Calls {@code Encrypt} with the data key under {@code kekId} and the encryption context of
   * {@code context}: wraps a key this process already holds (a rewrap from another provider).
   */
  @Override
  public WrappedKey wrap(SecretKeyMaterial key, KeyContext context, String kekId) {
    requireNonNull(key, "key");
    String what = NAME + " KEK '" + kekId + "' could not wrap the data key " + context;
    byte[] plaintext = key.exposeBytes(InsecureKeyAccess.get());
    try {
      EncryptResponse response;
      try {
        response = client.encrypt(EncryptRequest.builder()
            .keyId(kekId)
            .plaintext(SdkBytes.fromByteArrayUnsafe(plaintext))
            .encryptionContext(context.asEncryptionContext())
            .build());
      } catch (SdkException e) {
        throw AwsKmsErrors.translate(e, what);
      }
      return wrapped(response.ciphertextBlob(), response.keyId(), what);
    } finally {
      zero(plaintext);
    }
  }

  /**
   * Calls {@code ReEncrypt}: KMS decrypts under the wrapped key's KEK and encrypts under {@code
   * toKekId} inside the service, with the same encryption context on both sides, so the plaintext
   * data key never reaches this process. Needs {@code kms:ReEncryptFrom} on the old KEK and {@code
   * kms:ReEncryptTo} on the new one.
   */
  @Override
  public WrappedKey rewrap(WrappedKey wrapped, KeyContext context, String toKekId) {
    requireNonNull(wrapped, "wrapped");
    if (!wrapped.provider().equals(NAME)) {
      return KmsProvider.super.rewrap(wrapped, context, toKekId);
    }
    String what = NAME + " could not rewrap the data key " + context + " from KEK '" + wrapped.kekId()
        + "' to '" + toKekId + "'";
    ReEncryptResponse response;
    try {
      response = client.reEncrypt(ReEncryptRequest.builder()
          .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(wrapped.ciphertext()))
          .sourceKeyId(wrapped.kekId())
          .sourceEncryptionContext(context.asEncryptionContext())
          .destinationKeyId(toKekId)
          .destinationEncryptionContext(context.asEncryptionContext())
          .build());
    } catch (SdkException e) {
      throw AwsKmsErrors.translate(e, what);
    }
    return wrapped(response.ciphertextBlob(), response.keyId(), what);
  }

  /**
   * {@code DescribeKey}, {@code GetKeyRotationStatus}, {@code ListAliases} and {@code
   * ListResourceTags}: the key state ({@code Enabled}, {@code Disabled}, {@code PendingDeletion} with
   * its deletion date), key spec and its security strength, automatic rotation, creation date,
   * description, aliases and tags. A key KMS does not know is {@code NOT_FOUND}; any other failure of
   * {@code DescribeKey} (no permission, no network) is {@code UNKNOWN}. A failure of one of the other
   * three leaves only its own fields unknown (null rotation, aliases or tags: unknown, not empty). The location is the
   * region and account of the key ARN.
   */
  @Override
  public KekStatus describeKek(String kekId) {
    KeyMetadata meta;
    try {
      DescribeKeyResponse r = client.describeKey(b -> b.keyId(kekId));
      meta = r.keyMetadata();
    } catch (NotFoundException e) {
      return new KekStatus(KekStatus.State.NOT_FOUND, null, null, null, location(kekId));
    } catch (SdkException e) {
      return KekStatus.unknown(location(kekId));
    }
    KekStatus.State state = switch (meta.keyStateAsString() == null ? "" : meta.keyStateAsString()) {
      case "Enabled" -> KekStatus.State.ENABLED;
      case "Disabled" -> KekStatus.State.DISABLED;
      case "PendingDeletion", "PendingReplicaDeletion" -> KekStatus.State.PENDING_DELETION;
      default -> KekStatus.State.UNKNOWN;
    };
    String keyId = meta.arn() == null ? kekId : meta.arn();
    Boolean rotation;
    try {
      rotation = client.getKeyRotationStatus(b -> b.keyId(keyId)).keyRotationEnabled();
    } catch (SdkException e) {
      rotation = null;
    }
    // Every page; a refusal (kms:ListAliases or kms:ListResourceTags not granted) leaves the list
    // unknown (null), never empty, so the register does not claim "no aliases" it did not see.
    List<String> aliases = aliases(meta.keyId());
    Map<String, String> tags = tags(keyId);
    String spec = meta.keySpecAsString();
    return new KekStatus(state, spec, meta.deletionDate(), rotation, location(keyId), meta.creationDate(),
        meta.description() == null || meta.description().isEmpty() ? null : meta.description(), aliases, tags,
        strengthBits(spec), null);
  }

  /** The key's aliases over every page; null when KMS refused to list them. */
  private @Nullable List<String> aliases(String keyId) {
    List<String> out = new ArrayList<>();
    try {
      client.listAliasesPaginator(b -> b.keyId(keyId)).aliases().forEach(a -> out.add(a.aliasName()));
      return out;
    } catch (SdkException e) {
      return null;
    }
  }

  /** The key's tags over every page; null when KMS refused to list them. */
  private @Nullable Map<String, String> tags(String keyId) {
    Map<String, String> out = new TreeMap<>();
    try {
      client.listResourceTagsPaginator(b -> b.keyId(keyId)).tags().forEach(t -> out.put(t.tagKey(), t.tagValue()));
      return out;
    } catch (SdkException e) {
      return null;
    }
  }

  /**
   * The security strength of a KMS key spec in bits (NIST SP 800-57 Part 1, table 2): 256 for
   * {@code SYMMETRIC_DEFAULT} (AES-256-GCM inside KMS), 112 for RSA-2048, 128 for RSA-3072 and P-256,
   * and so on; null for a spec this table does not know.
   */
  static @Nullable Integer strengthBits(@Nullable String keySpec) {
    if (keySpec == null) {
      return null;
    }
    return switch (keySpec) {
      case "SYMMETRIC_DEFAULT", "HMAC_512", "ECC_NIST_P521" -> 256;
      case "HMAC_384", "ECC_NIST_P384" -> 192;
      case "RSA_3072", "ECC_NIST_P256", "ECC_SECG_P256K1", "SM2", "HMAC_256" -> 128;
      case "RSA_4096" -> 152;
      case "RSA_2048", "HMAC_224" -> 112;
      default -> null;
    };
  }

  /**
   * The client's endpoint override ({@code colseal.kms.aws.endpoint}), else the SDK's default
   * endpoint of the client's region, {@code https://kms.<region>.amazonaws.com}.
   */
  @Override
  public java.net.URI endpoint() {
    var configuration = client.serviceClientConfiguration();
    return configuration.endpointOverride().orElseGet(() -> java.net.URI.create("https://kms."
        + (configuration.region() == null ? "us-east-1" : configuration.region().id()) + ".amazonaws.com"));
  }

  /** {@code aws-kms <region> <account>} from a key or alias ARN; just {@code aws-kms} for a bare id. */
  static String location(String kekId) {
    String[] parts = kekId.split(":", 6);
    if (parts.length == 6 && parts[0].equals("arn") && parts[2].equals("kms")) {
      return NAME + " " + parts[3] + " " + parts[4];
    }
    return NAME;
  }

  private static WrappedKey wrapped(@Nullable SdkBytes blob, @Nullable String keyArn, String what) {
    byte[] ciphertext = blob == null ? new byte[0] : blob.asByteArray();
    if (ciphertext.length == 0 || keyArn == null || keyArn.isBlank()) {
      throw new KmsException(ErrorCode.KMS_REJECTED, what + ": the KMS response lacks a ciphertext or a key ARN", null);
    }
    return new WrappedKey(NAME, keyArn, ciphertext);
  }

  /** The SDK's own array, so that zeroing it clears the response's copy too. */
  private static byte @Nullable [] unsafeBytes(@Nullable SdkBytes bytes) {
    return bytes == null ? null : bytes.asByteArrayUnsafe();
  }

  private static void zero(byte @Nullable [] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static KmsException malformed(String what) {
    // Not retryable: an endpoint that answers like this (a proxy, a wrong service) will again.
    return new KmsException(ErrorCode.KMS_REJECTED,
        what + ": the KMS response lacks a 32-byte plaintext, a ciphertext or a key ARN", null);
  }

  /** Closes the KMS client if this provider created it; a client given to {@link #using} stays open. */
  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "AwsKmsProvider[" + NAME + ", kek=" + kekId + "]";
  }
}
