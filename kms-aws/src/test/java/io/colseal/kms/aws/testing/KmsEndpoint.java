package io.colseal.kms.aws.testing;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A KMS protocol server for tests (moto_server, or whatever {@code COLSEAL_TEST_KMS_ENDPOINT}
 * names), with dummy credentials and region {@code us-east-1}. Obtain it from {@link
 * KmsEndpointExtension}.
 */
public final class KmsEndpoint {
  public static final String REGION = "us-east-1";
  public static final String ACCESS_KEY_ID = "colseal-test";
  public static final String SECRET_ACCESS_KEY = "colseal-test-secret";

  private final URI uri;

  KmsEndpoint(URI uri) {
    this.uri = uri;
  }

  public URI uri() {
    return uri;
  }

  /** A client of this endpoint that reports every call to {@code interceptors}. */
  public KmsClient client(ExecutionInterceptor... interceptors) {
    return KmsClient.builder()
        .endpointOverride(uri)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> {
          for (ExecutionInterceptor i : interceptors) {
            c.addExecutionInterceptor(i);
          }
        })
        .build();
  }

  /** Creates a symmetric KMS key and returns its ARN. */
  public String createKey(String description) {
    try (KmsClient kms = client()) {
      return kms.createKey(r -> r.description(description)).keyMetadata().arn();
    }
  }

  /** Creates a key and an alias {@code alias/<prefix>-<random>} for it; returns the alias name. */
  public String createAliasedKey(String prefix) {
    String keyArn = createKey(prefix);
    String alias = "alias/" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (KmsClient kms = client()) {
      kms.createAlias(r -> r.aliasName(alias).targetKeyId(keyArn));
    }
    return alias;
  }

  /** Environment for a child JVM whose SDK should find credentials and region on its own. */
  public Map<String, String> childEnvironment() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY,
        "AWS_REGION", REGION,
        // Never ask an instance metadata service: there is none, and no address but loopback is ours.
        "AWS_EC2_METADATA_DISABLED", "true");
  }

  @Override
  public String toString() {
    return "KmsEndpoint[" + uri + "]";
  }
}
