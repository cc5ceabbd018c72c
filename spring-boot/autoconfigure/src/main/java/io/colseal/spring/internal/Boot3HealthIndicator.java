package io.colseal.spring.internal;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code colseal} health indicator on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
final class Boot3HealthIndicator implements HealthIndicator {
  private final ColsealHealthCheck check;

  Boot3HealthIndicator(ColsealHealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    ColsealHealthCheck.Report r = check.check();
    return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
  }
}
