package io.colseal.spring.internal;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

/** {@link FlywayLocations} for Spring Boot 4 ({@code org.springframework.boot.flyway.autoconfigure}). */
final class Boot4FlywayCustomizer implements FlywayConfigurationCustomizer {
  private final FlywayLocations locations;

  Boot4FlywayCustomizer(FlywayLocations locations) {
    this.locations = locations;
  }

  @Override
  public void customize(FluentConfiguration configuration) {
    locations.customize(configuration);
  }
}
