package io.colseal.spring.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code colseal} health indicator on Spring Boot 4 ({@code org.springframework.boot.health.contributor}). */
final class Boot4HealthIndicator implements HealthIndicator {
  private final ColsealHealthCheck check;

  Boot4HealthIndicator(ColsealHealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    ColsealHealthCheck.Report r = check.check();
    return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
  }
}
