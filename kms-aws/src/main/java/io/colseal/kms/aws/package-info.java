/**
 * The {@code aws-kms} KEK provider: data keys come from AWS KMS {@code GenerateDataKey} and are
 * unwrapped with {@code Decrypt}, both bound to the table and key version by the KMS encryption
 * context. Select it with {@code colseal.kms.provider=aws-kms}, or pass {@link
 * io.colseal.kms.aws.AwsKmsProvider#using} as the provider object.
 */
@NullMarked
package io.colseal.kms.aws;

import org.jspecify.annotations.NullMarked;
