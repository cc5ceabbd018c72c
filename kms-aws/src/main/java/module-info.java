/**
 * The {@code aws-kms} KEK provider: data keys from AWS KMS {@code GenerateDataKey}, unwrapped with
 * {@code Decrypt}, rewrapped with {@code ReEncrypt}. Found by colseal through {@link
 * java.util.ServiceLoader}; applications only select it with {@code colseal.kms.provider=aws-kms}.
 */
module io.colseal.kms.aws {
  requires transitive io.colseal.core;
  requires transitive software.amazon.awssdk.services.kms;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires transitive software.amazon.awssdk.regions;
  requires static transitive org.jspecify;

  exports io.colseal.kms.aws;

  provides io.colseal.kms.KmsProviderFactory with io.colseal.kms.aws.AwsKmsProviderFactory;
}
