package io.colseal.testing;

import io.colseal.config.Setting;
import io.colseal.config.Settings;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;
import io.colseal.kms.KmsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A KEK provider as a third party would add one: its own module, a {@code META-INF/services} entry
 * and its own settings. Builds an {@link InMemoryKms}; the settings it read are kept for tests.
 */
public final class ThirdPartyKmsFactory implements KmsProviderFactory {
  public static final Setting<URI> ENDPOINT = Setting.of("colseal.kms.acme.endpoint", URI.class, null,
      "an https URL", s -> {
        URI u = URI.create(s.trim());
        if (!"https".equals(u.getScheme())) {
          throw new IllegalArgumentException("not https");
        }
        return u;
      });
  public static final Setting<String> TOKEN = Setting.secret("colseal.kms.acme.token");
  public static final Setting<Duration> TIMEOUT =
      Setting.duration("colseal.kms.acme.timeout", Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMinutes(1));

  /** What the last {@link #create} read. */
  public static volatile Settings lastSettings;

  @Override
  public String name() {
    return "acme-kms";
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(ENDPOINT, TOKEN, TIMEOUT);
  }

  @Override
  public KmsProvider create(Settings settings) {
    settings.require(ENDPOINT, "the ACME KMS endpoint");
    settings.require(TOKEN, "the ACME API token");
    lastSettings = settings;
    return new InMemoryKms(settings.require(KmsSettings.KEK_ID, "the ACME key"));
  }
}
