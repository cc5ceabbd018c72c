package io.colseal.kms.aws;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kms.model.DependencyTimeoutException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;

/**
 * Maps AWS SDK failures to {@link KmsException}.
 *
 * <p>{@link ErrorCode#KMS_UNAVAILABLE} (retryable) when KMS gave no answer or a transient one: the
 * endpoint was not reachable or timed out ({@link SdkClientException}), the call was throttled,
 * or KMS failed on its side (HTTP 5xx, {@code KMSInternalException}, {@code
 * DependencyTimeoutException}). {@link ErrorCode#KMS_REJECTED} when KMS answered and refused: a
 * ciphertext that does not decrypt under its encryption context, access denied, a disabled,
 * missing, pending-deletion or wrong key, and any other 4xx.
 *
 * <p>Messages carry the operation, the KEK id and the key context, plus the AWS error code and HTTP
 * status; never the AWS error message, which may quote principals and policies. The SDK exception
 * is kept as the cause for diagnostics; it holds no key bytes.
 */
final class AwsKmsErrors {
  /** What an AWS error code looks like; anything else is not copied into a message. */
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9.:_-]{1,64}");

  private AwsKmsErrors() {}

  /** {@code what} says what failed, e.g. "aws-kms KEK 'arn:...' could not unwrap the data key orders v1". */
  static KmsException translate(SdkException e, String what) {
    if (e instanceof SdkServiceException service) {
      String answer = " (" + describe(service) + ")";
      if (isTransient(service)) {
        return new KmsException(ErrorCode.KMS_UNAVAILABLE, what + ": KMS is unavailable or throttling" + answer, e);
      }
      return new KmsException(ErrorCode.KMS_REJECTED, what + ": KMS rejected the request" + answer + hint(service), e);
    }
    // SdkClientException and its kin (timeouts, aborted calls): no answer from KMS at all.
    return new KmsException(ErrorCode.KMS_UNAVAILABLE,
        what + ": KMS could not be reached or did not answer in time (" + e.getClass().getSimpleName() + ")", e);
  }

  static boolean isTransient(SdkServiceException e) {
    return e instanceof KmsInternalException
        || e instanceof DependencyTimeoutException
        || e.isThrottlingException()
        || e.statusCode() >= 500;
  }

  private static String hint(SdkServiceException e) {
    return e instanceof InvalidCiphertextException
        ? "; the wrapped key was altered, or was made for another table or key version"
        : "";
  }

  private static String describe(SdkServiceException e) {
    String code = e.getClass().getSimpleName();
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String errorCode = aws.awsErrorDetails().errorCode();
      if (errorCode != null && ERROR_CODE.matcher(errorCode).matches()) {
        code = errorCode;
      }
    }
    return code + ", HTTP " + e.statusCode();
  }
}
