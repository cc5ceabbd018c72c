package io.colseal.spring.internal;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;

/** {@link FlywayLocations} for Spring Boot 3 ({@code org.springframework.boot.autoconfigure.flyway}). */
final class Boot3FlywayCustomizer implements FlywayConfigurationCustomizer {
  private final FlywayLocations locations;

  Boot3FlywayCustomizer(FlywayLocations locations) {
    this.locations = locations;
  }

  @Override
  public void customize(FluentConfiguration configuration) {
    locations.customize(configuration);
  }
}
