package io.colseal.kms.aws;

import io.colseal.ColsealConfig;
import io.colseal.exception.ColsealConfigException;
import io.colseal.ColsealSettings;
import io.colseal.config.Redaction;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
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
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  @Override
  public String name() {
    return AwsKmsProvider.NAME;
  }

  @Override
  public KmsProvider create(ColsealConfig config) {
    String kekId = config.requireSetting(ColsealSettings.KEK_ID, "the AWS KMS key id, ARN or alias that wraps data keys");
    KmsClientBuilder builder = KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    region(config).ifPresent(builder::region);
    endpoint(config).ifPresent(builder::endpointOverride);
    Duration timeout = callTimeout(config);
    builder.overrideConfiguration(c -> c.apiCallTimeout(timeout));
    KmsClient client;
    try {
      client = builder.build();
    } catch (SdkClientException e) {
      // Typically no region anywhere in the SDK's chain.
      throw new ColsealConfigException("cannot build the AWS KMS client: " + e.getMessage() + "; set "
          + ColsealSettings.AWS_REGION + " or AWS_REGION", e);
    }
    return AwsKmsProvider.owning(client, kekId);
  }

  static Optional<Region> region(ColsealConfig config) {
    Optional<String> value = config.setting(ColsealSettings.AWS_REGION);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String region = value.get().trim();
    if (!REGION.matcher(region).matches()) {
      throw new ColsealConfigException(
          ColsealSettings.AWS_REGION + " must be an AWS region name such as eu-west-1, got '" + value.get() + "'");
    }
    return Optional.of(Region.of(region));
  }

  static Duration callTimeout(ColsealConfig config) {
    Optional<String> value = config.setting(ColsealSettings.AWS_CALL_TIMEOUT);
    if (value.isEmpty()) {
      return DEFAULT_CALL_TIMEOUT;
    }
    Duration d;
    try {
      d = Duration.parse(value.get().trim());
    } catch (DateTimeParseException e) {
      d = null;
    }
    if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new ColsealConfigException(ColsealSettings.AWS_CALL_TIMEOUT
          + " must be an ISO-8601 duration from PT1S to PT5M, such as PT10S, got '" + value.get() + "'");
    }
    return d;
  }

  static Optional<URI> endpoint(ColsealConfig config) {
    Optional<String> value = config.setting(ColsealSettings.AWS_ENDPOINT);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String raw = value.get().trim();
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw badEndpoint(raw);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw badEndpoint(raw);
    }
    return Optional.of(uri);
  }

  private static ColsealConfigException badEndpoint(String raw) {
    return new ColsealConfigException(ColsealSettings.AWS_ENDPOINT
        + " must be an http(s) URL with a host and no user info, such as https://kms.eu-west-1.amazonaws.com, got '"
        + Redaction.maskUrl(raw) + "'");
  }

  @Override
  public String toString() {
    return "AwsKmsProviderFactory[" + name() + "]";
  }
}
