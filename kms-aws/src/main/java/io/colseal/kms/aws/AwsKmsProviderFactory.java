package io.colseal.kms.aws;

import io.colseal.config.Redaction;
import io.colseal.config.Setting;
import io.colseal.config.Settings;
import io.colseal.exception.ColsealConfigException;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;
import io.colseal.kms.KmsSettings;
import io.colseal.kms.SigningKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * {@code colseal.kms.provider=aws-kms}: builds a {@link KmsClient} that the provider owns and closes.
 *
 * <ul>
 *   <li>{@code colseal.kms.kek-id} (required): the KMS key id, key ARN, alias name or alias ARN.
 *   <li>{@code colseal.kms.aws.region} (optional): default, the SDK's region provider chain
 *       ({@code AWS_REGION}, {@code aws.region}, the profile, instance metadata).
 *   <li>{@code colseal.kms.aws.endpoint} (optional): an {@code http(s)} endpoint override; without
 *       it the SDK resolves the endpoint itself and honours {@code AWS_ENDPOINT_URL_KMS}.
 *   <li>{@code colseal.kms.aws.call-timeout} (default {@code PT10S}): the longest one KMS call may
 *       take, the SDK's retries included, so an unreachable KMS fails fast with {@code
 *       KMS_UNAVAILABLE} instead of holding a request thread for minutes.
 * </ul>
 *
 * <p>Credentials come from the SDK's default provider chain. Building the client makes no call to
 * KMS; a bad KEK id shows on the first data key.
 */
public final class AwsKmsProviderFactory implements KmsProviderFactory {
  private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** {@code colseal.kms.aws.region}: the AWS region of the KMS client; default, the SDK's region provider chain. */
  public static final Setting<Region> REGION = Setting.of("colseal.kms.aws.region", Region.class, null,
      "an AWS region name such as eu-west-1", s -> {
        String region = s.trim();
        if (!REGION_NAME.matcher(region).matches()) {
          throw new IllegalArgumentException("not a region name");
        }
        return Region.of(region);
      });

  /**
   * {@code colseal.kms.aws.endpoint}: an endpoint override; without it the SDK resolves the endpoint
   * itself and honours {@code AWS_ENDPOINT_URL_KMS}.
   */
  public static final Setting<URI> ENDPOINT = Setting.of("colseal.kms.aws.endpoint", URI.class, null,
      "an http(s) URL with a host and no user info, such as https://kms.eu-west-1.amazonaws.com",
      AwsKmsProviderFactory::endpoint);

  /**
   * {@code colseal.kms.aws.call-timeout}: the longest one KMS call may take, the SDK's retries
   * included, so an unreachable KMS fails fast with {@code KMS_UNAVAILABLE}.
   */
  public static final Setting<Duration> CALL_TIMEOUT = Setting.duration("colseal.kms.aws.call-timeout",
      Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5));

  /** For {@link java.util.ServiceLoader}. */
  public AwsKmsProviderFactory() {}

  @Override
  public String name() {
    return AwsKmsProvider.NAME;
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(REGION, ENDPOINT, CALL_TIMEOUT);
  }

  @Override
  public KmsProvider create(Settings settings) {
    String kekId = settings.require(KmsSettings.KEK_ID, "the AWS KMS key id, ARN or alias that wraps data keys");
    return AwsKmsProvider.owning(client(settings), kekId);
  }

  /** The KMS asymmetric key {@code keyId} ({@link AwsSigningKey}), with a client of these settings. */
  @Override
  public SigningKey signingKey(Settings settings, String keyId) {
    return AwsSigningKey.open(client(settings), true, keyId);
  }

  /**
   * A KMS client as the {@code aws-kms} provider builds it: the URL-connection HTTP client, region
   * and endpoint from {@link #REGION} and {@link #ENDPOINT} (else the SDK's chains), every call
   * bounded by {@link #CALL_TIMEOUT}, credentials from the SDK's default chain. The caller closes it.
   *
   * @throws ColsealConfigException if the SDK cannot build it (typically: no region anywhere)
   */
  public static KmsClient client(Settings settings) {
    KmsClientBuilder builder = KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    settings.find(REGION).ifPresent(builder::region);
    settings.find(ENDPOINT).ifPresent(builder::endpointOverride);
    Duration timeout = settings.require(CALL_TIMEOUT, "the longest KMS call");
    builder.overrideConfiguration(c -> c.apiCallTimeout(timeout));
    try {
      return builder.build();
    } catch (SdkClientException e) {
      // Typically no region anywhere in the SDK's chain.
      throw new ColsealConfigException("cannot build the AWS KMS client: " + e.getMessage() + "; set "
          + REGION.name() + " or AWS_REGION", e);
    }
  }

  private static URI endpoint(String text) {
    String raw = text.trim();
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("not an http(s) URL with a host and no user info: " + Redaction.maskUrl(raw));
    }
    return uri;
  }

  @Override
  public String toString() {
    return "AwsKmsProviderFactory[" + name() + "]";
  }
}
