package io.colseal.benchmarks.kms;

import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * KMS clients of the harness and the KEK it creates. The endpoint is a KMS protocol server such as
 * moto_server, reached with dummy credentials in region {@code us-east-1}; the client uses the same
 * HTTP client as colseal's {@code aws-kms} provider factory.
 */
final class HarnessKms {
  static final Region REGION = Region.US_EAST_1;
  private static final String ACCESS_KEY_ID = "colseal-harness";
  private static final String SECRET_ACCESS_KEY = "colseal-harness-secret";

  private HarnessKms() {}

  /** A client of {@code endpoint} that reports every call to {@code interceptors}. */
  static KmsClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    return KmsClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> {
          for (ExecutionInterceptor i : interceptors) {
            c.addExecutionInterceptor(i);
          }
        })
        .build();
  }

  /**
   * A symmetric KMS key with an alias of its own, made by the harness (its calls are not counted:
   * they are no application's). {@link #close()} deletes the alias and schedules the key for
   * deletion.
   */
  static final class Kek implements AutoCloseable {
    private final KmsClient client;
    private final String keyId;
    private final String keyArn;
    private final String alias;

    private Kek(KmsClient client, String keyId, String keyArn, String alias) {
      this.client = client;
      this.keyId = keyId;
      this.keyArn = keyArn;
      this.alias = alias;
    }

    static Kek create(URI endpoint) {
      KmsClient client = client(endpoint);
      try {
        KeyMetadata key = client.createKey(r -> r.description("colseal KMS call harness")).keyMetadata();
        String alias = "alias/colseal-harness-" + UUID.randomUUID().toString().substring(0, 8);
        client.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
        return new Kek(client, key.keyId(), key.arn(), alias);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }

    /** The alias, which the application processes are configured with, as an application would be. */
    String alias() {
      return alias;
    }

    /** The key ARN, which colseal stores with each wrapped data key. */
    String keyArn() {
      return keyArn;
    }

    @Override
    public void close() {
      try {
        client.deleteAlias(r -> r.aliasName(alias));
        // By key id: moto_server fails ScheduleKeyDeletion given an ARN.
        client.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));
      } catch (SdkException e) {
        // Best effort: a moto_server of the harness is stopped anyway; a shared one keeps a stray key.
        System.err.println("could not delete the harness KEK " + keyArn + ": " + e.getMessage());
      } finally {
        client.close();
      }
    }
  }
}
