package io.colseal.cli.internal;

import io.colseal.config.Settings;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.aws.AwsKmsProviderFactory;
import io.colseal.operations.report.KekCreated;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * {@code kek create --provider aws-kms}: {@code CreateKey} (symmetric, encrypt/decrypt, with the
 * given policy, description and tags), then {@code CreateAlias}.
 *
 * <p>No orphan keys: the alias is looked up first ({@code DescribeKey}), and a taken alias is
 * refused before any key exists. If the alias is taken between that check and {@code CreateAlias}
 * (another operator, same moment), the key just made is scheduled for deletion after 7 days, the
 * shortest waiting period KMS allows, and the command fails with {@code KMS_REJECTED}.
 *
 * <p>The client is the provider's own ({@link AwsKmsProviderFactory#client}). Errors carry the AWS
 * error code and HTTP status, never the AWS message, which may quote principals and policies.
 */
public final class AwsKekCreator {
  private static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");
  private static final int PENDING_DELETION_DAYS = 7;

  private AwsKekCreator() {}

  public static KekCreated create(Settings settings, String alias, @Nullable String description,
      Map<String, String> tags, @Nullable String policy) {
    if (!ALIAS.matcher(alias).matches() || alias.startsWith("alias/aws/")) {
      throw new UsageException("--alias must look like alias/NAME (letters, digits, / _ -; not alias/aws/...), got '"
          + alias + "'");
    }
    try (KmsClient kms = AwsKmsProviderFactory.client(settings)) {
      refuseTakenAlias(kms, alias);
      CreateKeyRequest.Builder request = CreateKeyRequest.builder()
          .keySpec(KeySpec.SYMMETRIC_DEFAULT)
          .keyUsage(KeyUsageType.ENCRYPT_DECRYPT);
      if (description != null) {
        request.description(description);
      }
      if (policy != null) {
        request.policy(policy);
      }
      if (!tags.isEmpty()) {
        List<Tag> list = tags.entrySet().stream().map(e -> Tag.builder().tagKey(e.getKey()).tagValue(e.getValue()).build())
            .toList();
        request.tags(list);
      }
      KeyMetadata key = call("CreateKey", () -> kms.createKey(request.build()).keyMetadata());
      try {
        kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
      } catch (SdkException e) {
        scheduleDeletion(kms, key.keyId());
        if (e instanceof AlreadyExistsException) {
          throw new KmsException(ErrorCode.KMS_REJECTED, "alias " + alias + " was taken while key " + key.keyId()
              + " was created; that key is scheduled for deletion in " + PENDING_DELETION_DAYS + " days", e);
        }
        throw translate(e, "CreateAlias " + alias + " (key " + key.keyId() + " is scheduled for deletion in "
            + PENDING_DELETION_DAYS + " days)");
      }
      return new KekCreated("aws-kms", alias, key.keyId(), key.arn(), null, description);
    }
  }

  private static void refuseTakenAlias(KmsClient kms, String alias) {
    String target;
    try {
      target = kms.describeKey(r -> r.keyId(alias)).keyMetadata().keyId();
    } catch (NotFoundException free) {
      return;
    } catch (SdkException e) {
      throw translate(e, "DescribeKey " + alias);
    }
    throw new KmsException(ErrorCode.KMS_REJECTED,
        "alias " + alias + " exists already (key " + target + "); choose another alias. No key was created", null);
  }

  private static void scheduleDeletion(KmsClient kms, String keyId) {
    try {
      kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(PENDING_DELETION_DAYS));
    } catch (SdkException e) {
      throw translate(e, "ScheduleKeyDeletion of key " + keyId + " after the alias failed (delete it by hand)");
    }
  }

  private static <T> T call(String operation, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw translate(e, operation);
    }
  }

  /** KMS gave no answer or a transient one: KMS_UNAVAILABLE; it answered and refused: KMS_REJECTED. */
  static KmsException translate(SdkException e, String what) {
    if (e instanceof SdkServiceException service) {
      String code = e.getClass().getSimpleName();
      if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
          && aws.awsErrorDetails().errorCode() != null) {
        code = aws.awsErrorDetails().errorCode().replaceAll("[^A-Za-z0-9.:_-]", "");
      }
      String answer = " (" + code + ", HTTP " + service.statusCode() + ")";
      if (service.isThrottlingException() || service.statusCode() >= 500) {
        return new KmsException(ErrorCode.KMS_UNAVAILABLE, what + ": KMS is unavailable or throttling" + answer, e);
      }
      return new KmsException(ErrorCode.KMS_REJECTED, what + ": KMS rejected the request" + answer, e);
    }
    return new KmsException(ErrorCode.KMS_UNAVAILABLE,
        what + ": KMS could not be reached or did not answer in time (" + e.getClass().getSimpleName() + ")", e);
  }
}
